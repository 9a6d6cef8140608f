// Expanding a VS Code snippet body with each placeholder's default value, as
// if the user accepted every default (choices take their first value).

export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const values = new Map<string, string>();
  let i = 0;

  function parse(until: string | undefined): string {
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (until !== undefined && c === until) return out;
      if (c === '\\' && i + 1 < text.length && '$}\\,|'.includes(text[i + 1])) {
        out += text[i + 1];
        i += 2;
      } else if (c === '$') {
        out += placeholder();
      } else {
        out += c;
        i += 1;
      }
    }
    return out;
  }

  function placeholder(): string {
    i += 1; // $
    let m = /^(\d+)/.exec(text.slice(i));
    if (m) {
      i += m[1].length;
      return values.get(m[1]) ?? '';
    }
    if (text[i] !== '{') return '$';
    i += 1;
    m = /^(\d+)/.exec(text.slice(i));
    if (!m) throw new Error(`variables are not supported: ${text.slice(i - 2, i + 20)}`);
    const index = m[1];
    i += index.length;
    let value = '';
    if (text[i] === ':') {
      i += 1;
      value = parse('}');
    } else if (text[i] === '|') {
      i += 1;
      const end = text.indexOf('|}', i);
      value = text.slice(i, end).split(',')[0];
      i = end + 1;
    }
    if (text[i] !== '}') throw new Error(`unclosed placeholder \${${index}`);
    i += 1;
    if (!values.has(index)) values.set(index, value);
    return values.get(index) ?? value;
  }

  return parse(undefined);
}
