// « CLAS : lancer les tests des règles »: `clas-rules test DIR`, shown in
// the Testing panel (one test item per case file, grouped by folder), in the
// Problems panel (one error per failing case file) and in the output panel
// « CLAS — tests ».
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { commandLine, testArgs } from './core/args';
import { BUTTONS, CHANNELS, M } from './core/messages';
import {
  CaseResult,
  caseFilePath,
  isTestCase,
  lineOfKey,
  parseDifference,
  parseTestOutput,
  summaryText,
  TestReport,
} from './core/testOutput';
import { checkStarted, runWithProgress } from './commands';
import { Outputs, requireBinary, requireTrust, rulesDirForTests, workspaceFolderPaths } from './environment';
import { relativeIfInside } from './core/paths';

export class RuleTests implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private readonly profile: vscode.TestRunProfile;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('clas-tests');
  private lastReport: TestReport | undefined;

  constructor(private readonly outputs: Outputs) {
    this.controller = vscode.tests.createTestController('clasRules', M.testControllerLabel);
    this.profile = this.controller.createRunProfile(
      M.testRunProfile,
      vscode.TestRunProfileKind.Run,
      async (request, token) => {
        await this.run(request, token);
      },
      true,
    );
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = async () => {
      await this.discover();
    };
  }

  dispose(): void {
    this.controller.dispose();
    this.diagnostics.dispose();
  }

  get report(): TestReport | undefined {
    return this.lastReport;
  }

  /** Lists the case files of the rules folder in the Testing panel, without running them. */
  async discover(dir = rulesDirForTests()): Promise<void> {
    if (!dir) return;
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(dir), '**/*.json'));
    for (const uri of files) {
      try {
        if (isTestCase(fs.readFileSync(uri.fsPath, 'utf8'))) this.item(uri.fsPath, dir);
      } catch {
        // unreadable: not listed
      }
    }
  }

  /** The test item of a case file (created with its folder's item when new). */
  private item(file: string, rulesDir: string): vscode.TestItem {
    const folder = path.dirname(file);
    let parent = this.controller.items.get(folder);
    if (!parent) {
      const label = relativeIfInside(folder, rulesDir);
      parent = this.controller.createTestItem(folder, label, vscode.Uri.file(folder));
      this.controller.items.add(parent);
    }
    let item = parent.children.get(file);
    if (!item) {
      item = this.controller.createTestItem(file, path.basename(file, '.json'), vscode.Uri.file(file));
      parent.children.add(item);
    }
    return item;
  }

  /** « CLAS : lancer les tests des règles ». */
  async runAll(): Promise<TestReport | undefined> {
    const cancellation = new vscode.CancellationTokenSource();
    try {
      return await this.run(new vscode.TestRunRequest(undefined, undefined, this.profile), cancellation.token);
    } finally {
      cancellation.dispose();
    }
  }

  private async chooseDir(): Promise<string | undefined> {
    const dir = rulesDirForTests();
    if (dir) return dir;
    const picked = await vscode.window.showOpenDialog({
      title: M.pickRulesDir,
      openLabel: M.pickRulesDirButton,
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
    });
    if (!picked || picked.length === 0) {
      void vscode.window.showWarningMessage(M.noRulesDir);
      return undefined;
    }
    return picked[0].fsPath;
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<TestReport | undefined> {
    if (!(await requireTrust())) return undefined;
    const dir = await this.chooseDir();
    if (!dir) return undefined;
    const binary = await requireBinary();
    if (!binary) return undefined;
    const cwd = workspaceFolderPaths().find((f) => relativeIfInside(dir, f) !== dir) ?? dir;
    const args = testArgs({ dir: relativeIfInside(dir, cwd) });
    const channel = this.outputs.get(CHANNELS.tests);
    channel.clear();
    channel.appendLine(`Dossier  : ${relativeIfInside(dir, cwd)}`);
    channel.appendLine(`Commande : ${commandLine(binary, args)}`);
    channel.appendLine('');

    await this.discover(dir);
    const included = (item: vscode.TestItem): boolean => {
      const excluded = (request.exclude ?? []).some((e) => e === item || e === item.parent);
      if (excluded) return false;
      if (!request.include) return true;
      return request.include.some((i) => i === item || i === item.parent);
    };
    const leaves: vscode.TestItem[] = [];
    this.controller.items.forEach((parent) => parent.children.forEach((child) => leaves.push(child)));
    const run = this.controller.createTestRun(request, M.testRunProfile);
    for (const leaf of leaves.filter(included)) run.started(leaf);

    const result = await runWithProgress(M.testing, binary, args, cwd);
    const tokenCancelled = token.isCancellationRequested;
    if (!(await checkStarted(result, binary, channel)) || tokenCancelled) {
      for (const leaf of leaves.filter(included)) run.skipped(leaf);
      run.end();
      return undefined;
    }
    channel.append(result.stdout);
    if (result.stderr) channel.append(result.stderr);
    run.appendOutput(result.stdout.replace(/\r?\n/g, '\r\n'));

    const report = parseTestOutput(result.stdout);
    this.lastReport = report;
    const reported = new Set<string>();
    this.diagnostics.clear();
    for (const outcome of report.cases) {
      const file = caseFilePath(outcome.file, cwd);
      const item = this.item(file, dir);
      reported.add(item.id);
      if (!included(item)) continue;
      if (outcome.status === 'failed') {
        run.failed(item, this.messages(file, outcome));
        this.diagnose(file, outcome);
      } else {
        run.passed(item);
      }
    }
    const leavesNow: vscode.TestItem[] = [];
    this.controller.items.forEach((parent) => parent.children.forEach((child) => leavesNow.push(child)));
    for (const leaf of leavesNow) {
      if (!reported.has(leaf.id) && included(leaf)) {
        if (result.code === 0 || result.code === 1) run.skipped(leaf);
        else run.errored(leaf, new vscode.TestMessage(result.stderr.trim() || M.testsFailed));
      }
    }
    run.end();

    if (result.code !== 0 && result.code !== 1) {
      void vscode.window.showErrorMessage(`${M.testsFailed} ${result.stderr.trim()}`.trim(), BUTTONS.showOutput).then((b) => {
        if (b) channel.show();
      });
      return report;
    }
    const text = M.testsResult(summaryText(report));
    const buttons = [BUTTONS.showTests, BUTTONS.showOutput];
    const choice =
      result.code === 0
        ? await vscode.window.showInformationMessage(text, ...buttons)
        : await vscode.window.showWarningMessage(text, ...buttons);
    if (choice === BUTTONS.showTests) await vscode.commands.executeCommand('workbench.view.testing.focus');
    if (choice === BUTTONS.showOutput) channel.show();
    return report;
  }

  private location(file: string): vscode.Location {
    let line = 0;
    try {
      line = lineOfKey(fs.readFileSync(file, 'utf8'), 'attendu');
    } catch {
      // the file is gone: first line
    }
    return new vscode.Location(vscode.Uri.file(file), new vscode.Position(line, 0));
  }

  private messages(file: string, result: CaseResult): vscode.TestMessage[] {
    const location = this.location(file);
    const details = result.details.length > 0 ? result.details : [M.testCaseFailed];
    return details.map((line) => {
      const difference = parseDifference(line);
      const message =
        difference.kind === 'value'
          ? vscode.TestMessage.diff(line, difference.expected, difference.actual)
          : new vscode.TestMessage(line);
      message.location = location;
      return message;
    });
  }

  private diagnose(file: string, result: CaseResult): void {
    const range = this.location(file).range;
    const text = [M.testCaseFailed, ...result.details.map((d) => `  ${d}`)].join('\n');
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(range.start, range.start.translate(0, 200)),
      text,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'clas-rules test';
    this.diagnostics.set(vscode.Uri.file(file), [diagnostic]);
  }
}
