import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { checkArgs, commandLine, diffArgs, evalArgs, lspArgs, testArgs } from '../../src/core/args';

describe('command lines', () => {
  it('lsp', () => assert.deepEqual(lspArgs(), ['lsp']));

  it('eval: the current rulebook, --explain, then the application', () => {
    assert.deepEqual(evalArgs({ rules: 'rules/clas/2024-2025.clas', application: 'demande.json' }), [
      'eval',
      '--rules',
      'rules/clas/2024-2025.clas',
      '--explain',
      'demande.json',
    ]);
  });

  it('eval: with a configured rules folder, JSON, without explanations', () => {
    assert.deepEqual(
      evalArgs({ rules: 'a.clas', application: 'd.json', rulesDir: '/r', format: 'json', explain: false }),
      ['eval', '--rules', 'a.clas', '--rules-dir', '/r', '--format', 'json', 'd.json'],
    );
  });

  it('diff: applications, or --rules when there are none', () => {
    assert.deepEqual(diffArgs({ from: '2023-2024', to: '2024-2025', applications: ['demandes', 'x.json'] }), [
      'diff',
      '--from',
      '2023-2024',
      '--to',
      '2024-2025',
      'demandes',
      'x.json',
    ]);
    assert.deepEqual(diffArgs({ from: '2023-2024', to: '2024-2025' }), [
      'diff',
      '--from',
      '2023-2024',
      '--to',
      '2024-2025',
      '--rules',
    ]);
    assert.deepEqual(diffArgs({ from: 'a', to: 'b', applications: [], rulesDir: 'rules', keepDates: true }), [
      'diff',
      '--from',
      'a',
      '--to',
      'b',
      '--rules-dir',
      'rules',
      '--keep-dates',
      '--rules',
    ]);
  });

  it('test and check', () => {
    assert.deepEqual(testArgs({ dir: 'rules' }), ['test', 'rules']);
    assert.deepEqual(testArgs({ dir: 'rules', rulesDir: 'rules', update: true }), [
      'test',
      'rules',
      '--rules-dir',
      'rules',
      '--update',
    ]);
    assert.deepEqual(checkArgs(['a.clas', 'b']), ['check', 'a.clas', 'b']);
  });

  it('shows command lines quoted for a shell', () => {
    assert.equal(commandLine('clas-rules', ['eval', '--rules', 'a b.clas', "l'x.json"]), `clas-rules eval --rules 'a b.clas' 'l'\\''x.json'`);
    assert.equal(commandLine('/usr/bin/clas-rules', ['test', 'rules/']), '/usr/bin/clas-rules test rules/');
  });
});
