// The CLAS rules extension: the language (grammar, snippets, settings in
// package.json), the language server `clas-rules lsp`, and three commands
// for staff: evaluate an application, compare with last year, run the tests.
import * as vscode from 'vscode';
import { Commands } from './commands';
import { Outputs, SECTION } from './environment';
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
}

let server: LanguageServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ClasExtension> {
  const outputs = new Outputs();
  server = new LanguageServer();
  const commands = new Commands(outputs);
  const tests = new RuleTests(outputs);
  const running = server;
  context.subscriptions.push(
    outputs,
    running,
    commands,
    tests,
    vscode.commands.registerCommand(COMMANDS.evaluate, (resource?: unknown) => commands.evaluate(resource)),
    vscode.commands.registerCommand(COMMANDS.compare, (resource?: unknown) => commands.compare(resource)),
    vscode.commands.registerCommand(COMMANDS.test, () => tests.runAll()),
    vscode.commands.registerCommand(COMMANDS.restart, () => running.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.path`) || event.affectsConfiguration(`${SECTION}.rulesDir`)) {
        void running.restart();
      }
    }),
  );
  await running.start();
  return { server: running, commands, tests };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
