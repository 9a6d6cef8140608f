// The snippets, expanded with their default values, are valid: the .clas
// ones pass `clas-rules check` in a new year that extends the real rules,
// and the JSON test case passes `clas-rules test`.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { checkArgs, testArgs } from '../../src/core/args';
import { runProgram } from '../../src/core/process';
import { binaryPath, EXTENSION_ROOT, temporaryRules } from '../helpers';
import { expandSnippet } from '../snippet';

type Snippet = { prefix: string | string[]; body: string | string[]; description: string };
const read = (file: string): Record<string, Snippet> =>
  JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'snippets', file), 'utf8'));
const clasSnippets = read('clas.json');
const jsonSnippets = read('json.json');

function find(snippets: Record<string, Snippet>, prefix: string): Snippet {
  const found = Object.values(snippets).find((s) => ([] as string[]).concat(s.prefix).includes(prefix));
  assert.ok(found, `a snippet with prefix ${prefix}`);
  return found;
}

describe('snippet expansion (test helper)', () => {
  it('takes defaults, first choices, mirrors and escapes', () => {
    assert.equal(expandSnippet(['a ${1:x} $1 ${2|p,q|} {b\\}', '${3:n ${1:y} m}$0']), 'a x x p {b}\nn x m');
  });
});

describe('snippets for .clas files', () => {
  it('cover a new year, a parameter with its source, each severity, an item rule, an output', () => {
    const newYear = expandSnippet(find(clasSnippets, 'annee').body);
    assert.match(newYear, /^rulebook "/m);
    assert.match(newYear, /^ {2}extends "2024-2025"$/m);
    assert.match(newYear, /^ {2}layer "caf-63"\n {2}over "national"$/m);
    assert.match(newYear, /^override param \w+: .+\n {2}source "/m);
    assert.match(expandSnippet(find(clasSnippets, 'param').body), /^param \w+: money = 0 €\n {2}source "§/);
    for (const severity of ['refuse', 'incomplete', 'warn', 'info']) {
      const rule = expandSnippet(find(clasSnippets, `rule-${severity}`).body);
      assert.match(rule, new RegExp(`^rule \\w+:\\n {2}${severity} (when|unless) .+\\n {2}message ".+"\\n {2}source "§`));
    }
    assert.match(expandSnippet(find(clasSnippets, 'regle-collectif').body), /^rule \w+ for c in demande\.collectifs:/);
    assert.match(expandSnippet(find(clasSnippets, 'output').body), /^output \w+: money = .+\n {2}label "/);
    for (const snippet of Object.values(clasSnippets)) assert.ok(snippet.description, 'each snippet is described');
  });

  it('each expands to declarations that clas-rules check accepts in a new year', async () => {
    const { root, clasDir, nationalDir } = temporaryRules();
    // The Caf's new year is written over the national one of the same year.
    fs.writeFileSync(
      path.join(nationalDir, '2025-2026.clas'),
      'rulebook "Cadre national"\n  layer "national"\n  year "2025-2026"\n  extends "2024-2025"\n  source "s"\n',
    );
    const newYear = expandSnippet(find(clasSnippets, 'annee').body);
    const failures: string[] = [];
    for (const [name, snippet] of Object.entries(clasSnippets)) {
      // `drop` needs the name of an inherited declaration: its default is only a hint.
      if (([] as string[]).concat(snippet.prefix).includes('drop')) continue;
      const body = expandSnippet(snippet.body);
      const text = snippet === find(clasSnippets, 'annee') ? body : `${newYear}\n${body}\n`;
      const file = path.join(clasDir, '2025-2026.clas');
      fs.writeFileSync(file, text);
      const result = await runProgram(binaryPath(), checkArgs([file]), { cwd: root });
      if (result.code !== 0) failures.push(`${name}:\n${text}\n${result.stdout}${result.stderr}`);
    }
    fs.rmSync(root, { recursive: true, force: true });
    assert.deepEqual(failures, []);
  });
});

describe('snippet for a staff test case (JSON)', () => {
  it('has a description, a demande and an attendu with statut, resultats and regles', () => {
    const value = JSON.parse(expandSnippet(find(jsonSnippets, 'cas-clas').body));
    assert.deepEqual(Object.keys(value), ['description', 'demande', 'attendu']);
    assert.deepEqual(Object.keys(value.attendu), ['statut', 'resultats', 'regles']);
  });

  it('passes clas-rules test as written', async () => {
    const { root, clasDir } = temporaryRules();
    const dir = path.join(clasDir, 'tests', '2024-2025');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cas.json'), expandSnippet(find(jsonSnippets, 'cas-clas').body));
    const result = await runProgram(binaryPath(), testArgs({ dir: 'rules' }), { cwd: root });
    fs.rmSync(root, { recursive: true, force: true });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^ok {5}rules\/caf-63\/tests\/2024-2025\/cas\.json/m);
  });
});
