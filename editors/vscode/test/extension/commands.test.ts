// The extension itself (compiled from src/, not the bundle), activated
// against the stand-in `vscode` module, its commands run with the real
// `clas-rules` on a copy of the repository's rules and examples.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runProgram } from '../../src/core/process';
import { parseTestOutput } from '../../src/core/testOutput';
import { binaryPath, REPO_ROOT } from '../helpers';
import { document, FakeLanguageClient, languageClientModule, Script, vscodeModule } from './vscode-mock';

const Module = require('module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const SOURCE = path.resolve(__dirname, '..', '..', 'src');

type Extension = {
  activate(context: { subscriptions: { dispose(): unknown }[]; extensionPath: string }): Promise<unknown>;
  deactivate(): Promise<void>;
};

/** The folder of an installed universal package: no bin/. */
const UNIVERSAL = fs.mkdtempSync(path.join(os.tmpdir(), 'clas-ext-universal-'));

let script: Script;
const originalLoad = Module._load;

/** A fresh copy of the extension's modules, bound to the current script. */
function loadExtension(): Extension {
  for (const id of Object.keys(require.cache)) if (id.startsWith(SOURCE)) delete require.cache[id];
  const api = vscodeModule(script);
  Module._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return api;
    if (request === 'vscode-languageclient/node') return languageClientModule;
    return originalLoad.call(this, request, parent, isMain);
  };
  return require(path.join(SOURCE, 'extension.js')) as Extension;
}

async function activate(extensionPath = UNIVERSAL): Promise<Extension> {
  const extension = loadExtension();
  await extension.activate({ subscriptions: [], extensionPath });
  return extension;
}

/**
 * A stand-in `clas-rules`: writes its arguments and CLAS_LANG to a log, and
 * answers `explain CODE` with a markdown page (anything else: exit 1).
 */
