// Finding the `clas-rules` program and the folder of rulebooks. Pure apart
// from the `isExecutable`, `isDirectory` and `isFile` functions the caller
// passes in.
import * as path from 'path';

export interface BinaryLookup {
  /** Whether a file exists and can be run. */
  isExecutable(file: string): boolean;
  /** `PATH` (and `PATHEXT` on Windows). */
  env: { [name: string]: string | undefined };
  platform: string;
  /** The first workspace folder: relative settings are read from there. */
  workspaceFolder?: string;
  home?: string;
}

export const DEFAULT_BINARY = 'clas-rules';

/** A setting with `${workspaceFolder}` and a leading `~` replaced. */
export function expandSetting(value: string, workspaceFolder?: string, home?: string): string {
  let expanded = value.trim();
  if (workspaceFolder) expanded = expanded.split('${workspaceFolder}').join(workspaceFolder);
  if (home && (expanded === '~' || expanded.startsWith('~/') || expanded.startsWith('~\\'))) {
    expanded = home + expanded.slice(1);
  }
  return expanded;
}

function pathModule(platform: string): typeof path.posix {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * The program to run for the `clasRules.path` setting, or undefined when it
 * cannot be found. A bare name (`clas-rules`) is searched on `PATH`; a path
 * (`target/debug/clas-rules`, `/usr/local/bin/clas-rules`) is taken as is,
 * relative to the workspace folder.
 */
export function resolveBinary(setting: string | undefined, lookup: BinaryLookup): string | undefined {
  const p = pathModule(lookup.platform);
  const value = expandSetting(setting || DEFAULT_BINARY, lookup.workspaceFolder, lookup.home) || DEFAULT_BINARY;
  const extensions =
    lookup.platform === 'win32'
      ? ['', ...(lookup.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean).map((e) => e.toLowerCase())]
      : [''];
  const withExtensions = (file: string) => extensions.map((e) => file + e);
  const hasSeparator = value.includes('/') || (lookup.platform === 'win32' && value.includes('\\'));
  if (hasSeparator || p.isAbsolute(value)) {
    const base = lookup.workspaceFolder ?? '';
    const absolute = p.isAbsolute(value) ? value : p.resolve(base || '.', value);
    return withExtensions(absolute).find((f) => lookup.isExecutable(f));
  }
  const pathVariable = lookup.env.PATH ?? lookup.env.Path ?? '';
  const delimiter = lookup.platform === 'win32' ? ';' : ':';
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const found = withExtensions(p.join(dir, value)).find((f) => lookup.isExecutable(f));
    if (found) return found;
  }
  return undefined;
}

/** Where a platform package carries the program: `<extension>/bin/clas-rules` (`.exe` on Windows). */
export function bundledBinary(extensionPath: string, platform: string): string {
  const name = platform === 'win32' ? `${DEFAULT_BINARY}.exe` : DEFAULT_BINARY;
  return pathModule(platform).join(extensionPath, 'bin', name);
}

export interface BinaryChoice {
  /** `clasRules.path` when the user set it (in any scope), else undefined: the default is not a choice. */
  explicitSetting?: string;
  /** The program inside the extension (`bundledBinary`), when the extension's folder is known. */
  bundled?: string;
}

/**
 * The program the extension runs: the one `clasRules.path` names when the
 * user set it; else the one the platform package carries; else (the
 * universal package, or a bundled file that cannot run) `clas-rules` on `PATH`.
 */
export function chooseBinary(choice: BinaryChoice, lookup: BinaryLookup): string | undefined {
  const explicit = choice.explicitSetting?.trim();
  if (explicit) return resolveBinary(explicit, lookup);
  if (choice.bundled && lookup.isExecutable(choice.bundled)) return choice.bundled;
  return resolveBinary(DEFAULT_BINARY, lookup);
}

/** The settings file at the top of a rules folder. */
export const SETTINGS_FILE = 'clas-rules.toml';

/**
 * The rules folder of a rulebook, as `clas-rules` finds it: the nearest
 * enclosing folder that has the settings file (`clas-rules.toml`) or is
 * named `rules`; else, for a rulebook in a layer's folder (`national`,
 * `caf-<code>`), the folder that holds it; else the rulebook's own folder.
 */
export function rulesDirOf(
  file: string,
  platform: string = process.platform,
  isFile: (file: string) => boolean = () => false,
): string {
  const p = pathModule(platform);
  const parent = p.dirname(file);
  let dir = parent;
  for (;;) {
    if (p.basename(dir) === 'rules' || isFile(p.join(dir, SETTINGS_FILE))) return dir;
    const up = p.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const name = p.basename(parent);
  if (name === 'national' || /^caf-./.test(name)) return p.dirname(parent);
  return parent;
}

export interface RulesDirChoice {
  /** The `clasRules.rulesDir` setting. */
  setting?: string;
  /** The rulebook open in the editor, if any. */
  activeRulebook?: string;
  /** The workspace folders. */
  workspaceFolders: string[];
  isDirectory(dir: string): boolean;
  /** Whether a file exists (the settings file of a rules folder). */
  isFile?(file: string): boolean;
  platform?: string;
  home?: string;
}

/**
 * The rules folder to use: the setting when given (relative to the first
 * workspace folder), else the one of the open rulebook, else a workspace
 * folder that has the settings file, else a `rules` folder at the root of a
 * workspace folder.
 */
export function chooseRulesDir(choice: RulesDirChoice): string | undefined {
  const p = pathModule(choice.platform ?? process.platform);
  const first = choice.workspaceFolders[0];
  const setting = choice.setting ? expandSetting(choice.setting, first, choice.home) : '';
  if (setting) return p.isAbsolute(setting) ? setting : p.resolve(first ?? '.', setting);
  const isFile = (file: string) => choice.isFile?.(file) ?? false;
  if (choice.activeRulebook) return rulesDirOf(choice.activeRulebook, choice.platform, isFile);
  for (const folder of choice.workspaceFolders) {
    // The workspace is a rules folder itself (opened under any name).
    if (isFile(p.join(folder, SETTINGS_FILE))) return folder;
    const candidate = p.join(folder, 'rules');
    if (choice.isDirectory(candidate)) return candidate;
  }
  return undefined;
}

/** A path relative to `base` when it is inside it (shorter in reports), else unchanged. */
export function relativeIfInside(file: string, base: string | undefined, platform: string = process.platform): string {
  if (!base) return file;
  const p = pathModule(platform);
  const relative = p.relative(base, file);
  if (relative === '') return '.';
  if (relative.startsWith('..') || p.isAbsolute(relative)) return file;
  return relative;
}
