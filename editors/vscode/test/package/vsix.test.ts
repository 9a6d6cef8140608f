// The packaged extension, made by `vsce package` in test.sh: the universal
// clas-rules.vsix (no program: clas-rules is looked for on the PATH) and the
// platform package clas-rules-linux-x64.vsix, which carries the program in
// bin/. Both hold what VS Code needs, and nothing of the sources or tests.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import * as os from 'os';
import { EXTENSION_ROOT, REPO_ROOT } from '../helpers';
import { Script, vscodeModule } from '../extension/vscode-mock';
import { readZip, ZipEntry } from '../zip';

const UNIVERSAL = process.env.CLAS_VSIX ?? path.join(EXTENSION_ROOT, 'clas-rules.vsix');
const PLATFORM = process.env.CLAS_PLATFORM_VSIX ?? path.join(EXTENSION_ROOT, 'clas-rules-linux-x64.vsix');

function contents(file: string): { entries: ZipEntry[]; names: string[]; entry(name: string): ZipEntry } {
  const entries = readZip(fs.readFileSync(file));
  const names = entries.map((e) => e.name);
  return {
    entries,
    names,
    entry(name: string) {
      const found = entries.find((e) => e.name === name);
      assert.ok(found, `${name} in ${names.join(', ')}`);
      return found;
    },
  };
}

function commonChecks(file: string, maxEntries: number): void {
  const { entries, names, entry } = contents(file);

  it('holds the manifest, the compiled main file, the grammar, the snippets and the language configuration', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8'));
    assert.equal(manifest.name, 'clas-rules');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const name of [
      'extension/dist/extension.js',
      'extension/syntaxes/clas.tmLanguage.json',
      'extension/snippets/clas.json',
      'extension/snippets/json.json',
      'extension/language-configuration.json',
      'extension.vsixmanifest',
      '[Content_Types].xml',
    ]) {
      entry(name);
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
    assert.ok(main.includes('clas-rules-explain'), 'the explanations of codes');
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
    const unwanted = names.filter(
      (n) =>
        /^extension\/(src|test|out|node_modules|e2e)\//.test(n) ||
        /\.(ts|map)$/.test(n) ||
        n.endsWith('.vsix') ||
        n.endsWith('test.sh'),
    );
    assert.deepEqual(unwanted, []);
    assert.ok(entries.length <= maxEntries, `a small package: ${names.join(', ')}`);
  });
}

describe('clas-rules.vsix (universal: clas-rules from the PATH)', () => {
  commonChecks(UNIVERSAL, 30);

  it('carries no program', () => {
    const { names, entry } = contents(UNIVERSAL);
    assert.deepEqual(names.filter((n) => n.startsWith('extension/bin/')), []);
    assert.ok(!/TargetPlatform=/.test(entry('extension.vsixmanifest').read().toString('utf8')), 'for every platform');
  });
});

describe('clas-rules-linux-x64.vsix (platform package: the program inside)', () => {
  commonChecks(PLATFORM, 31);

  it('is for linux-x64 and carries an executable extension/bin/clas-rules, the release program', () => {
    const { names, entry } = contents(PLATFORM);
    assert.deepEqual(names.filter((n) => n.startsWith('extension/bin/')), ['extension/bin/clas-rules']);
    assert.match(entry('extension.vsixmanifest').read().toString('utf8'), /TargetPlatform="linux-x64"/);
    const program = entry('extension/bin/clas-rules');
    assert.ok(program.mode & 0o100, `executable in the archive (mode ${program.mode.toString(8)})`);
    assert.ok(program.size > 1_000_000 && program.size < 20_000_000, `a stripped release program (${program.size} bytes)`);
    // Unpacked as VS Code unpacks it, it runs and decides an application.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clas-vsix-bin-'));
    try {
      const binary = path.join(dir, 'clas-rules');
      fs.writeFileSync(binary, program.read(), { mode: program.mode & 0o777 });
      const elf = fs.readFileSync(binary).subarray(0, 4);
      assert.deepEqual([...elf], [0x7f, 0x45, 0x4c, 0x46], 'an ELF program');
      const decision = execFileSync(binary, ['eval', path.join(REPO_ROOT, 'examples', 'demande-eligible.json')], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      assert.match(decision.replace(/\u202f/g, ' '), /2 563/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
