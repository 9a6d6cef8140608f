// What every command needs from VS Code: the settings, the program, the
// output panels. The decisions themselves are in `core/` (pure, unit-tested).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { chosenLanguage, commandLanguage, languageEnvironment, LanguageSetting, languageSetting } from './core/language';
import { BUTTONS, CHANNELS, M, useLanguage } from './core/messages';
import { bundledBinary, chooseBinary, chooseRulesDir, DEFAULT_BINARY, expandSetting } from './core/paths';

export const SECTION = 'clasRules';

/** The extension's folder (set at activation): a platform package carries the program in its `bin/`. */
let extensionFolder: string | undefined;

export function setExtensionFolder(folder: string | undefined): void {
  extensionFolder = folder;
}

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `file` exists and is a file. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** The `clasRules.path` setting, as written. */
export function binarySetting(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('path', DEFAULT_BINARY)?.trim() || DEFAULT_BINARY;
}

/** `clasRules.path` when the user set it somewhere (user, workspace or folder settings), else undefined. */
function explicitBinarySetting(): string | undefined {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('path');
  const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return value?.trim() || undefined;
}

/** The `clasRules.language` setting. */
export function languageOfSetting(): LanguageSetting {
  return languageSetting(vscode.workspace.getConfiguration(SECTION).get<string>('language', 'auto'));
}

/** The language of explanations: the setting, else VS Code's display language. */
export function displayLanguage(): 'fr' | 'en' {
  return chosenLanguage(languageOfSetting(), vscode.env?.language);
}

/**
 * Makes the extension's own texts speak the commands' language (the
 * setting's, else French); called at activation and when the setting changes.
 */
export function applyLanguageSetting(): void {
  useLanguage(commandLanguage(languageOfSetting()));
}

/** Whether the workspace is trusted: in restricted mode the extension starts no program. */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted !== false;
}

/** In restricted mode, tells the user (in French) that nothing runs, and returns false. */
export async function requireTrust(): Promise<boolean> {
  if (isTrusted()) return true;
  const choice = await vscode.window.showWarningMessage(M.untrusted, BUTTONS.manageTrust);
  if (choice === BUTTONS.manageTrust) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** The `clasRules.rulesDir` setting, as an absolute path, or undefined when not set. */
export function configuredRulesDir(): string | undefined {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>('rulesDir', '')?.trim();
  if (!value) return undefined;
  const first = workspaceFolderPaths()[0];
  const expanded = expandSetting(value, first, os.homedir());
  return path.isAbsolute(expanded) ? expanded : path.resolve(first ?? '.', expanded);
}

/**
 * Makes the bundled program runnable if unpacking lost its execute bit
 * (POSIX); quiet when it cannot (the PATH is tried next).
 */
function ensureExecutable(file: string): void {
  if (process.platform === 'win32' || isExecutable(file)) return;
  try {
    if (fs.statSync(file).isFile()) fs.chmodSync(file, 0o755);
  } catch {
    // absent (universal package) or read-only: not ours to run
  }
}

/**
 * The program to run: `clasRules.path` when set, else the one the platform
 * package carries, else `clas-rules` on the PATH; undefined when none runs.
 */
export function findBinary(): string | undefined {
  const bundled = extensionFolder ? bundledBinary(extensionFolder, process.platform) : undefined;
  const explicitSetting = explicitBinarySetting();
  if (bundled && !explicitSetting) ensureExecutable(bundled);
  return chooseBinary(
    { explicitSetting, bundled },
    {
      isExecutable,
      env: process.env,
      platform: process.platform,
      workspaceFolder: workspaceFolderPaths()[0],
      home: os.homedir(),
    },
  );
}

/** Tells the user the program is missing, with a button to the setting. */
export async function reportMissingBinary(message = M.binaryNotFound(binarySetting())): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, BUTTONS.openSetting);
  if (choice === BUTTONS.openSetting) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
  }
}

/** The program, or undefined after telling the user it is missing. */
export async function requireBinary(): Promise<string | undefined> {
  const binary = findBinary();
  if (!binary) await reportMissingBinary();
  return binary;
}

/**
 * The environment of `clas-rules`: the user's, with `CLAS_RULES_DIR` when
 * configured and `CLAS_LANG` when `clasRules.language` names a language.
 */
export function childEnvironment(): { [name: string]: string | undefined } {
  const env: { [name: string]: string | undefined } = { ...process.env, ...languageEnvironment(languageOfSetting()) };
  const rulesDir = configuredRulesDir();
  if (rulesDir) env.CLAS_RULES_DIR = rulesDir;
  return env;
}

/** The rules folder for the tests: the setting, the open rulebook's, or `rules/` of the workspace. */
export function rulesDirForTests(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  const active =
    editor && editor.document.languageId === 'clas' && editor.document.uri.scheme === 'file'
      ? editor.document.uri.fsPath
      : undefined;
  return chooseRulesDir({
    setting: configuredRulesDir(),
    activeRulebook: active,
    workspaceFolders: workspaceFolderPaths(),
    isDirectory,
    isFile,
    home: os.homedir(),
  });
}

/** The folder to run a command in: the workspace folder of a file, else the file's folder. */
export function workingDirectoryFor(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  return folder && folder.uri.scheme === 'file' ? folder.uri.fsPath : path.dirname(file);
}

/** The output panels, created on first use. */
export class Outputs implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();

  get(name: (typeof CHANNELS)[keyof typeof CHANNELS]): vscode.OutputChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = vscode.window.createOutputChannel(name);
      this.channels.set(name, channel);
    }
    return channel;
  }

  dispose(): void {
    for (const channel of this.channels.values()) channel.dispose();
    this.channels.clear();
  }
}

/**
 * The rulebook a command works on: the file the command was invoked on (from
 * a context menu), else the active editor's `.clas` document; saved first,
 * since `clas-rules` reads the file. Undefined after telling the user why not.
 */
export async function activeRulebook(resource?: unknown): Promise<vscode.TextDocument | undefined> {
  let document: vscode.TextDocument | undefined;
  if (resource instanceof vscode.Uri && resource.path.endsWith('.clas')) {
    document = await vscode.workspace.openTextDocument(resource);
  } else {
    document = vscode.window.activeTextEditor?.document;
  }
  if (!document || document.languageId !== 'clas') {
    await vscode.window.showWarningMessage(M.noRulebook);
    return undefined;
  }
  if (document.isUntitled || document.uri.scheme !== 'file') {
    await vscode.window.showWarningMessage(M.saveFirst);
    return undefined;
  }
  if (document.isDirty) await document.save();
  return document;
}
