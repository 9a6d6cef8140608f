// Every text the extension shows, in one place: French for Caf staff (the
// default), English when the `clasRules.language` setting asks for it (see
// `commandLanguage`), the language the commands' programs then speak too.
// Pure: no `vscode` import.

/** The French texts. */
const FRENCH = {
  channels: {
    decisions: 'CLAS — décisions',
    comparison: 'CLAS — comparaison',
    tests: 'CLAS — tests',
    server: 'CLAS — serveur de langage',
  },

  buttons: {
    openSetting: 'Ouvrir le réglage',
    showOutput: 'Voir le détail',
    showTests: 'Ouvrir l’onglet Tests',
    openApplication: 'Ouvrir la demande',
    restart: 'Redémarrer le serveur',
    manageTrust: 'Gérer la confiance',
  },

  m: {
    binaryNotFound: (setting: string) =>
      `CLAS : le programme « ${setting} » est introuvable. Installez clas-rules ou indiquez son chemin complet dans le réglage « clasRules.path ».`,
    binaryFailed: (binary: string, reason: string) =>
      `CLAS : impossible de lancer « ${binary} » (${reason}). Vérifiez le réglage « clasRules.path ».`,
    serverStarted: (binary: string, setting: string, displayLanguage: string) =>
      `Serveur de langage CLAS démarré : ${binary} lsp (langue des messages : ${setting}, langue de VS Code : ${displayLanguage})`,
    serverRestarted: 'CLAS : serveur de langage redémarré.',
    serverStopped:
      'CLAS : le serveur de langage s’est arrêté plusieurs fois. Utilisez « CLAS : redémarrer le serveur de langage ».',
    serverStartFailed: (reason: string) => `CLAS : le serveur de langage n’a pas pu démarrer (${reason}).`,

    untrusted:
      'CLAS : ce dossier n’est pas approuvé (mode restreint) : l’extension ne lance aucun programme. Pour vérifier, évaluer, comparer ou tester les règles, faites confiance au dossier.',
    untrustedServer:
      'Dossier non approuvé (mode restreint) : le serveur de langage n’est pas lancé. Il démarrera dès que le dossier sera approuvé.',

    explainTitle: (code: string) => `# ${code}`,
    explainBadCode: (text: string) =>
      `« ${text} » n’est pas un code de diagnostic de clas-rules (un code ressemble à E0203).`,
    explainUntrusted: (code: string) =>
      `L’explication du code ${code} n’est pas affichée : ce dossier n’est pas approuvé (mode restreint), et l’extension n’y lance aucun programme.`,
    explainFailed: (code: string, reason: string) =>
      `L’explication du code ${code} n’a pas pu être obtenue : ${reason}.`,
    explainExitReason: (exitCode: number | null) =>
      `la commande « clas-rules explain » a échoué (code ${exitCode ?? 'inconnu'})`,
    explainEmptyReason: 'la commande « clas-rules explain » n’a rien affiché',
    explainHint:
      'Cette version de clas-rules ne sait peut-être pas encore expliquer les codes : installez une version plus récente de l’extension (ou du programme indiqué dans « clasRules.path »).',
    explainDetails: 'Détail technique :',

    noRulebook: 'CLAS : ouvrez d’abord un fichier de règles (.clas) dans l’éditeur.',
    saveFirst: 'CLAS : enregistrez d’abord ce fichier de règles (il n’a pas encore de nom).',

    pickApplication: 'Choisir la demande à évaluer (fichier JSON)',
    pickApplicationButton: 'Évaluer cette demande',
    applicationFilter: 'Demande (JSON)',
    evaluating: 'CLAS : évaluation de la demande…',
    invalidApplication: (count: number) =>
      `CLAS : la demande n’est pas valide (${count} problème${count > 1 ? 's' : ''}) : aucune décision n’a été prise.`,
    invalidApplicationTitle: 'La demande n’est pas valide : aucune décision n’a été prise. Problèmes relevés :',
    rulebookErrors: 'CLAS : le fichier de règles contient des erreurs : aucune décision n’a été prise.',
    rulebookErrorsTitle: 'Le fichier de règles contient des erreurs : aucune décision n’a été prise.',
    unexpectedExit: (code: number | null) => `CLAS : clas-rules s’est arrêté de façon inattendue (code ${code ?? 'inconnu'}).`,
    timedOut: 'CLAS : clas-rules a mis trop de temps à répondre ; l’opération a été interrompue.',

    noYear: 'CLAS : l’en-tête de ce fichier de règles n’indique pas d’année (ligne year "…").',
    noExtends: (year: string) =>
      `CLAS : les règles ${year} n’héritent d’aucune année (pas de ligne extends "…") : il n’y a pas d’année précédente à comparer.`,
    parentYearUnknown: (value: string) =>
      `CLAS : impossible de trouver l’année des règles héritées (extends "${value}").`,
    compareTitle: (from: string, to: string) => `Comparer ${from} → ${to}`,
    compareFolder: 'Comparer les décisions sur un dossier de demandes…',
    compareFolderDetail:
      'Rejoue les demandes d’un dossier avec les règles des deux années : statut, montants, budget.',
    compareRules: 'Comparer seulement les règles',
    compareRulesDetail: 'Paramètres, règles et champs de la demande qui diffèrent, sans demande.',
    pickApplicationsFolder: 'Choisir le dossier des demandes à comparer',
    pickApplicationsFolderButton: 'Comparer ces demandes',
    comparing: (from: string, to: string) => `CLAS : comparaison ${from} → ${to}…`,
    compareFailed: 'CLAS : la comparaison n’a pas pu être faite.',

    noRulesDir: 'CLAS : aucun dossier de règles trouvé. Ouvrez un fichier .clas, ou indiquez le dossier dans le réglage « clasRules.rulesDir ».',
    pickRulesDir: 'Choisir le dossier des règles (avec les cas de test)',
    pickRulesDirButton: 'Lancer les tests',
    testing: 'CLAS : tests des règles en cours…',
    testsResult: (summary: string) => `CLAS : tests des règles — ${summary}.`,
    testsFailed: 'CLAS : les tests des règles n’ont pas pu être lancés.',
    testCaseFailed: 'Cas de test en échec',
    testCaseNotReported: 'Ce fichier n’a pas été lu comme un cas de test (pas de « demande » ?).',
    testControllerLabel: 'Règles CLAS',
    testRunProfile: 'Lancer les tests des règles',
    coverageTitle: 'Règles qu’aucun cas ne déclenche',
    notice: (text: string) => `CLAS : ${text}`,
  },

  // Built from what the commands' programs print.
  summaries: {
    /** `Décision : ÉLIGIBLE — Total accordé : 2 563,00 €`. */
    decision: (status: string, total?: { label: string; value: string }) =>
      total ? `Décision : ${status} — ${total.label} : ${total.value}` : `Décision : ${status}`,
    rulesSame: (from: string, to: string) => `${from} → ${to} : aucune différence entre les règles.`,
    rulesDiffer: (from: string, to: string, count: number, parts: string[]) =>
      `${from} → ${to} : ${count} différence${count > 1 ? 's' : ''} (${parts.join(', ')}).`,
    rulesSection: (title: string, count: number) => `${title.toLowerCase()} : ${count}`,
    noApplications: (from: string, to: string) => `${from} → ${to} : aucune demande trouvée (fichiers JSON).`,
    applicationsCompared: (from: string, to: string, count: number, changed: number, statusChanged: number) =>
      `${from} → ${to} : ${count} demande${count > 1 ? 's' : ''} comparée${count > 1 ? 's' : ''}, ` +
      `${changed} change${changed > 1 ? 'nt' : ''} (dont ${statusChanged} de statut).`,
    budgetTotal: (from: string, to: string, change: string) => ` Budget total : ${from} → ${to} (${change}).`,
    tests: (passed: number, failed: number) => `${passed} réussi(s), ${failed} échoué(s)`,
    testsUpdated: (updated: number) => `, ${updated} mis à jour`,
    uncovered: (parts: string[]) => ` ; règles sans cas de test : ${parts.join(', ')}`,
    uncoveredIn: (count: number, year: string, caf?: string) => `${count} en ${caf ? `Caf ${caf}, ` : ''}${year}`,
  },

  // The head of an output channel before a command's output: `Demande : …`.
  labels: {
    application: 'Demande',
    rules: 'Règles',
    years: 'Années',
    applications: 'Demandes',
    noApplications: '(aucune : comparaison des règles)',
    command: 'Commande',
    separator: ' : ',
  },

  // Why a program could not be started, from a Node error code.
  reasons: {
    notFound: 'programme introuvable',
    notExecutable: 'le fichier n’est pas exécutable',
    unknown: 'erreur inconnue',
  },
};

