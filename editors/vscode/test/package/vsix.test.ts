// The packaged extension (clas-rules.vsix, made by `vsce package` in
// test.sh) holds what VS Code needs, and nothing of the sources or tests.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import * as os from 'os';
import { EXTENSION_ROOT } from '../helpers';
import { Script, vscodeModule } from '../extension/vscode-mock';
import { readZip } from '../zip';

const VSIX = process.env.CLAS_VSIX ?? path.join(EXTENSION_ROOT, 'clas-rules.vsix');

describe('clas-rules.vsix', () => {
  const entries = readZip(fs.readFileSync(VSIX));
  const names = entries.map((e) => e.name);
  const entry = (name: string) => {
    const found = entries.find((e) => e.name === name);
    assert.ok(found, `${name} in ${names.join(', ')}`);
    return found;
  };

  it('holds the manifest, the compiled main file, the grammar, the snippets and the language configuration', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8'));
    assert.equal(manifest.name, 'clas-rules');
    assert.equal(manifest.main, './dist/extension.js');
    for (const file of [
      'extension/dist/extension.js',
      'extension/syntaxes/clas.tmLanguage.json',
      'extension/snippets/clas.json',
      'extension/snippets/json.json',
      'extension/language-configuration.json',
      'extension.vsixmanifest',
      '[Content_Types].xml',
    ]) {
      entry(file);
    }
    assert.ok(names.some((n) => /^extension\/LICENSE(\.txt|\.md)?$/i.test(n)), 'a licence');
    assert.ok(names.some((n) => /^extension\/readme\.md$/i.test(n)), 'the README');
    const grammar = JSON.parse(entry('extension/syntaxes/clas.tmLanguage.json').read().toString('utf8'));
    assert.equal(grammar.scopeName, 'source.clas');
  });

  it('bundles vscode-languageclient into the main file (no node_modules needed)', () => {
    const main = entry('extension/dist/extension.js').read().toString('utf8');
    assert.match(main, /textDocument\/publishDiagnostics/, 'the protocol of vscode-languageclient');
    assert.match(main, /LanguageClient/);
    assert.match(main, /createOutputChannel/);
    assert.ok(main.includes('require("vscode")'), 'vscode stays external');
    assert.ok(!/require\("vscode-languageclient/.test(main), 'vscode-languageclient is inside the bundle');
    assert.ok(main.includes('CLAS — décisions'), 'French panel names');
  });

  it('loads under Node with only `vscode` provided, and exports activate and deactivate', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clas-vsix-'));
    const main = path.join(dir, 'extension.js');
    fs.writeFileSync(main, entry('extension/dist/extension.js').read());
    // vscode-languageclient subclasses some vscode classes when it loads:
    // any API the stand-in lacks is a plain class.
    const api = vscodeModule(new Script());
    const vscode = new Proxy(api, {
      get: (target, name) => (name in target ? target[name as string] : class {}),
    });
    const Module = require('module') as { _load: (r: string, p: unknown, m: boolean) => unknown; builtinModules: string[] };
    const builtins = new Set(Module.builtinModules);
    const load = Module._load;
    Module._load = function (request: string, parent: unknown, isMain: boolean) {
      if (request === 'vscode') return vscode;
      if (request !== main && !request.startsWith('node:') && !builtins.has(request)) {
        throw new Error(`the bundle requires ${request}, which is not in the package`);
      }
      return load.call(this, request, parent, isMain);
    };
    try {
      const extension = require(main);
      assert.equal(typeof extension.activate, 'function');
      assert.equal(typeof extension.deactivate, 'function');
    } finally {
      Module._load = load;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves out sources, tests, compiled tests and development modules', () => {
    const unwanted = names.filter((n) =>
      /^extension\/(src|test|out|node_modules)\//.test(n) || /\.(ts|map)$/.test(n) || n.endsWith('.vsix') || n.endsWith('test.sh'),
    );
    assert.deepEqual(unwanted, []);
    assert.ok(entries.length < 30, `a small package: ${names.join(', ')}`);
  });
});
