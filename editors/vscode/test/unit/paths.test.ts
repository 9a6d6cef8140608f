import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import {
  bundledBinary,
  chooseBinary,
  chooseRulesDir,
  expandSetting,
  relativeIfInside,
  resolveBinary,
  rulesDirOf,
} from '../../src/core/paths';

describe('finding clas-rules', () => {
  const files = new Set(['/usr/local/bin/clas-rules', '/ws/target/debug/clas-rules', '/home/me/bin/clas-rules']);
  const lookup = {
    isExecutable: (f: string) => files.has(f),
    env: { PATH: '/usr/bin:/usr/local/bin' },
    platform: 'linux',
    workspaceFolder: '/ws',
    home: '/home/me',
  };

  it('searches PATH for a bare name (the default)', () => {
    assert.equal(resolveBinary('clas-rules', lookup), '/usr/local/bin/clas-rules');
    assert.equal(resolveBinary('', lookup), '/usr/local/bin/clas-rules');
    assert.equal(resolveBinary(undefined, lookup), '/usr/local/bin/clas-rules');
  });

  it('takes a path relative to the workspace folder, or absolute, or from home', () => {
    assert.equal(resolveBinary('target/debug/clas-rules', lookup), '/ws/target/debug/clas-rules');
    assert.equal(resolveBinary('${workspaceFolder}/target/debug/clas-rules', lookup), '/ws/target/debug/clas-rules');
    assert.equal(resolveBinary('/usr/local/bin/clas-rules', lookup), '/usr/local/bin/clas-rules');
    assert.equal(resolveBinary('~/bin/clas-rules', lookup), '/home/me/bin/clas-rules');
  });

  it('gives undefined when nothing runnable is found', () => {
    assert.equal(resolveBinary('clas-rulez', lookup), undefined);
    assert.equal(resolveBinary('/opt/clas-rules', lookup), undefined);
    assert.equal(resolveBinary('clas-rules', { ...lookup, env: {} }), undefined);
  });

  it('tries PATHEXT on Windows', () => {
    const win = {
      isExecutable: (f: string) => f === 'C:\\Outils\\clas-rules.exe',
      env: { PATH: 'C:\\Windows;C:\\Outils', PATHEXT: '.COM;.EXE' },
      platform: 'win32',
    };
    assert.equal(resolveBinary('clas-rules', win), 'C:\\Outils\\clas-rules.exe');
    assert.equal(resolveBinary('C:\\Outils\\clas-rules', win), 'C:\\Outils\\clas-rules.exe');
  });

  it('expands ${workspaceFolder} and ~', () => {
    assert.equal(expandSetting(' ${workspaceFolder}/x ', '/ws'), '/ws/x');
    assert.equal(expandSetting('~/x', undefined, '/home/me'), '/home/me/x');
    assert.equal(expandSetting('a~/x', undefined, '/home/me'), 'a~/x');
  });
});

describe('the program a platform package carries', () => {
  const bundled = '/ext/caf-clas.clas-rules-0.1.0-linux-x64/bin/clas-rules';
  const files = new Set([bundled, '/usr/local/bin/clas-rules', '/ws/target/debug/clas-rules']);
  const lookup = {
    isExecutable: (f: string) => files.has(f),
    env: { PATH: '/usr/bin:/usr/local/bin' },
    platform: 'linux',
    workspaceFolder: '/ws',
  };

  it('lives in bin/ of the extension, with .exe on Windows', () => {
    assert.equal(bundledBinary('/ext/x', 'linux'), '/ext/x/bin/clas-rules');
    assert.equal(bundledBinary('/ext/x', 'darwin'), '/ext/x/bin/clas-rules');
    assert.equal(bundledBinary('C:\\ext\\x', 'win32'), 'C:\\ext\\x\\bin\\clas-rules.exe');
  });

  it('is run when clasRules.path is not set, before anything on PATH', () => {
    assert.equal(chooseBinary({ bundled }, lookup), bundled);
    assert.equal(chooseBinary({ bundled, explicitSetting: '  ' }, lookup), bundled);
  });

  it('gives way to a program clasRules.path names explicitly, even the PATH one', () => {
    assert.equal(chooseBinary({ bundled, explicitSetting: 'target/debug/clas-rules' }, lookup), '/ws/target/debug/clas-rules');
    assert.equal(chooseBinary({ bundled, explicitSetting: 'clas-rules' }, lookup), '/usr/local/bin/clas-rules');
    assert.equal(chooseBinary({ bundled, explicitSetting: '/opt/absent' }, lookup), undefined, 'no silent fallback');
  });

  it('is absent from the universal package: the PATH is searched', () => {
    assert.equal(chooseBinary({}, lookup), '/usr/local/bin/clas-rules');
    assert.equal(chooseBinary({ bundled: '/ext/universal/bin/clas-rules' }, lookup), '/usr/local/bin/clas-rules');
    assert.equal(chooseBinary({ bundled: '/ext/universal/bin/clas-rules' }, { ...lookup, env: {} }), undefined);
  });

  it('finds clas-rules.exe in the Windows package', () => {
    const exe = bundledBinary('C:\\ext', 'win32');
    const win = { isExecutable: (f: string) => f === exe, env: { PATH: 'C:\\Windows' }, platform: 'win32' };
    assert.equal(chooseBinary({ bundled: exe }, win), exe);
  });
});

