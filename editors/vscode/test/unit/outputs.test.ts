// The parsers of what `clas-rules test`, `diff` and `eval` print: on fixed
// texts (the formats as documented) and on the real program's output.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { diffArgs, evalArgs, testArgs } from '../../src/core/args';
import { diffSummary, parseDiffOutput } from '../../src/core/diffOutput';
import { applicationProblems, decisionText, parseDecision, parseProblems } from '../../src/core/evalOutput';
import { useLanguage } from '../../src/core/messages';
import { runProgram } from '../../src/core/process';
import {
  caseFilePath,
  isTestCase,
  lineOfKey,
  parseDifference,
  parseTestOutput,
  summaryText,
} from '../../src/core/testOutput';
import { binaryPath, REPO_ROOT, temporaryRules } from '../helpers';

/** The text with no-break spaces as plain spaces. */
const spaces = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

const TEST_OUTPUT = `ÉCHEC  rules/clas/tests/2024-2025/bad.json
       depose_le: missing field \`depose_le\`
       plateforme: missing field \`plateforme\`
ÉCHEC  rules/clas/tests/2024-2025/fail.json
       statut : attendu « ineligible », obtenu « eligible »
       ps : attendu "1.00", obtenu "2310.00"
       règle attendue mais non appliquée : depot_sur_elan
ok     rules/clas/tests/2024-2025/reference-eligible.json — Demande de référence 2024-2025 : 7 000 € × 33 % = 2 310 €.
ok     rules/clas/tests/2024-2025/sans-description.json

Couverture : règles qu'aucun cas ne déclenche
  2023-2024 : aucune, chaque règle est exercée (20 règles)
  2024-2025 : 3 sur 19 — effectif_du_collectif, depot_sur_elan, axe_enfants

2 réussi(s), 2 échoué(s)
`;

/** The same run in English (`--lang en`, or `CLAS_LANG=en`). */
const TEST_OUTPUT_EN = `FAILED rules/clas/tests/2024-2025/bad.json
       \`plateforme\`: missing field \`plateforme\`
FAILED rules/clas/tests/2024-2025/fail.json
       statut: expected "ineligible", got "eligible"
       ps: expected "1.00", got "2310.00"
       rule expected but not applied: depot_sur_elan
ok     rules/clas/tests/2024-2025/reference-eligible.json — Demande de référence 2024-2025 : 7 000 € × 33 % = 2 310 €.
ok     rules/clas/tests/2024-2025/sans-description.json

Coverage: rules no case triggers
  Caf 63, 2023-2024: none, every rule is exercised (20 rules)
  2024-2025: 3 of 19 — effectif_du_collectif, depot_sur_elan, axe_enfants

2 passed, 2 failed
`;

