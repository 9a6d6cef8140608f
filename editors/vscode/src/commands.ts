// « CLAS : évaluer une demande avec ce fichier de règles » and
// « CLAS : comparer avec l'année précédente ».
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { commandLine, diffArgs, evalArgs } from './core/args';
import { diffSummary, parseDiffOutput } from './core/diffOutput';
import { applicationProblems, decisionText, parseDecision, ReportedProblem } from './core/evalOutput';
import { parentYear, parseHeader } from './core/header';
import { BUTTONS, CHANNELS, LABELS, M, startFailureReason } from './core/messages';
import { relativeIfInside, rulesDirOf } from './core/paths';
import { runProgram, RunResult } from './core/process';
import {
  activeRulebook,
  childEnvironment,
  configuredRulesDir,
  isFile,
  Outputs,
  reportMissingBinary,
  requireBinary,
  requireTrust,
  workingDirectoryFor,
} from './environment';

/** Runs `clas-rules` with a progress notification that can be cancelled. */
export async function runWithProgress(title: string, binary: string, args: string[], cwd: string): Promise<RunResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, token) =>
      runProgram(binary, args, {
        cwd,
        env: childEnvironment(),
        onCancel: (cancel) => token.onCancellationRequested(cancel),
      }),
  );
}

/** Handles a run that did not even start, or was stopped; true when it did. */
export async function checkStarted(result: RunResult, binary: string, channel: vscode.OutputChannel): Promise<boolean> {
  if (result.error) {
    const reason = startFailureReason(result.error.code);
    channel.appendLine(M.binaryFailed(binary, reason));
    await reportMissingBinary(M.binaryFailed(binary, reason));
    return false;
  }
  if (result.timedOut) {
    channel.appendLine(M.timedOut);
    void vscode.window.showErrorMessage(M.timedOut);
    return false;
  }
  return !result.cancelled;
}

function header(channel: vscode.OutputChannel, lines: [string, string][], binary: string, args: string[]): void {
  channel.clear();
  const rows: [string, string][] = [...lines, [LABELS.command, commandLine(binary, args)]];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) channel.appendLine(`${label.padEnd(width)}${LABELS.separator}${value}`);
  channel.appendLine('');
}

export class Commands {
  /** Problems found in applications by `eval` (exit code 2), shown in the Problems panel. */
  private readonly applicationDiagnostics = vscode.languages.createDiagnosticCollection('clas-demandes');
  private lastApplicationFolder: vscode.Uri | undefined;
  private lastComparisonFolder: vscode.Uri | undefined;

  constructor(private readonly outputs: Outputs) {}

  dispose(): void {
    this.applicationDiagnostics.dispose();
  }

  /** « CLAS : évaluer une demande avec ce fichier de règles ». */
  async evaluate(resource?: unknown): Promise<void> {
    if (!(await requireTrust())) return;
    const rulebook = await activeRulebook(resource);
    if (!rulebook) return;
    const binary = await requireBinary();
    if (!binary) return;
    const rulesFile = rulebook.uri.fsPath;
    const cwd = workingDirectoryFor(rulesFile);
    const picked = await vscode.window.showOpenDialog({
      title: M.pickApplication,
      openLabel: M.pickApplicationButton,
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      filters: { [M.applicationFilter]: ['json'] },
      defaultUri: this.lastApplicationFolder ?? vscode.Uri.file(cwd),
    });
    if (!picked || picked.length === 0) return;
    const application = picked[0].fsPath;
    this.lastApplicationFolder = vscode.Uri.file(path.dirname(application));
    const args = evalArgs({
      rules: relativeIfInside(rulesFile, cwd),
      application: relativeIfInside(application, cwd),
      rulesDir: configuredRulesDir(),
      explain: true,
    });
    const channel = this.outputs.get(CHANNELS.decisions);
    header(
      channel,
      [
        [LABELS.application, relativeIfInside(application, cwd)],
        [LABELS.rules, relativeIfInside(rulesFile, cwd)],
      ],
      binary,
      args,
    );
    channel.show(true);
    const result = await runWithProgress(M.evaluating, binary, args, cwd);
    if (!(await checkStarted(result, binary, channel))) return;
    this.applicationDiagnostics.delete(vscode.Uri.file(application));
    switch (result.code) {
      case 0: {
        channel.append(result.stdout);
        const decision = parseDecision(result.stdout);
        if (decision) void vscode.window.showInformationMessage(M.notice(decisionText(decision)));
        break;
      }
      case 2: {
        channel.appendLine(M.invalidApplicationTitle);
        channel.appendLine('');
        channel.append(result.stderr);
        const problems = applicationProblems(result.stderr);
        this.showApplicationProblems(application, cwd, problems);
        const choice = await vscode.window.showWarningMessage(
          problems.length === 1 && problems[0].file === undefined
            ? `${M.invalidApplication(1)} ${problems[0].message}`
            : M.invalidApplication(problems.length || 1),
          BUTTONS.openApplication,
          BUTTONS.showOutput,
        );
        if (choice === BUTTONS.openApplication) await vscode.window.showTextDocument(vscode.Uri.file(application));
        if (choice === BUTTONS.showOutput) channel.show();
        break;
      }
      case 1: {
        channel.appendLine(M.rulebookErrorsTitle);
        channel.appendLine('');
        channel.append(result.stderr || result.stdout);
        void vscode.window.showErrorMessage(M.rulebookErrors);
        break;
      }
      default: {
        channel.append(result.stdout);
        channel.append(result.stderr);
        void vscode.window.showErrorMessage(M.unexpectedExit(result.code));
      }
    }
  }

