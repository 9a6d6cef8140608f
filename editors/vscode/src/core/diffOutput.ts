// Reading what `clas-rules diff` prints, for the summary shown beside the
// full report, in French (below) or in English (`--lang en`: `Comparison
// 2023-2024 → 2024-2025 over 22 applications`, `Causes of the changes`…).
// Two forms:
//
//   Comparaison 2023-2024 → 2024-2025 sur 22 demandes
//   11 demandes changent, dont 2 de statut ; 11 inchangées.
//   …
//   Causes des changements
//     valeur modifiée `taux_ps` : 32,5 % → 33 % — 11 demandes
//   …
//   Budget                           2023-2024     2024-2025         écart
//     Total accordé                21 211,00 €   28 195,00 €   +6 984,00 €  (+32,9 %)
//
// and, with `--rules`:
//
//   Différences entre les règles 2023-2024 et 2024-2025
//   Paramètres
//     ~ taux_ps : 32,5 % → 33 %
//     + encadrants_minimum (nouveau : 2)
//   Règles
//     − transition_porteur_deja_conventionne (retiré ; …)
//
// Pure: no `vscode` import.
import { SUMMARIES } from './messages';
import { stripAnsi } from './text';

export interface BudgetLine {
  name: string;
  from: string;
  to: string;
  change: string;
}

export interface ApplicationChange {
  file: string;
  /** The indented lines under the file: status, amounts, cause. */
  lines: string[];
  statusChanged: boolean;
}

export interface DecisionsDiff {
  kind: 'decisions';
  from: string;
  to: string;
  applications: number;
  changed: number;
  statusChanged: number;
  unchanged: number;
  changes: ApplicationChange[];
  budget: BudgetLine[];
}

export interface RuleChange {
  kind: 'changed' | 'added' | 'removed';
  name: string;
  detail: string;
}

export interface RulesDiff {
  kind: 'rules';
  from: string;
  to: string;
  sections: { title: string; changes: RuleChange[] }[];
}

export type DiffReport = DecisionsDiff | RulesDiff;

// Each in French, then in English.
const DECISIONS_TITLE = /^(?:Comparaison (\S+) → (\S+) sur (\d+) demandes?|Comparison (\S+) → (\S+) over (\d+) applications?)$/u;
const COUNTS =
  /^(?:(?:(\d+) demandes? changen?t?, dont (\d+) de statut|aucune demande ne change) ; (\d+) inchangées?|(?:(\d+) applications? changes?, (\d+) of them in status|no application changes); (\d+) unchanged)\./u;
const RULES_TITLE = /^(?:Différences entre les règles (\S+) et (\S+)|Differences between the (\S+) and (\S+) rules)/u;
const CAUSES_TITLE = /^(?:Causes des changements|Causes of the changes)$/u;
const ASSUMPTIONS_TITLE = /^(?:Hypothèses|Assumptions)\b/u;
const BUDGET_TITLE = /^Budget\s/u;
const BUDGET_ROW = /^ {2}(\S.*?)\s{2,}(-?[\d\s.,]+?\s?€|—)\s+(-?[\d\s.,]+?\s?€|—)\s+(\S.*)$/u;
const STATUS_LINE = /^ {2}(?:statut :|status:) (.+) → (.+)$/u;

/** The groups of a match of one of the patterns above, whichever language matched. */
function groups(match: RegExpExecArray, count: number): (string | undefined)[] {
  const french = match.slice(1, 1 + count);
  return french.some((group) => group !== undefined) ? french : match.slice(1 + count, 1 + 2 * count);
}

