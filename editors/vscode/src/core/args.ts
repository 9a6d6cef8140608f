// Command lines of `clas-rules`, built from what the user chose. Pure: no
// `vscode` import, so the unit tests run under plain Node.

/** `clas-rules lsp`: the language server on standard input and output. */
export function lspArgs(): string[] {
  return ['lsp'];
}

export interface EvalOptions {
  /** The rulebook to apply (the file open in the editor). */
  rules: string;
  /** The application, a JSON file. */
  application: string;
  /** The folder of rulebooks, when the user configured one. */
  rulesDir?: string;
  /** Show how each amount was computed and why each rule fired (default: yes). */
  explain?: boolean;
  format?: 'human' | 'json';
}

/** `clas-rules eval --rules FILE [--rules-dir DIR] [--format json] --explain APPLICATION`. */
export function evalArgs(options: EvalOptions): string[] {
  const args = ['eval', '--rules', options.rules];
  if (options.rulesDir) args.push('--rules-dir', options.rulesDir);
  if (options.format && options.format !== 'human') args.push('--format', options.format);
  if (options.explain !== false) args.push('--explain');
  args.push(options.application);
  return args;
}

export interface DiffOptions {
  /** The school year compared from (the year the rulebook extends). */
  from: string;
  /** The school year compared to (the rulebook's own year). */
  to: string;
  /** Applications (JSON files or folders); none compares the rulebooks themselves. */
  applications?: string[];
  rulesDir?: string;
  keepDates?: boolean;
}

/** `clas-rules diff --from Y1 --to Y2 [--rules-dir DIR] (APPLICATIONS… | --rules)`. */
export function diffArgs(options: DiffOptions): string[] {
  const args = ['diff', '--from', options.from, '--to', options.to];
  if (options.rulesDir) args.push('--rules-dir', options.rulesDir);
  if (options.keepDates) args.push('--keep-dates');
  const applications = options.applications ?? [];
  if (applications.length === 0) args.push('--rules');
  else args.push(...applications);
  return args;
}

export interface TestOptions {
  /** The folder searched for test cases (usually the rules folder). */
  dir: string;
  rulesDir?: string;
  update?: boolean;
}

/** `clas-rules test DIR [--rules-dir DIR] [--update]`. */
export function testArgs(options: TestOptions): string[] {
  const args = ['test', options.dir];
  if (options.rulesDir) args.push('--rules-dir', options.rulesDir);
  if (options.update) args.push('--update');
  return args;
}

/** `clas-rules explain CODE [--lang en]`: the explanation of a diagnostic code, in markdown. */
export function explainArgs(code: string, language: 'fr' | 'en'): string[] {
  const args = ['explain', code];
  if (language === 'en') args.push('--lang', 'en');
  return args;
}

/** `clas-rules check FILE…`. */
export function checkArgs(files: string[]): string[] {
  return ['check', ...files];
}

/** A command line as a person would type it in a POSIX shell, for the output panels. */
export function commandLine(binary: string, args: string[]): string {
  return [binary, ...args].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/u.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
