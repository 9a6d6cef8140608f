// The CLAS rules extension: the language (grammar, snippets, settings in
// package.json), the language server `clas-rules lsp`, three commands for
// staff (evaluate an application, compare with last year, run the tests) and
// the explanations of diagnostic codes. In an untrusted workspace it runs no
// program until trust is granted; highlighting and snippets work regardless.
import * as vscode from 'vscode';
import { Commands } from './commands';
import { applyLanguageSetting, Outputs, requireTrust, SECTION, setExtensionFolder } from './environment';
import { Explanations } from './explain';
import { LanguageServer } from './server';
import { RuleTests } from './testing';

/** The command identifiers, as declared in package.json. */
export const COMMANDS = {
  evaluate: 'clasRules.evaluate',
  compare: 'clasRules.compare',
  test: 'clasRules.test',
  restart: 'clasRules.restartServer',
} as const;

export interface ClasExtension {
  server: LanguageServer;
  commands: Commands;
  tests: RuleTests;
  explanations: Explanations;
}

/** The settings that change how the server is started. */
const SERVER_SETTINGS = ['path', 'rulesDir', 'language'].map((name) => `${SECTION}.${name}`);

let server: LanguageServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ClasExtension> {
  setExtensionFolder(context.extensionPath);
  applyLanguageSetting();
  const outputs = new Outputs();
  server = new LanguageServer();
  const commands = new Commands(outputs);
  const tests = new RuleTests(outputs);
  const explanations = new Explanations();
  const running = server;
  context.subscriptions.push(
    outputs,
    running,
    commands,
    tests,
    explanations,
    vscode.commands.registerCommand(COMMANDS.evaluate, (resource?: unknown) => commands.evaluate(resource)),
    vscode.commands.registerCommand(COMMANDS.compare, (resource?: unknown) => commands.compare(resource)),
    vscode.commands.registerCommand(COMMANDS.test, () => tests.runAll()),
    vscode.commands.registerCommand(COMMANDS.restart, async () => (await requireTrust()) && running.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (SERVER_SETTINGS.some((setting) => event.affectsConfiguration(setting))) {
        applyLanguageSetting();
        void running.restart();
        explanations.refresh();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void running.start();
      explanations.refresh();
    }),
  );
  await running.start();
  return { server: running, commands, tests, explanations };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
