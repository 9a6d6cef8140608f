// The language of what clas-rules says (diagnostics, hovers, decisions,
// explanations): the `clasRules.language` setting, and what follows from it
// for the language server, the commands' programs and `explain`. Pure.

/** The values of `clasRules.language`: `auto` follows VS Code's display language. */
export const LANGUAGE_SETTINGS = ['auto', 'fr', 'en'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** The setting as written, or `auto` for anything else (absent, misspelt). */
export function languageSetting(value: unknown): LanguageSetting {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return (LANGUAGE_SETTINGS as readonly string[]).includes(text) ? (text as LanguageSetting) : 'auto';
}

/**
 * The language to ask for when the extension must choose one itself (the
 * explanations): the setting when it names one, else English when VS Code is
 * displayed in English, else French, the staff's language.
 */
export function chosenLanguage(setting: LanguageSetting, displayLanguage: string | undefined): 'fr' | 'en' {
  if (setting !== 'auto') return setting;
  return /^en\b/i.test(displayLanguage ?? '') ? 'en' : 'fr';
}

/**
 * The language of the commands (what their programs print, and the
 * extension's own notices): the setting when it names one, else French,
 * clas-rules' default, whatever VS Code's display language.
 */
export function commandLanguage(setting: LanguageSetting): 'fr' | 'en' {
  return setting === 'auto' ? 'fr' : setting;
}

/** The variables that tell a program the language: `CLAS_LANG` when the setting names one. */
export function languageEnvironment(setting: LanguageSetting): { CLAS_LANG?: string } {
  return setting === 'auto' ? {} : { CLAS_LANG: setting };
}

/** What the language server receives in `initializationOptions`. */
export function serverInitializationOptions(setting: LanguageSetting): { language: LanguageSetting } {
  return { language: setting };
}
