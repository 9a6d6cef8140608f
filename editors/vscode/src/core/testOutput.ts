// Reading what `clas-rules test` prints:
//
//   ok     rules/caf-63/tests/2024-2025/reference.json — Demande de référence…
//   ÉCHEC  rules/caf-63/tests/2024-2025/faux.json
//          statut : attendu « ineligible », obtenu « eligible »
//          ps : attendu "1.00", obtenu "2310.00"
//
//   Couverture : règles qu'aucun cas ne déclenche
//     Caf 63, 2023-2024 : aucune, chaque règle est exercée (20 règles)
//     Caf 63, 2024-2025 : 14 sur 19 — effectif_du_collectif, depot_sur_elan, …
//
//   57 réussi(s), 0 échoué(s)
//
// or, in English (`--lang en`, or `CLAS_LANG=en` from the `clasRules.language`
// setting):
//
//   ok     rules/caf-63/tests/2024-2025/reference.json — Demande de référence…
//   FAILED rules/caf-63/tests/2024-2025/faux.json
//          statut: expected "ineligible", got "eligible"
//          ps: expected "1.00", got "2310.00"
//   UPDATED rules/caf-63/tests/2024-2025/mis-a-jour.json
//
//   Coverage: rules no case triggers
//     Caf 63, 2023-2024: none, every rule is exercised (20 rules)
//     Caf 63, 2024-2025: 14 of 19 — effectif_du_collectif, depot_sur_elan, …
//
//   57 passed, 0 failed, 1 updated
//
// Pure: no `vscode` import.
import * as path from 'path';
import { SUMMARIES } from './messages';
import { stripAnsi } from './text';

export type CaseStatus = 'passed' | 'failed' | 'updated';

export interface CaseResult {
  /** The file as printed (relative to the folder the command ran in, or absolute). */
  file: string;
  status: CaseStatus;
  /** The case's `description`, printed after `—` for a case that passes. */
  description?: string;
  /** The differences (or the reason the case could not run), one per line. */
  details: string[];
}

export interface Coverage {
  /** The Caf, when the rules folder has Cafs (`Caf 63, 2023-2024 : …`). */
  caf?: string;
  year: string;
  /** How many rules the rulebook of that year has. */
  total: number;
  /** The rules no case makes fire. */
  uncovered: string[];
}

export interface TestSummary {
  passed: number;
  failed: number;
  updated: number;
}

export interface TestReport {
  cases: CaseResult[];
  coverage: Coverage[];
  summary?: TestSummary;
}

// Each line in French, then in English.
const CASE_LINE = /^(ok|ÉCHEC|MIS À JOUR|FAILED|UPDATED)\s+(.+)$/u;
const FAILED_WORDS = ['ÉCHEC', 'FAILED'];
const DETAIL_LINE = /^ {7}(.*)$/;
const SUMMARY_LINE = [
  /^(\d+) réussi\(s\), (\d+) échoué\(s\)(?:, (\d+) mis à jour)?\s*$/u,
  /^(\d+) passed, (\d+) failed(?:, (\d+) updated)?\s*$/u,
];
const COVERAGE_TITLE = /^(?:Couverture|Coverage)\b/u;
const COVERAGE_FULL = [
  /^ {2}(?:Caf (\S+), )?(\S+) : aucune, chaque règle est exercée \((\d+) règles?\)\s*$/u,
  /^ {2}(?:Caf (\S+), )?(\S+): none, every rule is exercised \((\d+) rules?\)\s*$/u,
];
const COVERAGE_PARTIAL = [
  /^ {2}(?:Caf (\S+), )?(\S+) : (\d+) sur (\d+) — (.*)$/u,
  /^ {2}(?:Caf (\S+), )?(\S+): (\d+) of (\d+) — (.*)$/u,
];
const MISSING_RULE = [/^règle attendue mais non appliquée : (.+)$/u, /^rule expected but not applied: (.+)$/u];
const EXTRA_RULE = [/^règle appliquée mais non attendue : (.+)$/u, /^rule applied but not expected: (.+)$/u];
const VALUE_DIFFERENCE = [/^(\S+) : attendu (.+), obtenu (.+)$/u, /^(\S+): expected (.+), got (.+)$/u];

/** The match of the first pattern that matches, if any. */
function firstMatch(patterns: RegExp[], line: string): RegExpExecArray | null {
  for (const pattern of patterns) {
    const match = pattern.exec(line);
    if (match) return match;
  }
  return null;
}

