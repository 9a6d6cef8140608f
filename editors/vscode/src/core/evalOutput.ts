// Reading what `clas-rules eval` prints (the decision, in French or English) and the
// errors it reports (codespan-reporting blocks), for notifications and for
// the Problems panel. Pure: no `vscode` import.
import { SUMMARIES } from './messages';
import { stripAnsi } from './text';

export interface DecisionSummary {
  /** `ÉLIGIBLE`, `NON ÉLIGIBLE`, `INCOMPLÈTE`… as printed. */
  status: string;
  /** The lines of the `Montants` section: label and value. */
  amounts: { label: string; value: string }[];
  /** The `Motifs` lines (`- refus : …`). */
  reasons: string[];
}

/** The first line of a decision: `Décision : ` (French) or `Decision: ` (English). */
const DECISION_LINE = /^D[ée]cision\s*:\s*/u;

/** The decision printed by `clas-rules eval` (human format); undefined when there is none. */
export function parseDecision(stdout: string): DecisionSummary | undefined {
  const lines = stripAnsi(stdout).split(/\r?\n/);
  const statusLine = lines.find((l) => DECISION_LINE.test(l));
  if (!statusLine) return undefined;
  const summary: DecisionSummary = {
    status: statusLine.replace(DECISION_LINE, '').trim(),
    amounts: [],
    reasons: [],
  };
  let section = '';
  for (const line of lines) {
    if (/^\S/.test(line)) {
      section = line.trim();
      continue;
    }
    if (section === 'Montants' || section === 'Amounts') {
      const m = /^\s+([^\s(].*?)\s*: (.+)$/u.exec(line);
      if (m) summary.amounts.push({ label: m[1], value: m[2].trim() });
    } else if (section === 'Motifs' || section === 'Reasons') {
      const m = /^\s+- (.+)$/u.exec(line);
      if (m) summary.reasons.push(m[1]);
    }
  }
  return summary;
}

/** `Décision : ÉLIGIBLE — Total accordé : 2 563,00 €`, in the language in use. */
export function decisionText(decision: DecisionSummary): string {
  const total = decision.amounts.find((a) => /^total/iu.test(a.label));
  return SUMMARIES.decision(decision.status, total);
}

export interface ReportedProblem {
  severity: 'error' | 'warning' | 'note' | 'help' | 'bug';
  /** The diagnostic's code (`E0507`), when it has one. */
  code?: string;
  message: string;
  /** Where it is, when the report gives a place. */
  file?: string;
  /** 1-based, as printed. */
  line?: number;
  column?: number;
  /** The `= hint: …` lines. */
  notes: string[];
}

/** The severity words of both languages clas-rules speaks. */
const SEVERITIES: Record<string, ReportedProblem['severity']> = {
  error: 'error',
  erreur: 'error',
  warning: 'warning',
  avertissement: 'warning',
  note: 'note',
  help: 'help',
  aide: 'help',
  bug: 'bug',
};

/**
 * The problems in a codespan-reporting text, as `clas-rules` prints them on
 * standard error, in French (`erreur[E0509] : …`, the default) or in English
 * (`error[E0509]: …`, with `--lang en`):
 *
 *   error[E0509]: depose_le: `2023-13-01` is not a day of the calendar
 *     ┌─ /tmp/bad.json:1:43
 *     │
 *   1 │ {"depose_le":"2023-13-01"}
 *     │              ^^^^^^^^^^^^ …
 *     │
 *     = hint: months go from 01 to 12
 */
export function parseProblems(stderr: string): ReportedProblem[] {
  const problems: ReportedProblem[] = [];
  let current: ReportedProblem | undefined;
  for (const raw of stripAnsi(stderr).split(/\r?\n/)) {
    const head = /^(error|warning|note|help|bug|erreur|avertissement|aide)(?:\[([^\]]*)\])? ?: (.*)$/u.exec(raw);
    if (head) {
      const severity = SEVERITIES[head[1]] ?? 'error';
      current = { severity, message: head[3].trim(), notes: [] };
      if (head[2]) current.code = head[2];
      problems.push(current);
      continue;
    }
    if (!current) continue;
    const place = /^\s*[┌╭]─+ (.+):(\d+):(\d+)\s*$/u.exec(raw);
    if (place && current.file === undefined) {
      current.file = place[1];
      current.line = Number(place[2]);
      current.column = Number(place[3]);
      continue;
    }
    const note = /^\s*= (.*)$/u.exec(raw);
    if (note) current.notes.push(note[1].trim());
  }
  return problems;
}

/**
 * The problems of an application rejected by `eval` (exit code 2), without
 * the closing "the application has N problems; no decision was made" line.
 * Most point into the application; some do not (a file that cannot be read,
 * an application for another school year than the rulebook's).
 */
export function applicationProblems(stderr: string): ReportedProblem[] {
  return parseProblems(stderr).filter(
    (p) =>
      (p.severity === 'error' || p.severity === 'warning') &&
      !/^(the application has \d+ problems?\b|la demande comporte \d+ problèmes?\b)/u.test(p.message),
  );
}
