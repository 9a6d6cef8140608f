import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { explainArgs } from '../../src/core/args';
import { EXPLAIN_SCHEME, explainCode, explanationPage } from '../../src/core/explain';
import { chosenLanguage, languageEnvironment, languageSetting, serverInitializationOptions } from '../../src/core/language';
import { RunResult } from '../../src/core/process';

describe('clasRules.language', () => {
  it('reads the setting, anything unknown being auto', () => {
    assert.equal(languageSetting('fr'), 'fr');
    assert.equal(languageSetting(' EN '), 'en');
    assert.equal(languageSetting('auto'), 'auto');
    assert.equal(languageSetting('de'), 'auto');
    assert.equal(languageSetting(undefined), 'auto');
  });

  it('goes to the server as written, and to the programs as CLAS_LANG only when it names a language', () => {
    assert.deepEqual(serverInitializationOptions('auto'), { language: 'auto' });
    assert.deepEqual(serverInitializationOptions('en'), { language: 'en' });
    assert.deepEqual(languageEnvironment('auto'), {});
    assert.deepEqual(languageEnvironment('fr'), { CLAS_LANG: 'fr' });
    assert.deepEqual(languageEnvironment('en'), { CLAS_LANG: 'en' });
  });

  it('follows VS Code\'s display language when auto: English for en-*, else French', () => {
    assert.equal(chosenLanguage('auto', 'en'), 'en');
    assert.equal(chosenLanguage('auto', 'en-GB'), 'en');
    assert.equal(chosenLanguage('auto', 'fr'), 'fr');
    assert.equal(chosenLanguage('auto', 'de'), 'fr');
    assert.equal(chosenLanguage('auto', undefined), 'fr');
    assert.equal(chosenLanguage('fr', 'en'), 'fr');
    assert.equal(chosenLanguage('en', 'fr'), 'en');
  });
});

describe('explanations of diagnostic codes', () => {
  const ran = (overrides: Partial<RunResult>): RunResult => ({
    code: 0,
    stdout: '',
    stderr: '',
    timedOut: false,
    cancelled: false,
    ...overrides,
  });

  it('reads the code from the address the server writes', () => {
    assert.equal(EXPLAIN_SCHEME, 'clas-rules-explain');
    assert.equal(explainCode('E0203'), 'E0203');
    assert.equal(explainCode('/e0203.md'), 'E0203');
    assert.equal(explainCode('--help'), undefined, 'never an option');
    assert.equal(explainCode('E0203 --lang'), undefined);
    assert.equal(explainCode(''), undefined);
  });

  it('runs `clas-rules explain CODE`, with --lang en in English', () => {
    assert.deepEqual(explainArgs('E0203', 'fr'), ['explain', 'E0203']);
    assert.deepEqual(explainArgs('E0203', 'en'), ['explain', 'E0203', '--lang', 'en']);
  });

  it('shows what the program prints, or says in French why not', () => {
    assert.equal(explanationPage('E0203', ran({ stdout: '# E0203\n\nNom inconnu.\n' })), '# E0203\n\nNom inconnu.\n');
    const failed = explanationPage('E0203', ran({ code: 2, stderr: "error: unrecognized subcommand 'explain'\n" }));
    assert.equal(
      failed,
      [
        '# E0203',
        '',
        'L’explication du code E0203 n’a pas pu être obtenue : la commande « clas-rules explain » a échoué (code 2). ' +
          'Cette version de clas-rules ne sait peut-être pas encore expliquer les codes : installez une version plus récente de l’extension (ou du programme indiqué dans « clasRules.path »).',
        '',
        'Détail technique :',
        '',
        '```text',
        "error: unrecognized subcommand 'explain'",
        '```',
        '',
      ].join('\n'),
    );
    assert.match(explanationPage('E0203', ran({ code: 0, stdout: ' \n' })), /n’a rien affiché/);
    const missing = explanationPage('E0203', ran({ code: null, error: Object.assign(new Error('spawn'), { code: 'ENOENT' }) }));
    assert.match(missing, /n’a pas pu être obtenue : programme introuvable\.\n$/);
    assert.match(explanationPage('E0203', ran({ code: null, timedOut: true })), /trop de temps/);
  });
});