/** A catalog: the French one's shape, every text in one language. */
export type Catalog = typeof FRENCH;

/** The English texts, for engineers. */
const ENGLISH: Catalog = {
  channels: {
    decisions: 'CLAS — decisions',
    comparison: 'CLAS — comparison',
    tests: 'CLAS — tests',
    server: 'CLAS — language server',
  },

  buttons: {
    openSetting: 'Open the setting',
    showOutput: 'Show details',
    showTests: 'Open the Testing view',
    openApplication: 'Open the application',
    restart: 'Restart the server',
    manageTrust: 'Manage trust',
  },

  m: {
    binaryNotFound: (setting: string) =>
      `CLAS: the program “${setting}” cannot be found. Install clas-rules or give its full path in the “clasRules.path” setting.`,
    binaryFailed: (binary: string, reason: string) =>
      `CLAS: “${binary}” could not be started (${reason}). Check the “clasRules.path” setting.`,
    serverStarted: (binary: string, setting: string, displayLanguage: string) =>
      `CLAS language server started: ${binary} lsp (language of messages: ${setting}, VS Code's language: ${displayLanguage})`,
    serverRestarted: 'CLAS: language server restarted.',
    serverStopped: 'CLAS: the language server stopped several times. Use “CLAS: restart the language server”.',
    serverStartFailed: (reason: string) => `CLAS: the language server could not start (${reason}).`,

    untrusted:
      'CLAS: this folder is not trusted (restricted mode): the extension runs no program. To check, evaluate, compare or test the rules, trust the folder.',
    untrustedServer:
      'Folder not trusted (restricted mode): the language server is not started. It starts as soon as the folder is trusted.',

    explainTitle: (code: string) => `# ${code}`,
    explainBadCode: (text: string) => `“${text}” is not a clas-rules diagnostic code (a code looks like E0203).`,
    explainUntrusted: (code: string) =>
      `The explanation of code ${code} is not shown: this folder is not trusted (restricted mode), and the extension runs no program in it.`,
    explainFailed: (code: string, reason: string) => `The explanation of code ${code} could not be obtained: ${reason}.`,
    explainExitReason: (exitCode: number | null) =>
      `the command “clas-rules explain” exited with code ${exitCode ?? 'unknown'}`,
    explainEmptyReason: 'the command “clas-rules explain” printed nothing',
    explainHint:
      'This version of clas-rules may not explain codes yet: install a newer version of the extension (or of the program named in “clasRules.path”).',
    explainDetails: 'Technical details:',

    noRulebook: 'CLAS: open a rules file (.clas) in the editor first.',
    saveFirst: 'CLAS: save this rules file first (it has no name yet).',

    pickApplication: 'Choose the application to evaluate (JSON file)',
    pickApplicationButton: 'Evaluate this application',
    applicationFilter: 'Application (JSON)',
    evaluating: 'CLAS: evaluating the application…',
    invalidApplication: (count: number) =>
      `CLAS: the application is not valid (${count} problem${count > 1 ? 's' : ''}): no decision was made.`,
    invalidApplicationTitle: 'The application is not valid: no decision was made. Problems found:',
    rulebookErrors: 'CLAS: the rules file has errors: no decision was made.',
    rulebookErrorsTitle: 'The rules file has errors: no decision was made.',
    unexpectedExit: (code: number | null) => `CLAS: clas-rules stopped unexpectedly (code ${code ?? 'unknown'}).`,
    timedOut: 'CLAS: clas-rules took too long to answer; the operation was stopped.',

    noYear: 'CLAS: the header of this rules file gives no year (line year "…").',
    noExtends: (year: string) =>
      `CLAS: the ${year} rules extend no year (no line extends "…"): there is no previous year to compare with.`,
    parentYearUnknown: (value: string) => `CLAS: the year of the extended rules cannot be found (extends "${value}").`,
    compareTitle: (from: string, to: string) => `Compare ${from} → ${to}`,
    compareFolder: 'Compare the decisions on a folder of applications…',
    compareFolderDetail: 'Runs the applications of a folder under the rules of both years: status, amounts, budget.',
    compareRules: 'Compare the rules only',
    compareRulesDetail: 'Parameters, rules and application fields that differ, without applications.',
    pickApplicationsFolder: 'Choose the folder of applications to compare',
    pickApplicationsFolderButton: 'Compare these applications',
    comparing: (from: string, to: string) => `CLAS: comparing ${from} → ${to}…`,
    compareFailed: 'CLAS: the comparison could not be made.',

    noRulesDir: 'CLAS: no rules folder found. Open a .clas file, or give the folder in the “clasRules.rulesDir” setting.',
    pickRulesDir: 'Choose the rules folder (with the test cases)',
    pickRulesDirButton: 'Run the tests',
    testing: 'CLAS: testing the rules…',
    testsResult: (summary: string) => `CLAS: rule tests — ${summary}.`,
    testsFailed: 'CLAS: the rule tests could not be run.',
    testCaseFailed: 'Test case failed',
    testCaseNotReported: 'This file was not read as a test case (no “demande”?).',
    testControllerLabel: 'CLAS rules',
    testRunProfile: 'Run the rule tests',
    coverageTitle: 'Rules that no case triggers',
    notice: (text: string) => `CLAS: ${text}`,
  },

  summaries: {
    decision: (status: string, total?: { label: string; value: string }) =>
      total ? `Decision: ${status} — ${total.label}: ${total.value}` : `Decision: ${status}`,
    rulesSame: (from: string, to: string) => `${from} → ${to}: no difference between the rules.`,
    rulesDiffer: (from: string, to: string, count: number, parts: string[]) =>
      `${from} → ${to}: ${count} difference${count === 1 ? '' : 's'} (${parts.join(', ')}).`,
    rulesSection: (title: string, count: number) => `${title.toLowerCase()}: ${count}`,
    noApplications: (from: string, to: string) => `${from} → ${to}: no application found (JSON files).`,
    applicationsCompared: (from: string, to: string, count: number, changed: number, statusChanged: number) =>
      `${from} → ${to}: ${count} application${count === 1 ? '' : 's'} compared, ` +
      `${changed} change${changed === 1 ? 's' : ''} (${statusChanged} of them in status).`,
    budgetTotal: (from: string, to: string, change: string) => ` Total budget: ${from} → ${to} (${change}).`,
    tests: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
    testsUpdated: (updated: number) => `, ${updated} updated`,
    uncovered: (parts: string[]) => `; rules without a test case: ${parts.join(', ')}`,
    uncoveredIn: (count: number, year: string, caf?: string) => `${count} in ${caf ? `Caf ${caf}, ` : ''}${year}`,
  },

  labels: {
    application: 'Application',
    rules: 'Rules',
    years: 'Years',
    applications: 'Applications',
    noApplications: '(none: the rules are compared)',
    command: 'Command',
    separator: ': ',
  },

  reasons: {
    notFound: 'program not found',
    notExecutable: 'the file is not executable',
    unknown: 'unknown error',
  },
};