/** Parses the standard output of `clas-rules test`. Unknown lines are ignored. */
export function parseTestOutput(stdout: string): TestReport {
  const report: TestReport = { cases: [], coverage: [] };
  let current: CaseResult | undefined;
  let inCoverage = false;
  for (const raw of stripAnsi(stdout).split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    const summary = firstMatch(SUMMARY_LINE, line);
    if (summary) {
      report.summary = {
        passed: Number(summary[1]),
        failed: Number(summary[2]),
        updated: summary[3] ? Number(summary[3]) : 0,
      };
      current = undefined;
      inCoverage = false;
      continue;
    }
    if (COVERAGE_TITLE.test(line)) {
      inCoverage = true;
      current = undefined;
      continue;
    }
    if (inCoverage) {
      const full = firstMatch(COVERAGE_FULL, line);
      const partial = firstMatch(COVERAGE_PARTIAL, line);
      if (full)
        report.coverage.push({ ...(full[1] ? { caf: full[1] } : {}), year: full[2], total: Number(full[3]), uncovered: [] });
      else if (partial)
        report.coverage.push({
          ...(partial[1] ? { caf: partial[1] } : {}),
          year: partial[2],
          total: Number(partial[4]),
          uncovered: partial[5].split(',').map((r) => r.trim()).filter(Boolean),
        });
      continue;
    }
    const detail = DETAIL_LINE.exec(line);
    if (detail && current) {
      current.details.push(detail[1]);
      continue;
    }
    const match = CASE_LINE.exec(line);
    if (match) {
      const status: CaseStatus = match[1] === 'ok' ? 'passed' : FAILED_WORDS.includes(match[1]) ? 'failed' : 'updated';
      let file = match[2];
      let description: string | undefined;
      const dash = file.indexOf(' — ');
      if (status === 'passed' && dash >= 0) {
        description = file.slice(dash + 3);
        file = file.slice(0, dash);
      }
      current = { file, status, description, details: [] };
      report.cases.push(current);
      continue;
    }
    if (line !== '') current = undefined;
  }
  return report;
}

/** The absolute path of a case file printed by `clas-rules test` run in `cwd`. */
export function caseFilePath(file: string, cwd: string): string {
  return path.resolve(cwd, file);
}

export type Difference =
  | { kind: 'value'; name: string; expected: string; actual: string }
  | { kind: 'missing-rule'; rule: string }
  | { kind: 'extra-rule'; rule: string }
  | { kind: 'other'; text: string };

/**
 * One difference line of a failing case, e.g.
 * `ps : attendu "1.00", obtenu "2310.00"`,
 * `statut : attendu « ineligible », obtenu « eligible »`,
 * `règle attendue mais non appliquée : depot_sur_elan`;
 * in English `ps: expected "1.00", got "2310.00"`,
 * `rule expected but not applied: depot_sur_elan`.
 */
export function parseDifference(line: string): Difference {
  const text = line.trim();
  let m = firstMatch(MISSING_RULE, text);
  if (m) return { kind: 'missing-rule', rule: m[1] };
  m = firstMatch(EXTRA_RULE, text);
  if (m) return { kind: 'extra-rule', rule: m[1] };
  m = firstMatch(VALUE_DIFFERENCE, text);
  if (m) return { kind: 'value', name: m[1], expected: unquote(m[2]), actual: unquote(m[3]) };
  return { kind: 'other', text };
}

function unquote(value: string): string {
  const v = value.trim();
  const guillemets = /^«\s?(.*?)\s?»$/u.exec(v);
  if (guillemets) return guillemets[1];
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  return v;
}

/** Whether a JSON text is a staff test case: an object with a `demande`. */
export function isTestCase(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'demande' in value;
  } catch {
    return false;
  }
}

/** The 0-based line where `"key":` first appears in a JSON text (0 when absent). */
export function lineOfKey(text: string, key: string): number {
  const lines = text.split(/\r?\n/);
  const needle = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`);
  const index = lines.findIndex((l) => needle.test(l));
  return index < 0 ? 0 : index;
}

/** A one-line summary of a test report, in the language in use. */
export function summaryText(report: TestReport): string {
  const s = report.summary ?? {
    passed: report.cases.filter((c) => c.status === 'passed').length,
    failed: report.cases.filter((c) => c.status === 'failed').length,
    updated: report.cases.filter((c) => c.status === 'updated').length,
  };
  let text = SUMMARIES.tests(s.passed, s.failed);
  if (s.updated > 0) text += SUMMARIES.testsUpdated(s.updated);
  const uncovered = report.coverage.filter((c) => c.uncovered.length > 0);
  if (uncovered.length > 0) {
    text += SUMMARIES.uncovered(uncovered.map((c) => SUMMARIES.uncoveredIn(c.uncovered.length, c.year, c.caf)));
  }
  return text;
}