describe('clas-rules test output', () => {
  it('reads cases, differences, coverage and the summary', () => {
    const report = parseTestOutput(TEST_OUTPUT);
    assert.deepEqual(
      report.cases.map((c) => [c.file, c.status, c.details.length]),
      [
        ['rules/clas/tests/2024-2025/bad.json', 'failed', 2],
        ['rules/clas/tests/2024-2025/fail.json', 'failed', 3],
        ['rules/clas/tests/2024-2025/reference-eligible.json', 'passed', 0],
        ['rules/clas/tests/2024-2025/sans-description.json', 'passed', 0],
      ],
    );
    assert.equal(report.cases[2].description, 'Demande de référence 2024-2025 : 7 000 € × 33 % = 2 310 €.');
    assert.equal(report.cases[3].description, undefined);
    assert.equal(report.cases[1].details[1], 'ps : attendu "1.00", obtenu "2310.00"');
    assert.deepEqual(report.coverage, [
      { year: '2023-2024', total: 20, uncovered: [] },
      { year: '2024-2025', total: 19, uncovered: ['effectif_du_collectif', 'depot_sur_elan', 'axe_enfants'] },
    ]);
    assert.deepEqual(report.summary, { passed: 2, failed: 2, updated: 0 });
    assert.equal(summaryText(report), '2 réussi(s), 2 échoué(s) ; règles sans cas de test : 3 en 2024-2025');
    try {
      useLanguage('en');
      assert.equal(summaryText(report), '2 passed, 2 failed; rules without a test case: 3 in 2024-2025');
    } finally {
      useLanguage('fr');
    }
  });

  it('reads --update runs and CRLF output', () => {
    const report = parseTestOutput('MIS À JOUR  a.json\r\n       ps : attendu "1.00", obtenu "2.00"\r\n\r\n0 réussi(s), 0 échoué(s), 1 mis à jour\r\n');
    assert.deepEqual(report.cases, [{ file: 'a.json', status: 'updated', description: undefined, details: ['ps : attendu "1.00", obtenu "2.00"'] }]);
    assert.deepEqual(report.summary, { passed: 0, failed: 0, updated: 1 });
  });

  it('reads cases, differences, coverage and the summary in English', () => {
    const report = parseTestOutput(TEST_OUTPUT_EN);
    assert.deepEqual(
      report.cases.map((c) => [c.file, c.status, c.details.length]),
      [
        ['rules/clas/tests/2024-2025/bad.json', 'failed', 1],
        ['rules/clas/tests/2024-2025/fail.json', 'failed', 3],
        ['rules/clas/tests/2024-2025/reference-eligible.json', 'passed', 0],
        ['rules/clas/tests/2024-2025/sans-description.json', 'passed', 0],
      ],
    );
    assert.equal(report.cases[2].description, 'Demande de référence 2024-2025 : 7 000 € × 33 % = 2 310 €.');
    assert.deepEqual(report.cases[1].details.map(parseDifference), [
      { kind: 'value', name: 'statut', expected: 'ineligible', actual: 'eligible' },
      { kind: 'value', name: 'ps', expected: '1.00', actual: '2310.00' },
      { kind: 'missing-rule', rule: 'depot_sur_elan' },
    ]);
    assert.deepEqual(report.coverage, [
      { caf: '63', year: '2023-2024', total: 20, uncovered: [] },
      { year: '2024-2025', total: 19, uncovered: ['effectif_du_collectif', 'depot_sur_elan', 'axe_enfants'] },
    ]);
    assert.deepEqual(report.summary, { passed: 2, failed: 2, updated: 0 });
  });

  it('reads --update runs in English', () => {
    const report = parseTestOutput('UPDATED a.json\r\n       ps: expected "1.00", got "2.00"\r\n\r\n0 passed, 0 failed, 1 updated\r\n');
    assert.deepEqual(report.cases, [{ file: 'a.json', status: 'updated', description: undefined, details: ['ps: expected "1.00", got "2.00"'] }]);
    assert.deepEqual(report.summary, { passed: 0, failed: 0, updated: 1 });
  });

  it('reads each kind of difference in English', () => {
    assert.deepEqual(parseDifference('statut: expected "ineligible", got "eligible"'), {
      kind: 'value',
      name: 'statut',
      expected: 'ineligible',
      actual: 'eligible',
    });
    assert.deepEqual(parseDifference('msa_recevable: expected true, got false'), {
      kind: 'value',
      name: 'msa_recevable',
      expected: 'true',
      actual: 'false',
    });
    assert.deepEqual(parseDifference('rule expected but not applied: depot_sur_elan'), { kind: 'missing-rule', rule: 'depot_sur_elan' });
    assert.deepEqual(parseDifference('rule applied but not expected: axe_ecole'), { kind: 'extra-rule', rule: 'axe_ecole' });
    assert.deepEqual(parseDifference('inexistant: the rules have no such result'), { kind: 'other', text: 'inexistant: the rules have no such result' });
  });

  it('reads each kind of difference', () => {
    assert.deepEqual(parseDifference('statut : attendu « ineligible », obtenu « eligible »'), {
      kind: 'value',
      name: 'statut',
      expected: 'ineligible',
      actual: 'eligible',
    });
    assert.deepEqual(parseDifference('  ps : attendu "1.00", obtenu "2310.00"'), {
      kind: 'value',
      name: 'ps',
      expected: '1.00',
      actual: '2310.00',
    });
    assert.deepEqual(parseDifference('msa_recevable : attendu true, obtenu false'), {
      kind: 'value',
      name: 'msa_recevable',
      expected: 'true',
      actual: 'false',
    });
    assert.deepEqual(parseDifference('règle attendue mais non appliquée : depot_sur_elan'), { kind: 'missing-rule', rule: 'depot_sur_elan' });
    assert.deepEqual(parseDifference('règle appliquée mais non attendue : axe_ecole'), { kind: 'extra-rule', rule: 'axe_ecole' });
    assert.deepEqual(parseDifference('plateforme: missing field `plateforme`'), { kind: 'other', text: 'plateforme: missing field `plateforme`' });
  });

  it('resolves case files against the folder the command ran in', () => {
    assert.equal(caseFilePath('rules/a.json', '/ws'), path.resolve('/ws/rules/a.json'));
    assert.equal(caseFilePath('/abs/a.json', '/ws'), path.resolve('/abs/a.json'));
  });

  it('recognises test cases and finds their "attendu"', () => {
    assert.ok(isTestCase('{"demande": {}, "attendu": {}}'));
    assert.ok(!isTestCase('{"annee_scolaire": "2023-2024"}'));
    assert.ok(!isTestCase('[{"demande": {}}]'));
    assert.ok(!isTestCase('{ not json'));
    assert.equal(lineOfKey('{\n  "demande": {},\n  "attendu" : {}\n}', 'attendu'), 2);
    assert.equal(lineOfKey('{}', 'attendu'), 0);
  });

  it('matches the real program: passing and failing cases, with coverage', async () => {
    const { root, rulesDir } = temporaryRules();
    const cases = path.join(rulesDir, 'caf-63', 'tests', '2024-2025');
    fs.mkdirSync(cases, { recursive: true });
    const reference = path.join(REPO_ROOT, 'rules', 'caf-63', 'tests', '2024-2025', 'reference-eligible.json');
    fs.copyFileSync(reference, path.join(cases, 'reference-eligible.json'));
    const wrong = JSON.parse(fs.readFileSync(reference, 'utf8'));
    wrong.attendu.statut = 'ineligible';
    wrong.attendu.resultats.ps = '1.00';
    fs.writeFileSync(path.join(cases, 'faux.json'), JSON.stringify(wrong, null, 2));
    fs.writeFileSync(path.join(cases, 'pas-un-cas.json'), '{"x": 1}');

    const result = await runProgram(binaryPath(), testArgs({ dir: 'rules' }), { cwd: root });
    assert.equal(result.code, 1, result.stderr);
    const report = parseTestOutput(result.stdout);
    assert.deepEqual(
      report.cases.map((c) => [path.basename(c.file), c.status]),
      [
        ['faux.json', 'failed'],
        ['reference-eligible.json', 'passed'],
      ],
    );
    assert.equal(caseFilePath(report.cases[0].file, root), path.join(cases, 'faux.json'));
    assert.deepEqual(report.cases[0].details.map(parseDifference), [
      { kind: 'value', name: 'statut', expected: 'ineligible', actual: 'eligible' },
      { kind: 'value', name: 'ps', expected: '1.00', actual: '2310.00' },
    ]);
    assert.ok(report.cases[1].description?.startsWith('Demande de référence'));
    assert.deepEqual(report.summary, { passed: 1, failed: 1, updated: 0 });
    assert.equal(report.coverage.length, 1);
    assert.equal(report.coverage[0].year, '2024-2025');
    assert.equal(report.coverage[0].caf, '63');
    assert.ok(report.coverage[0].uncovered.includes('encadrement_du_collectif'));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('matches the real program in English (--lang en and CLAS_LANG=en)', async () => {
    const { root, rulesDir } = temporaryRules();
    const cases = path.join(rulesDir, 'caf-63', 'tests', '2024-2025');
    fs.mkdirSync(cases, { recursive: true });
    const reference = path.join(REPO_ROOT, 'rules', 'caf-63', 'tests', '2024-2025', 'reference-eligible.json');
    fs.copyFileSync(reference, path.join(cases, 'reference-eligible.json'));
    const wrong = JSON.parse(fs.readFileSync(reference, 'utf8'));
    wrong.attendu.statut = 'ineligible';
    wrong.attendu.resultats.ps = '1.00';
    fs.writeFileSync(path.join(cases, 'faux.json'), JSON.stringify(wrong, null, 2));

    const env = { ...process.env };
    delete env.CLAS_LANG;
    const runs = [
      await runProgram(binaryPath(), [...testArgs({ dir: 'rules' }), '--lang', 'en'], { cwd: root, env }),
      await runProgram(binaryPath(), testArgs({ dir: 'rules' }), { cwd: root, env: { ...env, CLAS_LANG: 'en' } }),
    ];
    for (const result of runs) {
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /^FAILED /m);
      assert.match(result.stdout, /^Coverage: /m);
      const report = parseTestOutput(result.stdout);
      assert.deepEqual(
        report.cases.map((c) => [path.basename(c.file), c.status]),
        [
          ['faux.json', 'failed'],
          ['reference-eligible.json', 'passed'],
        ],
      );
      assert.deepEqual(report.cases[0].details.map(parseDifference), [
        { kind: 'value', name: 'statut', expected: 'ineligible', actual: 'eligible' },
        { kind: 'value', name: 'ps', expected: '1.00', actual: '2310.00' },
      ]);
      assert.deepEqual(report.summary, { passed: 1, failed: 1, updated: 0 });
      assert.equal(report.coverage.length, 1);
      assert.equal(report.coverage[0].caf, '63');
      assert.equal(report.coverage[0].year, '2024-2025');
      assert.ok(report.coverage[0].uncovered.includes('encadrement_du_collectif'));
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('matches the real program on the repository test cases', async () => {
    const result = await runProgram(binaryPath(), testArgs({ dir: 'rules' }), { cwd: REPO_ROOT });
    const report = parseTestOutput(result.stdout);
    assert.ok(report.summary, result.stdout + result.stderr);
    assert.equal(report.cases.length, report.summary.passed + report.summary.failed);
    assert.ok(report.cases.length > 0);
    for (const c of report.cases) assert.ok(fs.existsSync(caseFilePath(c.file, REPO_ROOT)), c.file);
    assert.ok(report.coverage.some((c) => c.year === '2023-2024'));
  });
});

const DIFF_OUTPUT = `Comparaison 2023-2024 → 2024-2025 sur 3 demandes
2 demandes changent, dont 1 de statut ; 1 inchangée.
Nouveau paramètre (pas une valeur modifiée) : \`encadrants_minimum\` = 2.

Causes des changements
  valeur modifiée \`taux_ps\` : 32,5 % → 33 % — 2 demandes
  règle supprimée \`transition_porteur_deja_conventionne\` — 1 demande

examples/demande-6500.json
  Prestation de service (Ps) : 2 113,00 € → 2 145,00 € (+32,00 €)
  Total accordé : 2 113,00 € → 2 145,00 € (+32,00 €)
  causes : \`taux_ps\`

tests/porteur.json
  statut : non éligible → éligible
  Prestation de service (Ps) : 0,00 € → 2 310,00 € (+2 310,00 €)
  − règle \`transition_porteur_deja_conventionne\` ne s'applique plus : Pour 2023-2024, seuls les porteurs conventionnés en 2022-2023 peuvent déposer une demande.

Hypothèses pour lire les demandes avec les règles 2024-2025
  dates décalées de 1 an (comme si chaque demande était déposée au même moment de l'année suivante)

Budget                           2023-2024     2024-2025         écart
  Prestation de service (Ps)    2 113,00 €    4 455,00 €   +2 342,00 €  (+110,8 %)
  Total accordé                 2 113,00 €    4 455,00 €   +2 342,00 €  (+110,8 %)
`;

const RULES_DIFF_OUTPUT = `Différences entre les règles 2023-2024 et 2024-2025

Paramètres
  ~ taux_ps : 32,5 % → 33 %
  + encadrants_minimum (nouveau : 2)

Champs de la demande
  − Porteur.collectifs_conventionnes_2022_2023 (retiré ; était : integer)

Règles
  − transition_porteur_deja_conventionne (retiré ; était : rule …)
`;

describe('clas-rules diff output', () => {
  it('reads a comparison of decisions', () => {
    const report = parseDiffOutput(DIFF_OUTPUT);
    assert.ok(report && report.kind === 'decisions');
    assert.equal(report.from, '2023-2024');
    assert.equal(report.to, '2024-2025');
    assert.equal(report.applications, 3);
    assert.equal(report.changed, 2);
    assert.equal(report.statusChanged, 1);
    assert.equal(report.unchanged, 1);
    assert.deepEqual(
      report.changes.map((c) => [c.file, c.statusChanged, c.lines.length]),
      [
        ['examples/demande-6500.json', false, 3],
        ['tests/porteur.json', true, 3],
      ],
    );
    assert.deepEqual(report.budget[1], { name: 'Total accordé', from: '2 113,00 €', to: '4 455,00 €', change: '+2 342,00 € (+110,8 %)' });
    assert.equal(
      diffSummary(report),
      '2023-2024 → 2024-2025 : 3 demandes comparées, 2 changent (dont 1 de statut). Budget total : 2 113,00 € → 4 455,00 € (+2 342,00 € (+110,8 %)).',
    );
  });

  it('reads a comparison of rulebooks', () => {
    const report = parseDiffOutput(RULES_DIFF_OUTPUT);
    assert.ok(report && report.kind === 'rules');
    assert.deepEqual(
      report.sections.map((s) => [s.title, s.changes.map((c) => `${c.kind}:${c.name}`)]),
      [
        ['Paramètres', ['changed:taux_ps', 'added:encadrants_minimum']],
        ['Champs de la demande', ['removed:Porteur.collectifs_conventionnes_2022_2023']],
        ['Règles', ['removed:transition_porteur_deja_conventionne']],
      ],
    );
    assert.equal(report.sections[0].changes[0].detail, '32,5 % → 33 %');
    assert.equal(diffSummary(report), '2023-2024 → 2024-2025 : 4 différences (paramètres : 2, champs de la demande : 1, règles : 1).');
  });

  it('reads both forms in English, from the real program, and sums them up in English', async () => {
    const env = { ...process.env, CLAS_LANG: 'en' };
    const decisions = await runProgram(
      binaryPath(),
      diffArgs({ from: '2023-2024', to: '2024-2025', applications: ['rules/caf-63/tests'], rulesDir: 'rules' }),
      { cwd: REPO_ROOT, env },
    );
    assert.equal(decisions.code, 0, decisions.stderr);
    assert.match(decisions.stdout, /^Comparison 2023-2024 → 2024-2025 over \d+ applications$/m);
    const report = parseDiffOutput(decisions.stdout);
    assert.ok(report && report.kind === 'decisions', decisions.stdout);
    assert.ok(report.applications >= 10);
    assert.ok(report.changed >= 1 && report.statusChanged >= 1, decisions.stdout);
    assert.equal(report.changed + report.unchanged, report.applications);
    assert.equal(report.changes.length, report.changed);
    assert.equal(report.changes.filter((c) => c.statusChanged).length, report.statusChanged);
    const total = report.budget.find((b) => b.name === 'Total accordé');
    assert.ok(total, decisions.stdout);

    const rules = await runProgram(binaryPath(), diffArgs({ from: '2023-2024', to: '2024-2025', rulesDir: 'rules' }), {
      cwd: REPO_ROOT,
      env,
    });
    assert.equal(rules.code, 0, rules.stderr);
    const rulesReport = parseDiffOutput(rules.stdout);
    assert.ok(rulesReport && rulesReport.kind === 'rules', rules.stdout);
    assert.equal(rulesReport.from, '2023-2024');
    const parameters = rulesReport.sections.find((s) => s.title === 'Parameters');
    assert.ok(parameters?.changes.some((c) => c.name === 'taux_ps' && c.kind === 'changed'), rules.stdout);
    assert.ok(parameters?.changes.some((c) => c.name === 'encadrants_minimum' && c.kind === 'added'), rules.stdout);
    try {
      useLanguage('en');
      assert.match(
        spaces(diffSummary(report)),
        new RegExp(`^2023-2024 → 2024-2025: ${report.applications} applications compared, ${report.changed} change \\(${report.statusChanged} of them in status\\)\\. Total budget: `),
      );
      assert.match(diffSummary(rulesReport), /^2023-2024 → 2024-2025: \d+ differences \(parameters: \d+, .*\)\.$/);
      assert.equal(diffSummary({ ...report, applications: 0 }), '2023-2024 → 2024-2025: no application found (JSON files).');
    } finally {
      useLanguage('fr');
    }
  });

  it('says when no application was found, and ignores other texts', () => {
    const report = parseDiffOutput('Comparaison 2023-2024 → 2024-2025 sur 0 demande\naucune demande ne change ; 0 inchangée.\n');
    assert.ok(report);
    assert.equal(diffSummary(report), '2023-2024 → 2024-2025 : aucune demande trouvée (fichiers JSON).');
    assert.equal(parseDiffOutput('error: no rulebook'), undefined);
    assert.equal(parseDiffOutput(''), undefined);
  });

  it('matches the real program, on applications and on the rulebooks', async () => {
    const decisions = await runProgram(
      binaryPath(),
      diffArgs({ from: '2023-2024', to: '2024-2025', applications: ['examples'], rulesDir: 'rules' }),
      { cwd: REPO_ROOT },
    );
    assert.equal(decisions.code, 0, decisions.stderr);
    const report = parseDiffOutput(decisions.stdout);
    assert.ok(report && report.kind === 'decisions');
    assert.ok(report.applications >= 1);
    assert.equal(report.changed + report.unchanged, report.applications);
    const total = report.budget.find((b) => b.name === 'Total accordé');
    assert.ok(total, decisions.stdout);
    assert.match(spaces(total.from), /^\d{1,3}( \d{3})*,\d\d €$/);
    assert.match(spaces(total.change), /^[+-]/);

    const rules = await runProgram(binaryPath(), diffArgs({ from: '2023-2024', to: '2024-2025', rulesDir: 'rules' }), { cwd: REPO_ROOT });
    assert.equal(rules.code, 0, rules.stderr);
    const rulesReport = parseDiffOutput(rules.stdout);
    assert.ok(rulesReport && rulesReport.kind === 'rules');
    const parameters = rulesReport.sections.find((s) => s.title === 'Paramètres');
    assert.ok(parameters?.changes.some((c) => c.name === 'taux_ps' && c.kind === 'changed'), rules.stdout);
  });
});

describe('clas-rules eval output', () => {
  it('reads the decision of the real program', async () => {
    const result = await runProgram(
      binaryPath(),
      evalArgs({ rules: 'rules/caf-63/2023-2024.clas', application: 'examples/demande-eligible.json' }),
      { cwd: REPO_ROOT },
    );
    assert.equal(result.code, 0, result.stderr);
    const decision = parseDecision(result.stdout);
    assert.ok(decision);
    assert.equal(decision.status, 'ÉLIGIBLE');
    // The program separates thousands with a narrow no-break space (U+202F).
    const total = decision.amounts.find((a) => a.label === 'Total accordé');
    assert.equal(spaces(total?.value ?? ''), '2 563,00 €');
    assert.equal(spaces(decisionText(decision)), 'Décision : ÉLIGIBLE — Total accordé : 2 563,00 €');
    assert.match(result.stdout, /Comment les montants sont calculés/, '--explain shows the computations, in words');
  });

  it('reads the decision in English (clasRules.language = en), and sums it up in English', async () => {
    const result = await runProgram(
      binaryPath(),
      evalArgs({ rules: 'rules/caf-63/2023-2024.clas', application: 'examples/demande-eligible.json' }),
      { cwd: REPO_ROOT, env: { ...process.env, CLAS_LANG: 'en' } },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Decision: ELIGIBLE$/m);
    const decision = parseDecision(result.stdout);
    assert.ok(decision, result.stdout);
    assert.equal(decision.status, 'ELIGIBLE');
    assert.ok(decision.amounts.some((a) => a.label === 'Total accordé'), result.stdout);
    assert.ok(decision.reasons.length >= 1, result.stdout);
    try {
      useLanguage('en');
      assert.equal(spaces(decisionText(decision)), 'Decision: ELIGIBLE — Total accordé: 2 563,00 €');
    } finally {
      useLanguage('fr');
    }
  });

  it('reads a refusal, without the note under the amounts', () => {
    const decision = parseDecision(
      'Décision : NON ÉLIGIBLE\n\nMontants\n  Total accordé : 0,00 €\n  (montants à zéro : la demande n\'est pas éligible en l\'état)\n\nMotifs\n  - refus : Hors période.\n    règle depot_dans_la_periode\n',
    );
    assert.deepEqual(decision, { status: 'NON ÉLIGIBLE', amounts: [{ label: 'Total accordé', value: '0,00 €' }], reasons: ['refus : Hors période.'] });
    assert.equal(parseDecision('nothing'), undefined);
  });

  it('reads the problems of an invalid application (exit code 2), with their place', async () => {
    const { root } = temporaryRules();
    const application = path.join(root, 'demande.json');
    fs.writeFileSync(application, '{"annee_scolaire": "2023-2024",\n "depose_le": "2023-13-01"}\n');
    const result = await runProgram(
      binaryPath(),
      evalArgs({ rules: path.join(REPO_ROOT, 'rules', 'caf-63', '2023-2024.clas'), application }),
      { cwd: root },
    );
    assert.equal(result.code, 2);
    const problems = applicationProblems(result.stderr);
    assert.ok(problems.length >= 2, result.stderr);
    const date = problems.find((p) => p.message.startsWith('`depose_le`'));
    assert.ok(date, result.stderr);
    assert.equal(date.file, application);
    assert.equal(date.line, 2);
    assert.equal(date.column, 15);
    assert.equal(date.code, 'E0509');
    assert.ok(date.notes.some((n) => /^aide : /.test(n)), date.notes.join('\n'));
    assert.ok(parseProblems(result.stderr).some((p) => p.file === undefined), 'the closing summary has no place');
    assert.ok(problems.every((p) => p.file !== undefined), 'the closing summary is not a problem of the application');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads the problems that point nowhere: another school year, an unreadable file', async () => {
    const otherYear = await runProgram(
      binaryPath(),
      evalArgs({ rules: 'rules/caf-63/2024-2025.clas', application: 'examples/demande-eligible.json' }),
      { cwd: REPO_ROOT },
    );
    assert.equal(otherYear.code, 2);
    const [problem, ...rest] = applicationProblems(otherYear.stderr);
    assert.deepEqual(rest, []);
    assert.match(problem.message, /année scolaire `2023-2024`.*`2024-2025`/);
    assert.equal(problem.file, undefined);
    const missing = await runProgram(binaryPath(), evalArgs({ rules: 'rules/caf-63/2023-2024.clas', application: 'absente.json' }), { cwd: REPO_ROOT });
    assert.equal(missing.code, 2);
    assert.match(applicationProblems(missing.stderr)[0].message, /impossible de lire/);
  });

  it('reads codespan blocks', () => {
    const problems = parseProblems(
      'error: unknown name `x`\n   ┌─ a.clas:62:41\n   │\n62 │   y\n   │   ^ not declared\n   │\n   = hint: did you mean `y`?\n\nwarning[W1]: unused\n  ┌─ a.clas:3:1\n',
    );
    assert.deepEqual(problems, [
      { severity: 'error', message: 'unknown name `x`', file: 'a.clas', line: 62, column: 41, notes: ['hint: did you mean `y`?'] },
      { severity: 'warning', code: 'W1', message: 'unused', file: 'a.clas', line: 3, column: 1, notes: [] },
    ]);
  });

  it('reads them in French too, the default', () => {
    const problems = applicationProblems(
      'erreur[E0507] : `collectifs[1].enfants` : attendu : un nombre entier (`integer`) ; trouvé : le texte "douze"\n' +
        '   ┌─ d.json:24:18\n   │\n24 │       "enfants": "douze",\n   │                  ^^^^^^^ ici\n   │\n   = aide : écrivez 12\n\n' +
        'erreur : la demande comporte 1 problème ; aucune décision n\'a été prise\n',
    );
    assert.deepEqual(problems, [
      {
        severity: 'error',
        code: 'E0507',
        message: '`collectifs[1].enfants` : attendu : un nombre entier (`integer`) ; trouvé : le texte "douze"',
        file: 'd.json',
        line: 24,
        column: 18,
        notes: ['aide : écrivez 12'],
      },
    ]);
  });
});

describe('running clas-rules', () => {
  it('reports a program that does not exist instead of throwing', async () => {
    const result = await runProgram('/nonexistent/clas-rules', ['--version']);
    assert.equal(result.code, null);
    assert.equal(result.error?.code, 'ENOENT');
  });

  it('stops a program that takes too long', async () => {
    const result = await runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 });
    assert.ok(result.timedOut);
  });

  it('can be cancelled', async () => {
    const result = await runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      onCancel: (cancel) => setTimeout(cancel, 100),
    });
    assert.ok(result.cancelled);
  });
});
