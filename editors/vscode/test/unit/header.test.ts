import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { isSchoolYear, parentYear, parseHeader } from '../../src/core/header';
import { RULES_DIR } from '../helpers';

describe('rulebook header', () => {
  it('reads the real 2024-2025 rulebook of the Caf du Puy-de-Dôme, over the national one', () => {
    const header = parseHeader(fs.readFileSync(path.join(RULES_DIR, 'caf-63', '2024-2025.clas'), 'utf8'));
    assert.ok(header);
    assert.equal(header.year, '2024-2025');
    assert.equal(header.extends, '2023-2024');
    assert.equal(header.version, '1');
    assert.equal(header.layer, 'caf-63');
    assert.equal(header.over, 'national');
    assert.match(header.title ?? '', /^Contrat local/);
  });

  it('reads the real national 2023-2024 rulebook, which extends nothing', () => {
    const header = parseHeader(fs.readFileSync(path.join(RULES_DIR, 'national', '2023-2024.clas'), 'utf8'));
    assert.equal(header?.year, '2023-2024');
    assert.equal(header?.extends, undefined);
    assert.equal(header?.layer, 'national');
    assert.equal(header?.over, undefined);
  });

  it('reads a one-line header, comments and escapes', () => {
    const header = parseHeader(
      [
        '# year "1999-2000" in a comment is not the year',
        'rulebook "CLAS \\"exemple\\"" year "2024-2025" extends "clas/2023-2024" # extends "x"',
        '  source "Note # 2024-2025"',
        '',
        'param year: text = "2000-2001"',
      ].join('\n'),
    );
    assert.deepEqual(header, {
      line: 1,
      title: 'CLAS "exemple"',
      year: '2024-2025',
      extends: 'clas/2023-2024',
      source: 'Note # 2024-2025',
    });
  });

  it('stops at the next declaration', () => {
    const header = parseHeader('rulebook "x"\n  year "2024-2025"\nparam extends_x: text = "a"\n  extends "nope"\n');
    assert.equal(header?.year, '2024-2025');
    assert.equal(header?.extends, undefined);
  });

  it('finds no header in a text without one', () => {
    assert.equal(parseHeader('param x: integer = 1\n'), undefined);
    assert.equal(parseHeader('  rulebook "indented is not a declaration"\n'), undefined);
  });

  it('knows a school year', () => {
    assert.ok(isSchoolYear('2023-2024'));
    assert.ok(!isSchoolYear('2023-2025'));
    assert.ok(!isSchoolYear('clas/2023-2024'));
  });

  it('finds the year a rulebook extends, by year or by path', () => {
    const none = () => undefined;
    assert.equal(parentYear('2023-2024', none), '2023-2024');
    const files: Record<string, string> = { 'clas/base.clas': 'rulebook "b"\n  year "2022-2023"\n' };
    assert.equal(parentYear('clas/base', (p) => files[p]), '2022-2023');
    assert.equal(parentYear('clas/base.clas', (p) => files[p]), '2022-2023');
    assert.equal(parentYear('clas/absent', (p) => files[p]), undefined);
  });
});