/** Both catalogs, by language. */
export const CATALOGS: { readonly fr: Catalog; readonly en: Catalog } = { fr: FRENCH, en: ENGLISH };

// The texts of the language in use. Module bindings that `useLanguage`
// replaces: every reader sees the current catalog.
export let CHANNELS = FRENCH.channels;
export let BUTTONS = FRENCH.buttons;
export let M = FRENCH.m;
export let SUMMARIES = FRENCH.summaries;
export let LABELS = FRENCH.labels;
let reasons = FRENCH.reasons;
let current: 'fr' | 'en' = 'fr';

/** Makes `language` the language of every text the extension shows from now on. */
export function useLanguage(language: 'fr' | 'en'): void {
  const catalog = CATALOGS[language];
  current = language;
  CHANNELS = catalog.channels;
  BUTTONS = catalog.buttons;
  M = catalog.m;
  SUMMARIES = catalog.summaries;
  LABELS = catalog.labels;
  reasons = catalog.reasons;
}

/** The language in use (`fr` until `useLanguage` says otherwise). */
export function languageInUse(): 'fr' | 'en' {
  return current;
}

/** Why a program could not be started, from a Node error code. */
export function startFailureReason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return reasons.notFound;
    case 'EACCES':
      return reasons.notExecutable;
    default:
      return code ?? reasons.unknown;
  }
}