  private showApplicationProblems(application: string, cwd: string, problems: ReportedProblem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      const file = path.resolve(cwd, problem.file ?? application);
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const column = Math.max(0, (problem.column ?? 1) - 1);
      const range = new vscode.Range(line, column, line, column + 1);
      const message = [problem.message, ...problem.notes].join('\n');
      const diagnostic = new vscode.Diagnostic(
        range,
        message,
        problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'clas-rules eval';
      if (problem.code) diagnostic.code = problem.code;
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    }
    for (const [file, diagnostics] of byFile) this.applicationDiagnostics.set(vscode.Uri.file(file), diagnostics);
  }

  /** « CLAS : comparer avec l'année précédente ». */
  async compare(resource?: unknown): Promise<void> {
    if (!(await requireTrust())) return;
    const rulebook = await activeRulebook(resource);
    if (!rulebook) return;
    const rulebookHeader = parseHeader(rulebook.getText());
    const year = rulebookHeader?.year;
    if (!year) {
      void vscode.window.showErrorMessage(M.noYear);
      return;
    }
    if (!rulebookHeader.extends) {
      void vscode.window.showWarningMessage(M.noExtends(year));
      return;
    }
    const rulesFile = rulebook.uri.fsPath;
    const rulesDir = configuredRulesDir() ?? rulesDirOf(rulesFile, process.platform, isFile);
    const from = parentYear(rulebookHeader.extends, (relative) => {
      try {
        return fs.readFileSync(path.resolve(rulesDir, relative), 'utf8');
      } catch {
        return undefined;
      }
    });
    if (!from) {
      void vscode.window.showErrorMessage(M.parentYearUnknown(rulebookHeader.extends));
      return;
    }
    const binary = await requireBinary();
    if (!binary) return;
    const cwd = workingDirectoryFor(rulesFile);
    type Choice = vscode.QuickPickItem & { id: 'folder' | 'rules' };
    const choice = await vscode.window.showQuickPick<Choice>(
      [
        { id: 'folder', label: `$(folder) ${M.compareFolder}`, detail: M.compareFolderDetail },
        { id: 'rules', label: `$(list-unordered) ${M.compareRules}`, detail: M.compareRulesDetail },
      ],
      { title: M.compareTitle(from, year), placeHolder: M.compareTitle(from, year) },
    );
    if (!choice) return;
    let applications: string[] = [];
    if (choice.id === 'folder') {
      const picked = await vscode.window.showOpenDialog({
        title: M.pickApplicationsFolder,
        openLabel: M.pickApplicationsFolderButton,
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: true,
        defaultUri: this.lastComparisonFolder ?? vscode.Uri.file(cwd),
      });
      if (!picked || picked.length === 0) return;
      this.lastComparisonFolder = picked[0];
      applications = picked.map((uri) => relativeIfInside(uri.fsPath, cwd));
    }
    const args = diffArgs({ from, to: year, applications, rulesDir: relativeIfInside(rulesDir, cwd) });
    const channel = this.outputs.get(CHANNELS.comparison);
    header(
      channel,
      [
        [LABELS.rules, relativeIfInside(rulesFile, cwd)],
        [LABELS.years, `${from} → ${year}`],
        [LABELS.applications, applications.length > 0 ? applications.join(', ') : LABELS.noApplications],
      ],
      binary,
      args,
    );
    channel.show(true);
    const result = await runWithProgress(M.comparing(from, year), binary, args, cwd);
    if (!(await checkStarted(result, binary, channel))) return;
    channel.append(result.stdout);
    if (result.code !== 0) {
      channel.appendLine('');
      channel.append(result.stderr);
      void vscode.window.showErrorMessage(M.compareFailed, BUTTONS.showOutput).then((b) => {
        if (b) channel.show();
      });
      return;
    }
    const report = parseDiffOutput(result.stdout);
    if (report) {
      const text = M.notice(diffSummary(report));
      if (report.kind === 'decisions' && report.applications === 0) void vscode.window.showWarningMessage(text);
      else void vscode.window.showInformationMessage(text);
    }
  }
}