/** Parses the standard output of `clas-rules diff`; undefined when it is neither form. */
export function parseDiffOutput(stdout: string): DiffReport | undefined {
  const lines = stripAnsi(stdout).split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return undefined;
  const decisions = DECISIONS_TITLE.exec(lines[first]);
  if (decisions) {
    const [from, to, count] = groups(decisions, 3);
    return parseDecisions(lines.slice(first + 1), from ?? '', to ?? '', Number(count));
  }
  const rules = RULES_TITLE.exec(lines[first]);
  if (rules) {
    const [from, to] = groups(rules, 2);
    return parseRules(lines.slice(first + 1), from ?? '', to ?? '');
  }
  return undefined;
}

function parseDecisions(lines: string[], from: string, to: string, applications: number): DecisionsDiff {
  const report: DecisionsDiff = {
    kind: 'decisions',
    from,
    to,
    applications,
    changed: 0,
    statusChanged: 0,
    unchanged: 0,
    changes: [],
    budget: [],
  };
  let section: 'head' | 'causes' | 'body' | 'assumptions' | 'budget' = 'head';
  let current: ApplicationChange | undefined;
  for (const line of lines) {
    const counts = COUNTS.exec(line);
    if (counts) {
      const [changed, statusChanged, unchanged] = groups(counts, 3);
      report.changed = Number(changed ?? 0);
      report.statusChanged = Number(statusChanged ?? 0);
      report.unchanged = Number(unchanged);
      continue;
    }
    if (line === '') {
      current = undefined;
      if (section === 'head' || section === 'causes') section = 'body';
      continue;
    }
    if (CAUSES_TITLE.test(line)) {
      section = 'causes';
      continue;
    }
    if (BUDGET_TITLE.test(line)) {
      section = 'budget';
      continue;
    }
    if (ASSUMPTIONS_TITLE.test(line)) {
      section = 'assumptions';
      continue;
    }
    if (section === 'budget') {
      const row = BUDGET_ROW.exec(line);
      if (row) report.budget.push({ name: row[1], from: row[2], to: row[3], change: row[4].replace(/ {2,}/g, ' ') });
      continue;
    }
    if (section !== 'body') continue;
    if (!line.startsWith(' ')) {
      current = { file: line, lines: [], statusChanged: false };
      report.changes.push(current);
    } else if (current) {
      current.lines.push(line.trim());
      const status = STATUS_LINE.exec(line);
      if (status && status[1] !== status[2]) current.statusChanged = true;
    }
  }
  return report;
}

function parseRules(lines: string[], from: string, to: string): RulesDiff {
  const report: RulesDiff = { kind: 'rules', from, to, sections: [] };
  for (const line of lines) {
    if (line === '') continue;
    if (!line.startsWith(' ')) {
      report.sections.push({ title: line, changes: [] });
      continue;
    }
    const section = report.sections[report.sections.length - 1];
    const m = /^\s+([~+−-]) (\S+)\s*(.*)$/u.exec(line);
    if (!section || !m) continue;
    const kind = m[1] === '~' ? 'changed' : m[1] === '+' ? 'added' : 'removed';
    section.changes.push({ kind, name: m[2], detail: m[3].replace(/^: /, '') });
  }
  return report;
}

/** A one-line summary of a comparison, for a notification, in the language in use. */
export function diffSummary(report: DiffReport): string {
  if (report.kind === 'rules') {
    const count = report.sections.reduce((n, s) => n + s.changes.length, 0);
    if (count === 0) return SUMMARIES.rulesSame(report.from, report.to);
    const parts = report.sections.map((s) => SUMMARIES.rulesSection(s.title, s.changes.length));
    return SUMMARIES.rulesDiffer(report.from, report.to, count, parts);
  }
  if (report.applications === 0) return SUMMARIES.noApplications(report.from, report.to);
  let text = SUMMARIES.applicationsCompared(
    report.from,
    report.to,
    report.applications,
    report.changed,
    report.statusChanged,
  );
  // The rulebook's last amount is its total (the budget keeps the rulebook's order).
  const total = report.budget[report.budget.length - 1];
  if (total) text += SUMMARIES.budgetTotal(total.from, total.to, total.change);
  return text;
}
