// Reading what `clas-rules diff` prints, for the summary shown beside the
// full report. Two forms:
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
import { plural, stripAnsi } from './text';

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

const DECISIONS_TITLE = /^Comparaison (\S+) → (\S+) sur (\d+) demandes?$/u;
const COUNTS = /^(?:(\d+) demandes? changen?t?, dont (\d+) de statut|aucune demande ne change) ; (\d+) inchangées?\./u;
const RULES_TITLE = /^Différences entre les règles (\S+) et (\S+)/u;
const BUDGET_TITLE = /^Budget\s/u;
const BUDGET_ROW = /^ {2}(\S.*?)\s{2,}(-?[\d\s.,]+?\s?€|—)\s+(-?[\d\s.,]+?\s?€|—)\s+(\S.*)$/u;
const STATUS_LINE = /^ {2}statut : (.+) → (.+)$/u;

/** Parses the standard output of `clas-rules diff`; undefined when it is neither form. */
export function parseDiffOutput(stdout: string): DiffReport | undefined {
  const lines = stripAnsi(stdout).split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return undefined;
  const decisions = DECISIONS_TITLE.exec(lines[first]);
  if (decisions) return parseDecisions(lines.slice(first), decisions);
  const rules = RULES_TITLE.exec(lines[first]);
  if (rules) return parseRules(lines.slice(first + 1), rules[1], rules[2]);
  return undefined;
}

function parseDecisions(lines: string[], title: RegExpExecArray): DecisionsDiff {
  const report: DecisionsDiff = {
    kind: 'decisions',
    from: title[1],
    to: title[2],
    applications: Number(title[3]),
    changed: 0,
    statusChanged: 0,
    unchanged: 0,
    changes: [],
    budget: [],
  };
  let section: 'head' | 'causes' | 'body' | 'assumptions' | 'budget' = 'head';
  let current: ApplicationChange | undefined;
  for (const line of lines.slice(1)) {
    const counts = COUNTS.exec(line);
    if (counts) {
      report.changed = Number(counts[1] ?? 0);
      report.statusChanged = Number(counts[2] ?? 0);
      report.unchanged = Number(counts[3]);
      continue;
    }
    if (line === '') {
      current = undefined;
      if (section === 'head' || section === 'causes') section = 'body';
      continue;
    }
    if (/^Causes des changements$/u.test(line)) {
      section = 'causes';
      continue;
    }
    if (BUDGET_TITLE.test(line)) {
      section = 'budget';
      continue;
    }
    if (/^Hypothèses\b/u.test(line)) {
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

/** A one-line French summary of a comparison, for a notification. */
export function diffSummary(report: DiffReport): string {
  if (report.kind === 'rules') {
    const count = report.sections.reduce((n, s) => n + s.changes.length, 0);
    if (count === 0) return `${report.from} → ${report.to} : aucune différence entre les règles.`;
    const parts = report.sections.map((s) => `${s.title.toLowerCase()} : ${s.changes.length}`);
    return `${report.from} → ${report.to} : ${plural(count, 'différence')} (${parts.join(', ')}).`;
  }
  if (report.applications === 0) {
    return `${report.from} → ${report.to} : aucune demande trouvée (fichiers JSON).`;
  }
  let text =
    `${report.from} → ${report.to} : ${plural(report.applications, 'demande')} comparée${report.applications > 1 ? 's' : ''}, ` +
    `${report.changed} change${report.changed > 1 ? 'nt' : ''} (dont ${report.statusChanged} de statut).`;
  // The rulebook's last amount is its total (the budget keeps the rulebook's order).
  const total = report.budget[report.budget.length - 1];
  if (total) text += ` Budget total : ${total.from} → ${total.to} (${total.change}).`;
  return text;
}
