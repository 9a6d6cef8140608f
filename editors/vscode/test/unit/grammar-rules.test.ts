// Every real rulebook (rules/**/*.clas) tokenizes completely with the
// grammar: nothing invalid, no character left without a scope, every
// declaration recognised at the start of its line, no region (string,
// record, header) leaking past its end. The inline scope assertions are in
// test/grammar/*.clas; snapshots of frozen copies in test/snapshots/.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { filesUnder, REPO_ROOT, RULES_DIR } from '../helpers';
import { tokenize } from '../tokenize';

const DECLARATION = /^(?:override\s+|extend\s+)?(rulebook|enum|record|input|param|let|def|rule|output|assert|drop)\b/;
const rulebooks = filesUnder(RULES_DIR, '.clas');

describe('the grammar on every real rulebook', () => {
  it('finds the rulebooks', () => {
    assert.ok(rulebooks.length >= 2, `rulebooks under ${RULES_DIR}`);
  });

  for (const file of rulebooks) {
    it(path.relative(REPO_ROOT, file), async () => {
      const text = fs.readFileSync(file, 'utf8');
      const lines = await tokenize(text);
      const problems: string[] = [];
      const where = (line: number, start: number) => `${path.relative(REPO_ROOT, file)}:${line + 1}:${start + 1}`;
      for (const tokens of lines) {
        for (const token of tokens) {
          if (token.text.trim() === '') continue;
          const own = token.scopes.filter((s) => s !== 'source.clas' && !s.startsWith('meta.'));
          if (own.length === 0) problems.push(`${where(token.line, token.start)} no scope for ${JSON.stringify(token.text)}`);
          if (token.scopes.some((s) => s.startsWith('invalid.'))) {
            problems.push(`${where(token.line, token.start)} invalid: ${JSON.stringify(token.text)} ${token.scopes.join(' ')}`);
          }
        }
        const first = tokens[0];
        if (first && first.start === 0) {
          const lineText = text.split(/\r?\n/)[first.line];
          const declaration = DECLARATION.exec(lineText);
          if (declaration && !first.scopes.some((s) => s.startsWith('keyword.declaration.'))) {
            problems.push(`${where(first.line, 0)} declaration not recognised: ${first.scopes.join(' ')}`);
          }
          // A declaration may open its own region (meta.header, meta.record…), never sit in another.
          const regions = first.scopes.filter((s) => s.startsWith('meta.') || /^(string|comment)\b/.test(s));
          if (declaration && regions.length > 1) {
            problems.push(`${where(first.line, 0)} a region leaks into the declaration: ${first.scopes.join(' ')}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
