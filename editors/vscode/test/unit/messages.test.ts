// The extension's own texts: a French catalog (the default) and an English
// one of the same shape, switched by `useLanguage`.
import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { commandLanguage } from '../../src/core/language';
import * as messages from '../../src/core/messages';
import { Catalog, CATALOGS, languageInUse, startFailureReason, useLanguage } from '../../src/core/messages';

/** Arguments for a catalog's function, by the names of its parameters. */
function sampleArguments(entry: Function): unknown[] {
  const names = /^[^(]*\(([^)]*)\)/.exec(entry.toString())?.[1].split(',') ?? [];
  return names
    .map((name) => name.trim().replace(/[:=].*$/, ''))
    .filter((name) => name !== '')
    .map((name) => (name === 'parts' ? ['a: 1', 'b: 2'] : name === 'total' ? { label: 'Total', value: '3,00 €' } : '3'));
}

/** Every text of a catalog, its functions called with sample arguments, by path. */
function texts(catalog: Catalog): Map<string, string> {
  const out = new Map<string, string>();
  for (const [group, entries] of Object.entries(catalog)) {
    for (const [name, entry] of Object.entries(entries as Record<string, string | ((...a: unknown[]) => string)>)) {
      const key = `${group}.${name}`;
      if (typeof entry === 'string') out.set(key, entry);
      else if (typeof entry === 'function') out.set(key, String(entry(...sampleArguments(entry))));
      else assert.fail(`${key} is neither a text nor a function`);
    }
  }
  return out;
}

/** The shape of a catalog: each entry's path, and for a function its number of arguments. */
function shape(catalog: Catalog): string[] {
  return Object.entries(catalog).flatMap(([group, entries]) =>
    Object.entries(entries as Record<string, unknown>).map(([name, entry]) =>
      typeof entry === 'function' ? `${group}.${name}(${entry.length})` : `${group}.${name}`,
    ),
  );
}

describe('the extension\'s catalogs', () => {
  it('have the same entries in French and in English, functions taking the same arguments', () => {
    assert.deepEqual(shape(CATALOGS.en), shape(CATALOGS.fr));
    assert.ok(shape(CATALOGS.fr).length >= 70);
  });

  it('write French in the French catalog and English in the English one', () => {
    const french = texts(CATALOGS.fr);
    const english = texts(CATALOGS.en);
    assert.match(french.get('m.binaryNotFound') ?? '', /introuvable/);
    assert.equal(french.get('channels.decisions'), 'CLAS — décisions');
    assert.match(english.get('m.binaryNotFound') ?? '', /cannot be found/);
    for (const [key, text] of french) {
      assert.ok(!/\b(not found|error|failed|the|cannot)\b/i.test(text), `French ${key}: ${text}`);
    }
    for (const [key, text] of english) {
      // Names quoted as they are written (a setting, the key “demande”) are not French prose.
      const prose = text.replace(/“[^”]*”/g, '');
      assert.ok(!/[«»’éèàç]|\b(le|la|les|demande|règles?|erreur)\b/i.test(prose), `English ${key}: ${text}`);
    }
    // Every English text differs from the French one, but for the few that are the same in both.
    const same = [...english].filter(([key, text]) => french.get(key) === text).map(([key]) => key);
    assert.deepEqual(same, ['channels.tests', 'm.explainTitle']);
  });

  it('speak French until told otherwise, then the language asked for, everywhere at once', () => {
    assert.equal(languageInUse(), 'fr');
    assert.equal(messages.M.testsFailed, CATALOGS.fr.m.testsFailed);
    assert.equal(startFailureReason('ENOENT'), 'programme introuvable');
    try {
      useLanguage('en');
      assert.equal(languageInUse(), 'en');
      // The module's bindings are live: what another module imported now reads English.
      assert.equal(messages.M.testsFailed, 'CLAS: the rule tests could not be run.');
      assert.equal(messages.CHANNELS.decisions, 'CLAS — decisions');
      assert.equal(messages.BUTTONS.showOutput, 'Show details');
      assert.equal(messages.LABELS.command, 'Command');
      assert.equal(startFailureReason('ENOENT'), 'program not found');
      assert.equal(startFailureReason('EACCES'), 'the file is not executable');
      assert.equal(startFailureReason(undefined), 'unknown error');
      assert.equal(messages.M.notice('x'), 'CLAS: x');
    } finally {
      useLanguage('fr');
    }
    assert.equal(messages.M.notice('x'), 'CLAS : x');
    assert.equal(startFailureReason('EPERM'), 'EPERM');
  });

  it('follow the commands\' language: the setting when it names one, else French', () => {
    assert.equal(commandLanguage('auto'), 'fr');
    assert.equal(commandLanguage('fr'), 'fr');
    assert.equal(commandLanguage('en'), 'en');
  });
});
