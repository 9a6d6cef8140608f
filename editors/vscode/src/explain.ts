// The explanation of a diagnostic code, in a read-only markdown tab: the
// server links each diagnostic's code to `clas-rules-explain:E0203`, and this
// provider answers with what `clas-rules explain E0203` prints.
import * as vscode from 'vscode';
import { explainArgs } from './core/args';
import { EXPLAIN_SCHEME, explainCode, explanationPage, explanationUnavailable } from './core/explain';
import { M } from './core/messages';
import { runProgram } from './core/process';
import { binarySetting, childEnvironment, displayLanguage, findBinary, isTrusted, workspaceFolderPaths } from './environment';

export class Explanations implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, this),
      vscode.workspace.onDidOpenTextDocument((document) => void this.asMarkdown(document)),
    );
    for (const document of vscode.workspace.textDocuments ?? []) void this.asMarkdown(document);
  }

  /** The addresses have no `.md`: the tab is put in markdown by hand. */
  private async asMarkdown(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== EXPLAIN_SCHEME || document.languageId === 'markdown') return;
    try {
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    } catch {
      // closed meanwhile
    }
  }

  /** Asks again for the open explanations (the language or the program changed). */
  refresh(): void {
    for (const document of vscode.workspace.textDocuments ?? []) {
      if (document.uri.scheme === EXPLAIN_SCHEME) this.changed.fire(document.uri);
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const code = explainCode(uri.path);
    if (!code) return M.explainBadCode(uri.toString()) + '\n';
    if (!isTrusted()) return explanationUnavailable(code, M.explainUntrusted(code));
    const binary = findBinary();
    if (!binary) return explanationUnavailable(code, M.binaryNotFound(binarySetting()));
    const result = await runProgram(binary, explainArgs(code, displayLanguage()), {
      cwd: workspaceFolderPaths()[0],
      env: childEnvironment(),
      timeoutMs: 20_000,
    });
    return explanationPage(code, result);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
