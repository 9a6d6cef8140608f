// Paths shared by the tests.
import * as fs from 'fs';
import * as path from 'path';

function findExtensionRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'clas-rules') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no clas-rules package.json above ${start}`);
    dir = up;
  }
}

/** editors/vscode */
export const EXTENSION_ROOT = findExtensionRoot(__dirname);
/** The repository. */
export const REPO_ROOT = path.resolve(EXTENSION_ROOT, '..', '..');
export const RULES_DIR = path.join(REPO_ROOT, 'rules');

/** The `clas-rules` program: `CLAS_RULES_BIN`, else `target/debug/clas-rules` of the repository. */
export function binaryPath(): string {
  const fromEnv = process.env.CLAS_RULES_BIN;
  const binary = fromEnv ? path.resolve(fromEnv) : path.join(REPO_ROOT, 'target', 'debug', 'clas-rules');
  if (!fs.existsSync(binary)) {
    throw new Error(`clas-rules not found at ${binary}: build it with \`cargo build\` or set CLAS_RULES_BIN`);
  }
  return binary;
}

/** Every file under a folder whose name ends with `suffix`. */
export function filesUnder(dir: string, suffix: string): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(suffix)) found.push(full);
    }
  };
  visit(dir);
  return found.sort();
}

/**
 * A fresh temporary folder with a copy of the repository's rulebooks: the
 * national layer under `rules/national/`, the Caf du Puy-de-Dôme's written
 * over it under `rules/caf-63/` (`clasDir`, the layer that decides), and the
 * folder's settings (`rules/clas-rules.toml`); without the staff tests.
 */
export function temporaryRules(): { root: string; rulesDir: string; clasDir: string; nationalDir: string } {
  const root = fs.mkdtempSync(path.join(require('os').tmpdir(), 'clas-vscode-'));
  const rulesDir = path.join(root, 'rules');
  for (const layer of ['national', 'caf-63']) {
    fs.mkdirSync(path.join(rulesDir, layer), { recursive: true });
    for (const file of fs.readdirSync(path.join(RULES_DIR, layer))) {
      if (file.endsWith('.clas')) fs.copyFileSync(path.join(RULES_DIR, layer, file), path.join(rulesDir, layer, file));
    }
  }
  const settings = path.join(RULES_DIR, 'clas-rules.toml');
  if (fs.existsSync(settings)) fs.copyFileSync(settings, path.join(rulesDir, 'clas-rules.toml'));
  return { root, rulesDir, clasDir: path.join(rulesDir, 'caf-63'), nationalDir: path.join(rulesDir, 'national') };
}
