// The extension's manifest and language files: what VS Code reads without
// running any code, checked here since VS Code itself cannot run.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { EXTENSION_ROOT, filesUnder } from '../helpers';

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
const languageConfiguration = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'language-configuration.json'), 'utf8'));
const source = (file: string) => fs.readFileSync(path.join(EXTENSION_ROOT, 'src', file), 'utf8');

describe('package.json', () => {
  it('names the extension and its engine', () => {
    assert.equal(manifest.name, 'clas-rules');
    assert.ok(manifest.publisher);
    assert.equal(manifest.engines.vscode, '^1.85.0');
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(manifest.license);
    assert.ok(manifest.activationEvents.includes('onLanguage:clas'));
    const typesVersion = manifest.devDependencies['@types/vscode'];
    assert.ok(typesVersion.startsWith('1.85'), '@types/vscode must not be newer than the engine');
  });

  it('declares the language, its grammar and its snippets, with files that exist', () => {
    const c = manifest.contributes;
    assert.deepEqual(c.languages[0].extensions, ['.clas']);
    assert.equal(c.languages[0].id, 'clas');
    assert.equal(c.grammars[0].scopeName, 'source.clas');
    const files = [c.languages[0].configuration, c.grammars[0].path, ...c.snippets.map((s: { path: string }) => s.path)];
    for (const file of files) assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, file)), file);
    assert.deepEqual(c.snippets.map((s: { language: string }) => s.language).sort(), ['clas', 'json']);
  });

  it('declares the settings used by the code', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['clasRules.path'].default, 'clas-rules');
    assert.equal(properties['clasRules.rulesDir'].default, '');
    const code = source('environment.ts');
    assert.match(code, /get<string>\('path'/);
    assert.match(code, /get<string>\('rulesDir'/);
    assert.match(code, /SECTION = 'clasRules'/);
  });

  it('declares clasRules.language: auto (VS Code\'s display language), fr or en, described in French', () => {
    const language = manifest.contributes.configuration.properties['clasRules.language'];
    assert.deepEqual(language.enum, ['auto', 'fr', 'en']);
    assert.equal(language.default, 'auto');
    assert.equal(language.enumDescriptions.length, 3);
    assert.match(language.markdownDescription, /langue/);
    assert.match(language.enumDescriptions[0], /langue d’affichage de VS Code/);
    assert.match(source('environment.ts'), /get<string>\('language'/);
    assert.match(source('extension.ts'), /'language'/, 'the server restarts when it changes');
  });

  it('supports untrusted workspaces in a limited way, with clasRules.path restricted', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations, ['clasRules.path']);
    assert.match(trust.description, /non approuvé/);
    assert.match(trust.description, /coloration/);
  });

  it('declares exactly the commands the extension registers, with French titles', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const code = source('extension.ts');
    const ids = [...code.matchAll(/(\w+): '(clasRules\.\w+)'/g)].map((m) => m[2]).sort();
    assert.deepEqual(declared, ids);
    const titles = Object.fromEntries(manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    assert.equal(titles['clasRules.evaluate'], 'CLAS : évaluer une demande avec ce fichier de règles');
    assert.equal(titles['clasRules.compare'], "CLAS : comparer avec l'année précédente");
    assert.equal(titles['clasRules.test'], 'CLAS : lancer les tests des règles');
    assert.equal(titles['clasRules.restartServer'], 'CLAS : redémarrer le serveur de langage');
  });

  it('puts the three staff commands in the context menu of .clas files', () => {
    const menu = manifest.contributes.menus['editor/context'];
    for (const command of ['clasRules.evaluate', 'clasRules.compare', 'clasRules.test']) {
      const entry = menu.find((m: { command: string }) => m.command === command);
      assert.ok(entry, command);
      assert.match(entry.when, /clas/);
    }
    const all = Object.values(manifest.contributes.menus).flat() as { command: string }[];
    const declared = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const entry of all) assert.ok(declared.has(entry.command), entry.command);
  });

  it('indents .clas files by two spaces', () => {
    const defaults = manifest.contributes.configurationDefaults['[clas]'];
    assert.equal(defaults['editor.tabSize'], 2);
    assert.equal(defaults['editor.insertSpaces'], true);
  });
});