describe('the rules folder', () => {
  it('is the nearest folder named rules, as clas-rules finds it', () => {
    assert.equal(rulesDirOf('/ws/rules/clas/2024-2025.clas', 'linux'), '/ws/rules');
    assert.equal(rulesDirOf('/ws/rules/2024-2025.clas', 'linux'), '/ws/rules');
    assert.equal(rulesDirOf('/tmp/essai/2024-2025.clas', 'linux'), '/tmp/essai');
  });

  it('is found under another name by its settings file, or above a layer folder', () => {
    const isFile = (f: string) => f === '/home/agent/Règles CLAS/clas-rules.toml';
    const rulebook = '/home/agent/Règles CLAS/caf-63/2024-2025.clas';
    assert.equal(rulesDirOf(rulebook, 'linux', isFile), '/home/agent/Règles CLAS');
    assert.equal(rulesDirOf('/home/agent/Règles CLAS/2024-2025.clas', 'linux', isFile), '/home/agent/Règles CLAS');
    // Without the settings file: the folder above `national/` or `caf-<code>/`.
    assert.equal(rulesDirOf(rulebook, 'linux'), '/home/agent/Règles CLAS');
    assert.equal(rulesDirOf('/d/regles/national/2024-2025.clas', 'linux'), '/d/regles');
    assert.equal(rulesDirOf('/d/regles/caf-/a.clas', 'linux'), '/d/regles/caf-');
    assert.equal(rulesDirOf('C:\\Users\\agent\\Regles\\caf-2a\\2024-2025.clas', 'win32'), 'C:\\Users\\agent\\Regles');
    // A workspace that is a rules folder itself.
    const choice = { workspaceFolders: ['/home/agent/Règles CLAS'], isDirectory: () => false, isFile, platform: 'linux' };
    assert.equal(chooseRulesDir(choice), '/home/agent/Règles CLAS');
  });

  it('comes from the setting, else the open rulebook, else the workspace', () => {
    const isDirectory = (d: string) => d === '/ws/rules';
    const base = { workspaceFolders: ['/ws'], isDirectory, platform: 'linux' };
    assert.equal(chooseRulesDir({ ...base, setting: 'regles' }), '/ws/regles');
    assert.equal(chooseRulesDir({ ...base, setting: '/srv/regles' }), '/srv/regles');
    assert.equal(chooseRulesDir({ ...base, activeRulebook: '/other/rules/clas/a.clas' }), '/other/rules');
    assert.equal(chooseRulesDir(base), '/ws/rules');
    assert.equal(chooseRulesDir({ ...base, workspaceFolders: ['/empty'] }), undefined);
  });

  it('shows paths relative to the workspace when inside it', () => {
    assert.equal(relativeIfInside('/ws/rules/clas/a.clas', '/ws', 'linux'), 'rules/clas/a.clas');
    assert.equal(relativeIfInside('/elsewhere/a.json', '/ws', 'linux'), '/elsewhere/a.json');
    assert.equal(relativeIfInside('/ws', '/ws', 'linux'), '.');
    assert.equal(relativeIfInside('/x', undefined, 'linux'), '/x');
  });
});