function fakeBinary(dir: string): { binary: string; log: string; calls(): { args: string[]; lang: string }[] } {
  fs.mkdirSync(dir, { recursive: true });
  const binary = path.join(dir, 'clas-rules');
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(
    binary,
    [
      '#!/bin/sh',
      `printf '%s\t%s\n' "\${CLAS_LANG:-}" "$*" >> '${log}'`,
      'if [ "$1" = explain ]; then',
      '  printf "# %s\n\nUn nom est utilisé sans avoir été déclaré.\n" "$2"',
      '  exit 0',
      'fi',
      'echo "unexpected: $*" >&2',
      'exit 1',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    binary,
    log,
    calls: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf8')
            .trimEnd()
            .split('\n')
            .map((line) => {
              const [lang, args] = line.split('\t');
              return { lang, args: args.split(' ') };
            })
        : [],
  };
}

function run(command: string, ...args: unknown[]): Promise<unknown> {
  const f = script.commands.get(command);
  assert.ok(f, `command ${command} registered`);
  return Promise.resolve(f(...args));
}

/** A workspace with the repository's rules (rulebooks and test cases) and examples. */
function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clas-ext-'));
  fs.cpSync(path.join(REPO_ROOT, 'rules'), path.join(root, 'rules'), { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  return root;
}

describe('the extension in a stand-in VS Code', () => {
  let root: string;
  const binary = binaryPath();

  before(() => {
    root = workspace();
  });
  after(() => {
    Module._load = originalLoad;
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(UNIVERSAL, { recursive: true, force: true });
  });
  beforeEach(() => {
    script = new Script();
    script.workspaceFolders = [root];
    script.settings['clasRules.path'] = binary;
    FakeLanguageClient.instances = [];
  });

  it('registers its commands and starts `clas-rules lsp` for .clas files', async () => {
    await activate();
    assert.deepEqual([...script.commands.keys()].sort(), [
      'clasRules.compare',
      'clasRules.evaluate',
      'clasRules.restartServer',
      'clasRules.test',
    ]);
    assert.equal(FakeLanguageClient.instances.length, 1);
    const client = FakeLanguageClient.instances[0];
    assert.equal(client.serverOptions.command, binary);
    assert.deepEqual(client.serverOptions.args, ['lsp']);
    assert.ok(client.clientOptions.documentSelector.some((s) => s.language === 'clas' && s.scheme === 'file'));
    assert.equal(client.state, 2);
    assert.deepEqual(script.shown, []);
  });

  it('finds the program through PATH and relative to the workspace', async () => {
    script.settings['clasRules.path'] = path.relative(root, binary);
    await activate();
    assert.equal(FakeLanguageClient.instances[0].serverOptions.command, binary);
  });

  it('says in French that the program is missing, with a button to the setting', async () => {
    script.settings['clasRules.path'] = '/nulle/part/clas-rules';
    script.pressButton = (shown) => shown.items[0];
    await activate();
    await new Promise((r) => setImmediate(r));
    assert.equal(FakeLanguageClient.instances.length, 0);
    const [error] = script.messages('error');
    assert.match(error, /^CLAS : le programme « \/nulle\/part\/clas-rules » est introuvable/);
    assert.deepEqual(script.shown[0].items, ['Ouvrir le réglage']);
    assert.ok(script.executed.some((e) => e.command === 'workbench.action.openSettings' && e.args[0] === 'clasRules.path'));
  });

  it('restarts the server on request, and when the path setting changes', async () => {
    await activate();
    await run('clasRules.restartServer');
    assert.equal(FakeLanguageClient.instances.length, 2);
    assert.ok(FakeLanguageClient.instances[0].stopped);
    assert.ok(script.messages('information').includes('CLAS : serveur de langage redémarré.'));
    for (const listener of script.configurationListeners) {
      listener({ affectsConfiguration: (section: string) => section === 'clasRules.path' });
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(FakeLanguageClient.instances.length, 3);
  });

  it('evaluates an application with the open rulebook and shows the French decision', async () => {
    await activate();
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2023-2024.clas'));
    script.activeDocument.isDirty = true;
    script.openDialogAnswers.push([path.join(root, 'examples', 'demande-eligible.json')]);
    await run('clasRules.evaluate');
    assert.equal(script.activeDocument.saved, 1, 'the rulebook is saved first');
    const output = script.channel('CLAS — décisions');
    assert.match(output, /^Demande +: examples\/demande-eligible\.json$/m);
    assert.match(output, /^Commande +: \S+ eval --rules rules\/caf-63\/2023-2024\.clas --explain examples\/demande-eligible\.json$/m);
    assert.match(output, /^Décision : ÉLIGIBLE$/m);
    assert.match(output, /^Comment les montants sont calculés$/m, 'with --explain, in words');
    const [info] = script.messages('information');
    assert.equal(info.replace(/\u202f/g, ' '), 'CLAS : Décision : ÉLIGIBLE — Total accordé : 2 563,00 €');
  });

  it('evaluates from the context menu of a .clas file', async () => {
    await activate();
    const vscode = vscodeModule(script) as { Uri: { file(f: string): unknown } };
    script.openDialogAnswers.push([path.join(root, 'examples', 'demande-hors-delai.json')]);
    await run('clasRules.evaluate', vscode.Uri.file(path.join(root, 'rules', 'caf-63', '2023-2024.clas')));
    assert.match(script.channel('CLAS — décisions'), /^Décision : NON ÉLIGIBLE$/m);
  });

  it('shows the problems of an invalid application, in the panel and on the file', async () => {
    await activate();
    const application = path.join(root, 'demande-invalide.json');
    fs.writeFileSync(application, '{"annee_scolaire": "2023-2024",\n "depose_le": "2023-13-01"}\n');
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2023-2024.clas'));
    script.openDialogAnswers.push([application]);
    script.pressButton = (shown) => (shown.kind === 'warning' ? 'Ouvrir la demande' : undefined);
    await run('clasRules.evaluate');
    const output = script.channel('CLAS — décisions');
    assert.match(output, /La demande n’est pas valide : aucune décision n’a été prise/);
    assert.match(output, /`2023-13-01` n'est pas un jour du calendrier/);
    const [warning] = script.messages('warning');
    assert.match(warning, /^CLAS : la demande n’est pas valide \(\d+ problèmes\)/);
    const diagnostics = script.diagnostics.get('clas-demandes')?.get(application) ?? [];
    const date = diagnostics.find((d) => d.message.startsWith('`depose_le`'));
    assert.ok(date, JSON.stringify(diagnostics));
    assert.deepEqual([date.range.start.line, date.range.start.character], [1, 14]);
    assert.equal(date.code, 'E0509');
    assert.deepEqual(script.opened, [application]);
  });

  it('says why when the application is for another school year than the rulebook', async () => {
    await activate();
    const application = path.join(root, 'examples', 'demande-eligible.json');
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2024-2025.clas'));
    script.openDialogAnswers.push([application]);
    await run('clasRules.evaluate');
    const [warning] = script.messages('warning');
    assert.match(warning, /^CLAS : la demande n’est pas valide \(1 problème\) : aucune décision n’a été prise\. la demande porte sur l'année scolaire `2023-2024`/);
    const [diagnostic] = script.diagnostics.get('clas-demandes')?.get(application) ?? [];
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [0, 0]);
  });

  it('asks for a rulebook when none is open', async () => {
    await activate();
    await run('clasRules.evaluate');
    assert.deepEqual(script.messages('warning'), ['CLAS : ouvrez d’abord un fichier de règles (.clas) dans l’éditeur.']);
  });

  it('compares the rules with the year the rulebook extends', async () => {
    await activate();
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2024-2025.clas'));
    script.quickPickAnswers.push('rules');
    await run('clasRules.compare');
    const output = script.channel('CLAS — comparaison');
    assert.match(output, /^Années +: 2023-2024 → 2024-2025$/m);
    assert.match(output, /^Commande +: \S+ diff --from 2023-2024 --to 2024-2025 --rules-dir rules --rules$/m);
    assert.match(output, /^Différences entre les règles 2023-2024 et 2024-2025$/m);
    assert.match(output, /taux_ps : 32,5 % → 33 %/);
    const [info] = script.messages('information');
    assert.match(info, /^CLAS : 2023-2024 → 2024-2025 : \d+ différences \(paramètres : \d+/);
  });

  it('compares the decisions on a folder of applications', async () => {
    await activate();
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2024-2025.clas'));
    script.quickPickAnswers.push('folder');
    script.openDialogAnswers.push([path.join(root, 'examples')]);
    await run('clasRules.compare');
    const output = script.channel('CLAS — comparaison');
    assert.match(output, /^Commande +: \S+ diff --from 2023-2024 --to 2024-2025 --rules-dir rules examples$/m);
    assert.match(output, /^Comparaison 2023-2024 → 2024-2025 sur 3 demandes$/m);
    assert.match(output, /^Budget /m);
    const [info] = script.messages('information');
    assert.match(info, /^CLAS : 2023-2024 → 2024-2025 : 3 demandes comparées, \d+ changen?t? \(dont \d+ de statut\)\. Budget total : /);
  });

  it('says there is nothing to compare for a rulebook that extends no year', async () => {
    await activate();
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2023-2024.clas'));
    await run('clasRules.compare');
    assert.deepEqual(script.messages('warning'), [
      'CLAS : les règles 2023-2024 n’héritent d’aucune année (pas de ligne extends "…") : il n’y a pas d’année précédente à comparer.',
    ]);
    assert.equal(script.channel('CLAS — comparaison'), '');
  });

  /** What `clas-rules test rules` says of each case file, run directly. */
  async function expectedOutcomes(): Promise<{ passed: string[]; failed: string[] }> {
    const result = await runProgram(binary, ['test', 'rules'], { cwd: root });
    const report = parseTestOutput(result.stdout);
    const files = (status: string) =>
      report.cases.filter((c) => c.status === status).map((c) => path.resolve(root, c.file)).sort();
    return { passed: files('passed'), failed: files('failed') };
  }

  it('runs the rule tests: one test item per case, failures with their differences', async () => {
    const cases = path.join(root, 'rules', 'caf-63', 'tests', '2024-2025');
    const failing = path.join(cases, 'faux.json');
    const wrong = JSON.parse(fs.readFileSync(path.join(cases, 'reference-eligible.json'), 'utf8'));
    wrong.attendu.resultats.ps = '1.00';
    fs.writeFileSync(failing, JSON.stringify(wrong, null, 2));
    try {
      await activate();
      script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2024-2025.clas'));
      await run('clasRules.test');
      assert.equal(script.runs.length, 1);
      const testRun = script.runs[0];
      assert.ok(testRun.ended);
      // The same verdicts as the program, case by case.
      const expected = await expectedOutcomes();
      assert.ok(expected.failed.includes(failing));
      assert.deepEqual([...testRun.passed].sort(), expected.passed);
      assert.deepEqual(testRun.failed.map((f) => f.id).sort(), expected.failed);
      const failure = testRun.failed.find((f) => f.id === failing);
      assert.ok(failure);
      const [message] = failure.messages;
      assert.equal(message.message, 'ps : attendu "1.00", obtenu "2310.00"');
      assert.equal(message.expectedOutput, '1.00');
      assert.equal(message.actualOutput, '2310.00');
      assert.equal(message.location?.range.start.line, fs.readFileSync(failing, 'utf8').split('\n').findIndex((l) => l.includes('"attendu"')));
      // Items: one per folder of cases, one per case file.
      const folders: string[] = [];
      script.controller?.items.forEach((item) => folders.push(item.label));
      assert.deepEqual(folders.sort(), [
        'caf-15/tests/2023-2024',
        'caf-15/tests/2024-2025',
        'caf-63/tests/2023-2024',
        'caf-63/tests/2024-2025',
      ]);
      // Problems panel and output panel.
      const problems = script.diagnostics.get('clas-tests');
      assert.deepEqual([...(problems?.keys() ?? [])].sort(), expected.failed);
      assert.match(script.channel('CLAS — tests'), /^ÉCHEC {2}rules\/caf-63\/tests\/2024-2025\/faux\.json$/m);
      const summary = `${expected.passed.length} réussi(s), ${expected.failed.length} échoué(s)`;
      assert.ok(script.channel('CLAS — tests').includes(summary));
      const [warning] = script.messages('warning');
      assert.ok(warning.startsWith(`CLAS : tests des règles — ${summary}`), warning);
    } finally {
      fs.rmSync(failing);
    }
  });

  it('runs the repository test cases from the workspace rules folder, with the program\'s verdicts', async () => {
    await activate();
    await run('clasRules.test'); // no editor open: the workspace's rules/ folder
    const testRun = script.runs[0];
    const expected = await expectedOutcomes();
    assert.ok(expected.passed.length > 0);
    assert.deepEqual([...testRun.passed].sort(), expected.passed);
    assert.deepEqual(testRun.failed.map((f) => f.id).sort(), expected.failed);
    assert.deepEqual(testRun.skipped, []);
    const [shown] = script.shown;
    assert.match(shown.message, /^CLAS : tests des règles — \d+ réussi\(s\), \d+ échoué\(s\)/);
    assert.equal(shown.kind, expected.failed.length === 0 ? 'information' : 'warning');
  });

  it('runs the program a platform package carries, unless clasRules.path names another', async () => {
    const extensionPath = fs.mkdtempSync(path.join(os.tmpdir(), 'clas-ext-platform-'));
    const bundled = path.join(extensionPath, 'bin', 'clas-rules');
    fs.mkdirSync(path.dirname(bundled));
    fs.copyFileSync(binary, bundled);
    fs.chmodSync(bundled, 0o644); // as if unpacking had lost the execute bit
    const savedPath = process.env.PATH;
    try {
      process.env.PATH = '/nulle/part';
      delete script.settings['clasRules.path'];
      await activate(extensionPath);
      assert.equal(FakeLanguageClient.instances[0].serverOptions.command, bundled);
      assert.ok(fs.statSync(bundled).mode & 0o100, 'made executable again');
      assert.deepEqual(script.shown, []);
      // An explicit setting wins over the bundled program.
      script.changeSetting('clasRules.path', binary);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(FakeLanguageClient.instances.at(-1)?.serverOptions.command, binary);
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(extensionPath, { recursive: true, force: true });
    }
  });

  it('looks on the PATH in the universal package (no bin/), and says so when nothing is there', async () => {
    const savedPath = process.env.PATH;
    try {
      delete script.settings['clasRules.path'];
      process.env.PATH = `/nulle/part:${path.dirname(binary)}`;
      await activate();
      assert.equal(FakeLanguageClient.instances[0].serverOptions.command, binary);
      FakeLanguageClient.instances = [];
      process.env.PATH = '/nulle/part';
      await activate();
      await new Promise((r) => setImmediate(r));
      assert.equal(FakeLanguageClient.instances.length, 0);
      assert.match(script.messages('error')[0], /^CLAS : le programme « clas-rules » est introuvable/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('in an untrusted workspace starts nothing, refuses the commands in French, and starts once trusted', async () => {
    const fake = fakeBinary(path.join(root, 'fake-untrusted'));
    script.settings['clasRules.path'] = fake.binary;
    script.trusted = false;
    await activate();
    assert.equal(FakeLanguageClient.instances.length, 0, 'no language server');
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2024-2025.clas'));
    script.openDialogAnswers.push([path.join(root, 'examples', 'demande-eligible.json')], [path.join(root, 'examples')]);
    script.quickPickAnswers.push('rules');
    for (const command of ['clasRules.evaluate', 'clasRules.compare', 'clasRules.test', 'clasRules.restartServer']) {
      await run(command);
    }
    const refusals = script.messages('warning');
    assert.equal(refusals.length, 4, refusals.join('\n'));
    for (const refusal of refusals) assert.match(refusal, /^CLAS : ce dossier n’est pas approuvé \(mode restreint\) : l’extension ne lance aucun programme/);
    assert.deepEqual(script.shown[0].items, ['Gérer la confiance']);
    assert.equal(script.dialogs.length, 0, 'no dialog was opened');
    assert.equal(script.runs.length, 0, 'no test run');
    const page = await script.openVirtual('clas-rules-explain:E0203');
    assert.match(page.text, /^# E0203\n\nL’explication du code E0203 n’est pas affichée : ce dossier n’est pas approuvé/);
    assert.deepEqual(fake.calls(), [], 'the program never ran');
    assert.equal(FakeLanguageClient.instances.length, 0);
    script.grantTrust();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(FakeLanguageClient.instances.length, 1, 'started when trust is granted');
    assert.equal(FakeLanguageClient.instances[0].serverOptions.command, fake.binary);
  });

  it('passes clasRules.language to the server and, when it names a language, CLAS_LANG to the programs', async () => {
    await activate();
    const [first] = FakeLanguageClient.instances;
    assert.deepEqual(first.clientOptions.initializationOptions, { language: 'auto' });
    assert.equal(first.serverOptions.options?.env?.CLAS_LANG, process.env.CLAS_LANG);
    script.changeSetting('clasRules.language', 'en');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(FakeLanguageClient.instances.length, 2, 'restarted');
    assert.ok(first.stopped);
    const second = FakeLanguageClient.instances[1];
    assert.deepEqual(second.clientOptions.initializationOptions, { language: 'en' });
    assert.equal(second.serverOptions.options?.env?.CLAS_LANG, 'en');
    // The commands' programs get CLAS_LANG too.
    const fake = fakeBinary(path.join(root, 'fake-language'));
    script.settings['clasRules.path'] = fake.binary;
    script.settings['clasRules.language'] = 'fr';
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2023-2024.clas'));
    script.openDialogAnswers.push([path.join(root, 'examples', 'demande-eligible.json')]);
    await run('clasRules.evaluate');
    await run('clasRules.test');
    const calls = fake.calls();
    assert.deepEqual(calls.map((c) => [c.lang, c.args[0]]), [
      ['fr', 'eval'],
      ['fr', 'test'],
    ]);
  });

  it('speaks English when clasRules.language is en: its own notices, channels and summaries, and back to French', async () => {
    script.settings['clasRules.language'] = 'en';
    await activate();
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2023-2024.clas'));
    script.openDialogAnswers.push([path.join(root, 'examples', 'demande-eligible.json')]);
    await run('clasRules.evaluate');
    const output = script.channel('CLAS — decisions');
    assert.match(output, /^Application: examples\/demande-eligible\.json$/m);
    assert.match(output, /^Command {4}: \S+ eval --rules rules\/caf-63\/2023-2024\.clas --explain examples\/demande-eligible\.json$/m);
    assert.match(output, /^Decision: ELIGIBLE$/m);
    const [info] = script.messages('information');
    assert.equal(info.replace(/\u202f/g, ' '), 'CLAS: Decision: ELIGIBLE — Total accordé: 2 563,00 €');

    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2024-2025.clas'));
    script.quickPickAnswers.push('folder');
    script.openDialogAnswers.push([path.join(root, 'examples')]);
    await run('clasRules.compare');
    assert.match(script.channel('CLAS — comparison'), /^Comparison 2023-2024 → 2024-2025 over 3 applications$/m);
    const compared = script.messages('information')[1];
    assert.match(compared, /^CLAS: 2023-2024 → 2024-2025: 3 applications compared, \d+ changes? \(\d+ of them in status\)\. Total budget: /);

    script.changeSetting('clasRules.path', '/nowhere/clas-rules');
    await new Promise((r) => setTimeout(r, 50));
    assert.match(script.messages('error')[0], /^CLAS: the program “\/nowhere\/clas-rules” cannot be found/);

    script.settings['clasRules.path'] = binary;
    script.changeSetting('clasRules.language', 'auto');
    await new Promise((r) => setTimeout(r, 50));
    script.activeDocument = document(path.join(root, 'rules', 'caf-63', '2023-2024.clas'));
    script.openDialogAnswers.push([path.join(root, 'examples', 'demande-eligible.json')]);
    await run('clasRules.evaluate');
    const french = script.messages('information').pop() ?? '';
    assert.equal(french.replace(/\u202f/g, ' '), 'CLAS : Décision : ÉLIGIBLE — Total accordé : 2 563,00 €');
  });

  it('shows the explanation of a diagnostic code in a markdown tab, in the chosen language', async () => {
    const fake = fakeBinary(path.join(root, 'fake-explain'));
    script.settings['clasRules.path'] = fake.binary;
    await activate();
    const page = await script.openVirtual('clas-rules-explain:E0203');
    assert.equal(page.text, '# E0203\n\nUn nom est utilisé sans avoir été déclaré.\n');
    assert.equal(page.languageId, 'markdown');
    script.settings['clasRules.language'] = 'en';
    await script.openVirtual('clas-rules-explain:e0101');
    script.settings['clasRules.language'] = 'auto';
    script.displayLanguage = 'en-GB';
    await script.openVirtual('clas-rules-explain:W0301');
    script.displayLanguage = 'fr';
    await script.openVirtual('clas-rules-explain:W0302');
    assert.deepEqual(
      fake.calls().map((c) => c.args.join(' ')),
      ['explain E0203', 'explain E0101 --lang en', 'explain W0301 --lang en', 'explain W0302'],
    );
    const bad = await script.openVirtual('clas-rules-explain:--help');
    assert.match(bad.text, /n’est pas un code de diagnostic de clas-rules/);
    assert.equal(fake.calls().length, 4, 'no run for what is not a code');
  });

  it('says in French why there is no explanation when `clas-rules explain` fails', async () => {
    await activate(); // the real program, which may not know `explain` yet
    const result = await runProgram(binary, ['explain', 'E0203']);
    const page = await script.openVirtual('clas-rules-explain:E0203');
    if (result.code === 0) {
      assert.equal(page.text, result.stdout);
    } else {
      assert.match(page.text, /^# E0203\n\nL’explication du code E0203 n’a pas pu être obtenue : la commande « clas-rules explain » a échoué \(code \d+\)\./);
      assert.match(page.text, /Détail technique :\n\n```text\n/);
    }
    script.settings['clasRules.path'] = '/nulle/part/clas-rules';
    const missing = await script.openVirtual('clas-rules-explain:E0203');
    assert.match(missing.text, /^# E0203\n\nCLAS : le programme « \/nulle\/part\/clas-rules » est introuvable/);
  });

  it('deactivates by stopping the server', async () => {
    const extension = await activate();
    await extension.deactivate();
    assert.ok(FakeLanguageClient.instances[0].stopped);
  });
});