describe('language-configuration.json', () => {
  it('has # comments, brackets and auto-closing pairs for () [] {} ""', () => {
    assert.equal(languageConfiguration.comments.lineComment, '#');
    assert.deepEqual(languageConfiguration.brackets, [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ]);
    const pairs = languageConfiguration.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    assert.deepEqual(pairs, ['()', '[]', '{}', '""']);
  });

  it('indents the line after a declaration and outdents declarations and closing braces', () => {
    const increase = new RegExp(languageConfiguration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(languageConfiguration.indentationRules.decreaseIndentPattern);
    for (const line of [
      'rulebook "CLAS"',
      'param taux_ps: rate = 32,5 %',
      'override param taux_ps: rate = 33 %',
      'rule depot_dans_la_periode:',
      'rule effectif_du_collectif for c in demande.collectifs:',
      'output total: money = ps + bonus_enfants + bonus_parents',
      'let pluriannuel: bool =',
      'def ps_collectif(c: Collectif): money =',
      'assert ps_maximale_conforme_a_la_note: ps_maximale == ps_maximale_annoncee',
      'record Porteur {',
      'extend record Collectif {',
      'input demande {',
    ]) {
      assert.ok(increase.test(line), `indent after: ${line}`);
    }
    for (const line of [
      '  source "§3 Modalités de financement"',
      '  refuse unless demande.depose_le in periode_depot',
      'drop rule transition_porteur_deja_conventionne',
      'enum Niveau = elementaire | college | lycee',
      '}',
      '# un commentaire',
      'record Vide {}',
    ]) {
      assert.ok(!increase.test(line), `no indent after: ${line}`);
    }
    for (const line of ['}', '  }', '  param x: integer = 1', 'rule x:', 'drop rule x']) {
      assert.ok(decrease.test(line), `outdent: ${line}`);
    }
    for (const line of ['    let m = demande.msa', '  source "x"', '  nom: text']) {
      assert.ok(!decrease.test(line), `keep: ${line}`);
    }
  });

  it('outdents on Enter after a blank line that follows an indented clause, and only there', () => {
    // VS Code applies the first enter rule that matches (its before text,
    // its after text and the line above); with none, the indentation rules.
    type Rule = { beforeText: string; afterText?: string; previousLineText?: string; action: { indent: string } };
    const onEnter = (previousLine: string, before: string, after = '') =>
      (languageConfiguration.onEnterRules as Rule[]).find(
        (rule) =>
          new RegExp(rule.beforeText).test(before) &&
          (!rule.afterText || new RegExp(rule.afterText).test(after)) &&
          (!rule.previousLineText || new RegExp(rule.previousLineText).test(previousLine)),
      )?.action.indent;
    // The end of 2023-2024.clas, Enter twice: the second starts a declaration at column 0.
    assert.equal(onEnter('  label "Co-financement MSA recevable"', '  source "§3 Co-financement de la MSA"'), undefined);
    assert.equal(onEnter('  source "§3 Co-financement de la MSA"', '  '), 'outdent');
    assert.equal(onEnter('  source "§3 Co-financement de la MSA"', ''), 'outdent');
    // Elsewhere, as before.
    assert.equal(onEnter('', 'param taux_ps: rate = 32,5 %'), 'indent');
    assert.equal(onEnter('}', ''), undefined);
    assert.equal(onEnter('', ''), undefined);
    assert.equal(onEnter('record Porteur {', '  nom: text'), undefined);
  });

  it('has enter rules that are valid regular expressions', () => {
    for (const rule of languageConfiguration.onEnterRules) {
      new RegExp(rule.beforeText);
      if (rule.afterText) new RegExp(rule.afterText);
    }
    const word = new RegExp(languageConfiguration.wordPattern, 'g');
    assert.deepEqual('ps_maximale == taux_ps * 32,5'.match(word), ['ps_maximale', 'taux_ps', '32,5']);
    assert.deepEqual('élève_ré'.match(word), ['élève_ré']);
  });
});

describe('source layout', () => {
  it('keeps vscode out of the command helpers, so they are unit-tested under Node', () => {
    const core = filesUnder(path.join(EXTENSION_ROOT, 'src', 'core'), '.ts');
    assert.ok(core.length >= 5);
    for (const file of core) {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(!/from 'vscode'|require\('vscode'\)|vscode-languageclient/.test(text), `${file} must not use vscode`);
    }
  });

  it('keeps every user-facing text in the catalogs of core/messages.ts (tested in messages.test.ts)', () => {
    for (const file of ['commands.ts', 'testing.ts', 'server.ts', 'explain.ts', 'environment.ts']) {
      const code = source(file).replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      assert.ok(!/'[^']*[éèàç’][^']*'|`[^`]*[éèàç’][^`]*`/u.test(code), `${file} writes a French text outside the catalogs`);
    }
  });
});

describe('release workflow (.github/workflows/release.yml)', () => {
  const workflow = fs.readFileSync(path.join(EXTENSION_ROOT, '..', '..', '.github', 'workflows', 'release.yml'), 'utf8');

  it('runs on a tag v* and by hand', () => {
    assert.match(workflow, /^on:\n {2}push:\n {4}tags: \["v\*"\]\n {2}workflow_dispatch:/m);
  });

  it('packages each platform on its own runner, with its Rust target', () => {
    for (const [platform, os, target, exe] of [
      ['win32-x64', 'windows-latest', 'x86_64-pc-windows-msvc', '".exe"'],
      ['darwin-arm64', 'macos-latest', 'aarch64-apple-darwin', '""'],
      ['linux-x64', 'ubuntu-22.04', 'x86_64-unknown-linux-gnu', '""'],
    ]) {
      const entry = `          - platform: ${platform}\n            os: ${os}\n            rust-target: ${target}\n            exe: ${exe}\n`;
      assert.ok(workflow.includes(entry), entry);
    }
    assert.match(workflow, /cargo build --release --locked --target "\$RUST_TARGET"/);
    assert.match(workflow, /cp "\.\.\/\.\.\/target\/\$RUST_TARGET\/release\/clas-rules\$EXE" "bin\/clas-rules\$EXE"/);
    assert.match(workflow, /vsce package [^\n]*\\\n\s+--target "\$PLATFORM" --out "\.\.\/\.\.\/dist\/clas-rules-\$PLATFORM\.vsix"/);
  });

  it('attaches every package and program to the release', () => {
    assert.match(workflow, /needs: package/);
    assert.match(workflow, /merge-multiple: true/);
    assert.match(workflow, /gh release create "\$TAG" dist\/\*/);
  });
});
