// Reading the header of a rulebook (`rulebook "…" year "…" extends "…"`)
// without the language server, to know which years to compare. Pure.

export interface RulebookHeader {
  title?: string;
  year?: string;
  extends?: string;
  version?: string;
  source?: string;
  /** The layer the rulebook belongs to (`national`, `caf-63`), if it names one. */
  layer?: string;
  /** The layer it is written over (`national`), if any. */
  over?: string;
  /** The 0-based line of the `rulebook` keyword. */
  line: number;
}

const HEADER_KEYS = new Set(['year', 'version', 'extends', 'source', 'layer', 'over']);

/**
 * The header of a rulebook, or undefined when the text has no `rulebook`
 * declaration. The header runs from `rulebook` at the start of a line to the
 * next line that starts with something other than a space or a comment, as
 * the tool itself cuts declarations.
 */
export function parseHeader(text: string): RulebookHeader | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => /^rulebook(?![\p{L}\p{N}_])/u.test(l));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^[\s#]/.test(lines[end]))) end++;
  const tokens = tokenize(lines.slice(start, end).join('\n'));
  const header: RulebookHeader = { line: start };
  let i = 1; // after `rulebook`
  if (tokens[i]?.kind === 'text') header.title = tokens[i++].value;
  while (i < tokens.length) {
    const key = tokens[i];
    const value = tokens[i + 1];
    if (key.kind === 'word' && HEADER_KEYS.has(key.value) && value?.kind === 'text') {
      header[key.value as 'year' | 'version' | 'extends' | 'source' | 'layer' | 'over'] = value.value;
      i += 2;
    } else {
      i += 1;
    }
  }
  return header;
}

type Token = { kind: 'word' | 'text' | 'other'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < source.length && source[i] !== '"' && source[i] !== '\n') {
        if (source[i] === '\\' && i + 1 < source.length) {
          const next = source[i + 1];
          value += next === 'n' ? '\n' : next;
          i += 2;
        } else {
          value += source[i++];
        }
      }
      i++; // the closing quote
      tokens.push({ kind: 'text', value });
    } else if (/[\p{L}_]/u.test(c)) {
      let word = '';
      while (i < source.length && /[\p{L}\p{N}_]/u.test(source[i])) word += source[i++];
      tokens.push({ kind: 'word', value: word });
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ kind: 'other', value: c });
      i++;
    }
  }
  return tokens;
}

/** Whether a text is a school year, `2023-2024`. */
export function isSchoolYear(text: string): boolean {
  const m = /^(\d{4})-(\d{4})$/.exec(text);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/**
 * The school year a rulebook extends. `extends` is either a school year
 * (`"2023-2024"`) or a path inside the rules folder (`"clas/2023-2024"`), in
 * which case `read` gives the text of that rulebook (with or without `.clas`)
 * and its own `year` is the answer.
 */
export function parentYear(
  extendsValue: string,
  read: (relativePath: string) => string | undefined,
): string | undefined {
  const value = extendsValue.trim();
  if (isSchoolYear(value)) return value;
  const candidates = value.endsWith('.clas') ? [value] : [`${value}.clas`, value];
  for (const candidate of candidates) {
    const text = read(candidate);
    if (text === undefined) continue;
    const year = parseHeader(text)?.year;
    if (year) return year;
  }
  return undefined;
}
