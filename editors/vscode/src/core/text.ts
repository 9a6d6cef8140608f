// Small text helpers shared by the parsers. Pure.

/** The text without terminal colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** French plural: `1 demande`, `2 demandes`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 || count === 0 ? singular : pluralForm}`;
}
