// @ts-check
// The steps of the end-to-end test, in code-server through Chromium: each
// does what a person would (keys, mouse, dialogs) and checks what the page
// shows (its text, its colours), never the extension's internals. Run by
// e2e/run.sh, which starts code-server and passes, in the environment:
//   E2E_URL, E2E_WORKSPACE, E2E_SHOTS, E2E_CHROMIUM, E2E_BROWSER_PROFILE.
// Each step saves a screenshot in E2E_SHOTS; a failure names the step and
// prints the page's visible text. Ends with `N passed, M failed`.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const URL = required('E2E_URL');
const WORKSPACE = required('E2E_WORKSPACE');
const SHOTS = required('E2E_SHOTS');
// The national rulebook (steps 1 to 5), and the Caf du Puy-de-Dôme's
// written over it (the cross-layer step, evaluating, comparing).
const RULEBOOK = path.join(WORKSPACE, 'rules', 'national', '2023-2024.clas');
const CAF_RULEBOOK = path.join(WORKSPACE, 'rules', 'caf-63', '2023-2024.clas');
const APPLICATION = path.join(WORKSPACE, 'examples', 'demande-eligible.json');
/** Accept the English diagnostics of a program without the French catalogs (E2E_ENGLISH_DIAGNOSTICS=1). */
const ENGLISH_DIAGNOSTICS = process.env.E2E_ENGLISH_DIAGNOSTICS === '1';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run e2e/run.sh`);
  return value;
}

/** Spaces as a person sees them: no-break and narrow no-break spaces are spaces. */
function plain(text) {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

// ---------------------------------------------------------------- the run

/** @type {{ name: string, ok: boolean, ms: number, error?: string }[]} */
const results = [];
/** Console messages and page errors of the whole run. */
const consoleLog = [];
let shotNumber = 0;

/** @param {import('puppeteer-core').Page} page */
async function step(page, name, shot, body) {
  const started = Date.now();
  shotNumber += 1;
  const file = path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-${shot}.png`);
  process.stdout.write(`\n--- ${name}\n`);
  try {
    await body();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, ms: Date.now() - started, error: message });
    console.log(`FAILED: ${name}\n  ${message.split('\n').join('\n  ')}`);
    console.log('  the page shows:\n' + indent(await visibleText(page).catch(() => '(unreadable)')));
  } finally {
    await page.screenshot({ path: file }).catch((e) => console.log(`  no screenshot: ${e.message}`));
    console.log(`  screenshot: ${path.relative(process.cwd(), file)}`);
  }
}

function indent(text) {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => `    | ${l}`)
    .join('\n');
}

// ---------------------------------------------------------------- reading the page

/** @param {import('puppeteer-core').Page} page */
function visibleText(page) {
  return page.evaluate(() => document.body.innerText).then(plain);
}

/** Waits until `probe` (run in Node, may read the page) gives a truthy value. */
async function until(what, probe, timeoutMs = 10_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? ` (${last.message})` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The lines the active editor shows, top to bottom, with their line numbers
 * as the gutter shows them.
 * @param {import('puppeteer-core').Page} page
 */
async function editorLines(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return [];
    const top = (el) => parseFloat(/** @type {HTMLElement} */ (el).style.top || '0');
    const lines = [...editor.querySelectorAll('.view-lines .view-line')].sort((a, b) => top(a) - top(b));
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].sort(
      (a, b) => top(a.parentElement) - top(b.parentElement),
    );
    return lines.map((line, i) => ({
      number: Number(numbers[i]?.textContent ?? NaN),
      text: (line.textContent ?? '').replace(/[\u00a0]/g, ' '),
    }));
  });
}

/** The rows of the Problems panel, as text. @param {import('puppeteer-core').Page} page */
async function problems(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => {
      const label = row.getAttribute('aria-label') ?? '';
      return `${label} ${row.textContent ?? ''}`.replace(/\s+/g, ' ');
    }),
  );
}

/** The text of the notifications on screen. @param {import('puppeteer-core').Page} page */
async function notifications(page) {
  return page
    .evaluate(() =>
      [...document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')].map(
        (n) => n.textContent ?? '',
      ),
    )
    .then((texts) => texts.map(plain));
}

// ---------------------------------------------------------------- acting on the page

/** @param {import('puppeteer-core').Page} page */
async function press(page, chord) {
  const keys = chord.split('+');
  for (const key of keys) await page.keyboard.down(key);
  for (const key of [...keys].reverse()) await page.keyboard.up(key);
}

/** Runs a command from the palette (F1), as a person types its title. @param {import('puppeteer-core').Page} page */
async function command(page, title) {
  await press(page, 'F1');
  const input = await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { visible: true });
  if (!input) throw new Error('no command palette');
  await page.keyboard.type(title, { delay: 5 });
  await until(`« ${title} » in the command palette`, () =>
    page.evaluate(
      (wanted) =>
        [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((row) =>
          (row.getAttribute('aria-label') ?? row.textContent ?? '').includes(wanted),
        ),
      title,
    ),
  );
  if (process.env.E2E_DEBUG) {
    await page.screenshot({ path: path.join(SHOTS, `debug-${title.replace(/[^\w]+/g, '-')}-${Date.now()}.png`) });
  }
  await page.keyboard.press('Enter');
}

/** Opens a file of the workspace with Quick Open (Ctrl+P). @param {import('puppeteer-core').Page} page */
async function openFile(page, relative) {
  await press(page, 'Control+p');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await page.keyboard.type(relative, { delay: 5 });
  const name = path.basename(relative);
  // The first search of a new workspace can be slow.
  // Two files of the same name in two layers (rules/national/2023-2024.clas,
  // rules/caf-63/2023-2024.clas): the row must name the folder too, and it
  // is chosen with the arrows (the one opened last comes first).
  const folder = path.dirname(relative);
  const row = (wanted, dir) =>
    [...document.querySelectorAll('.quick-input-list .monaco-list-row')].findIndex((r) => {
      const label = r.getAttribute('aria-label') ?? '';
      return label.includes(wanted) && (dir === '.' || label.includes(dir));
    });
  await until(`${relative} in Quick Open`, async () => (await page.evaluate(row, name, folder)) >= 0, 60_000, 250);
  await until(`${relative} chosen in Quick Open`, async () => {
    const state = await page.evaluate(
      (wanted, dir) => {
        const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')];
        const focused = rows.findIndex((r) => r.classList.contains('focused'));
        const label = rows[focused]?.getAttribute('aria-label') ?? '';
        return { focused, ok: label.includes(wanted) && (dir === '.' || label.includes(dir)) };
      },
      name,
      folder,
    );
    if (state.ok) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }, 15_000, 200);
  await page.keyboard.press('Enter');
  await until(`the tab of ${name}`, () =>
    page.evaluate(
      (wanted) =>
        !!document.querySelector('.editor-group-container.active .tab.active') &&
        (document.querySelector('.editor-group-container.active .tab.active')?.textContent ?? '').includes(wanted),
      name,
    ),
  );
  await until(`the text of ${name}`, async () => (await editorLines(page)).length > 3);
}

/**
 * Hovers the first `name` on screen (the mouse coming from below it, or from
 * above) and gives the text of its hover once that hover also holds each of
 * `also`. @param {import('puppeteer-core').Page} page
 */
async function hoverOn(page, name, also = [], { fromAbove = false } = {}) {
  const box = await until(`${name} on screen`, () =>
    page.evaluate((wanted) => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      const span = [...(editor?.querySelectorAll('.view-line span span') ?? [])].find((s) => s.textContent === wanted);
      if (!span) return null;
      const r = span.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, name),
  );
  await page.mouse.move(box.x - 40, fromAbove ? box.y - 40 : box.y + 40);
  await page.mouse.move(box.x, box.y, { steps: 5 });
  const hover = await until('the hover', () =>
    page.evaluate(
      (wanted) => {
        const h = [...document.querySelectorAll('.monaco-hover-content')].find((e) => {
          const r = e.getBoundingClientRect();
          const text = e.textContent ?? '';
          return r.width > 0 && r.height > 0 && wanted.every((w) => text.includes(w));
        });
        return h ? /** @type {HTMLElement} */ (h).innerText : null;
      },
      [name, ...also],
    ),
  15_000);
  return plain(hover);
}

/** Moves the cursor with Go to Line (Ctrl+G): line and column from 1. @param {import('puppeteer-core').Page} page */
async function goTo(page, line, column) {
  await press(page, 'Control+g');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await until(`the cursor on line ${line}`, async () =>
    page.evaluate(
      (wanted) =>
        [...document.querySelectorAll('.statusbar-item')].some((item) =>
          new RegExp(`Ln ${wanted[0]}, Col ${wanted[1]}\\b`).test(item.textContent ?? ''),
        ),
      [line, column],
    ),
  );
}

/** Waits until the status bar shows the cursor at this line and column (from 1). @param {import('puppeteer-core').Page} page */
async function waitForCursor(page, line, column, what) {
  try {
    await until(`Ln ${line}, Col ${column}`, () =>
      page.evaluate(
        (wanted) => [...document.querySelectorAll('.statusbar-item')].some((item) => (item.textContent ?? '').trim() === wanted),
        `Ln ${line}, Col ${column}`,
      ),
    2_000, 50);
  } catch {
    const shown = await page.evaluate(() => [...document.querySelectorAll('.statusbar-item')].map((i) => i.textContent ?? '').find((t) => /^Ln \d+, Col \d+/.test(t.trim())));
    throw new Error(`${what}: expected Ln ${line}, Col ${column}, the status bar says ${shown}`);
  }
}

/** The line and column (from 1) where `needle` starts in `text`, at its `nth` occurrence from 0. */
function position(text, needle, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found ${nth + 1} times`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Puts the rulebook back as it is on disk (File: Revert File), so that a
 * step's edits never reach the next one, nor the file the commands read.
 * @param {import('puppeteer-core').Page} page
 */
/**
 * The text of the output panel once it shows `wanted`: a click in its text,
 * then Ctrl+Home, again until its top is in view.
 */
async function panelTop(page, what, wanted, timeoutMs) {
  return until(what, async () => {
    const text = plain(await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('.part.panel'))?.innerText ?? ''));
    if (wanted.test(text)) return text;
    const centre = await page.evaluate(() => {
      // The editor's frame (its lines run above and below it when scrolled).
      const editor = document.querySelector('.part.panel .output-view .monaco-editor');
      const r = editor?.getBoundingClientRect();
      return r && r.height > 30 ? { x: r.x + Math.min(200, r.width / 2), y: r.y + r.height / 2 } : null;
    });
    if (centre) await page.mouse.click(centre.x, centre.y);
    await press(page, 'Control+Home');
    return null;
  }, timeoutMs, 500);
}

async function revert(page) {
  try {
    await page.keyboard.press('Escape');
    await command(page, 'View: Focus Active Editor Group');
    await command(page, 'File: Revert File');
    await until('the tab without unsaved changes', () =>
      page.evaluate(() => !document.querySelector('.editor-group-container.active .tab.active.dirty')),
    );
  } catch (error) {
    results.push({ name: 'putting the rulebook back (File: Revert File)', ok: false, ms: 0, error: String(error) });
    console.log(`FAILED: putting the rulebook back: ${error}`);
  }
}

/** Opens (or shows) the Problems panel. @param {import('puppeteer-core').Page} page */
async function showProblems(page) {
  const open = await page.evaluate(() => !!document.querySelector('.markers-panel'));
  if (!open) await command(page, 'View: Focus Problems');
  await page.waitForSelector('.markers-panel', { visible: true });
  // Back to the editor, keeping the panel in view.
  await command(page, 'View: Focus Active Editor Group');
}

// ---------------------------------------------------------------- the steps

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const options = {
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // A loaded machine (code-server starting beside it) can be slow to start it.
    timeout: 120_000,
    userDataDir: required('E2E_BROWSER_PROFILE'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1400,900',
    ],
    defaultViewport: { width: 1400, height: 900 },
  };
  // One more try if the first start fails (a machine busy with code-server's own start).
  const browser = await puppeteer.launch(options).catch((error) => {
    console.log(`Chromium did not start (${error instanceof Error ? error.message : error}); once more`);
    return puppeteer.launch({ ...options, userDataDir: `${options.userDataDir}-again` });
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  // VS Code displays in French for staff (its French language pack, which
  // cannot be installed offline, sets this before the workbench loads): the
  // extension and the language server see the display language `fr`.
  await page.evaluateOnNewDocument(() => {
    /** @type {any} */ (globalThis)._VSCODE_NLS_LANGUAGE = 'fr';
  });
  page.on('console', (message) => consoleLog.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => consoleLog.push({ type: 'pageerror', text: String(error?.message ?? error) }));

  const rulebookText = fs.readFileSync(RULEBOOK, 'utf8');
  const rulebookLines = rulebookText.split('\n');
  const lastLine = rulebookText.trimEnd().split('\n').length;

  await step(page, 'VS Code starts in restricted mode; the extension runs nothing and says so in French', 'restricted-mode', async () => {
    await page.goto(URL, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    await until('the explorer with rules/ and examples/', async () => /\brules\b[\s\S]*|examples/.test(await visibleText(page)), 120_000, 250);
    await until('the restricted mode banner', async () => /Restricted Mode is intended/.test(await visibleText(page)), 60_000, 250);
    await openFile(page, 'rules/national/2023-2024.clas');
    await command(page, 'CLAS : lancer les tests des règles');
    const refusal = await until('the French refusal', async () =>
      (await notifications(page)).find((n) => /ce dossier n’est pas approuvé \(mode restreint\) : l’extension ne lance aucun programme/.test(n)),
    );
    console.log(`  notification: ${refusal.slice(0, 160)}`);
  });

  await step(page, 'trusting the folder starts the language server', 'trusted', async () => {
    await command(page, 'Workspaces: Manage Workspace Trust');
    const trust = await until('the Trust button', () =>
      page.evaluateHandle(
        () =>
          [...document.querySelectorAll('.workspace-trust-editor .monaco-button')].find((b) => /^Trust( Folder)?$/.test((b.textContent ?? '').trim())) ??
          null,
      ).then((h) => (h.asElement() ? h : null)),
    );
    await /** @type {any} */ (trust).click();
    await until('the restricted mode banner gone', async () => !/Restricted Mode is intended/.test(await visibleText(page)), 20_000, 250);
    // The trust editor opens as a modal: its × closes it.
    await until('the trust editor closed', async () => {
      const close = await page.evaluate(() => {
        const trust = document.querySelector('.workspace-trust-editor');
        if (!trust) return 'closed';
        const modal = trust.getBoundingClientRect();
        const buttons = [...document.querySelectorAll('[aria-label]')].filter((e) => {
          const r = e.getBoundingClientRect();
          return /^Close\b/.test(e.getAttribute('aria-label') ?? '') && r.width > 0 && r.top < modal.top && r.top > modal.top - 60;
        });
        const button = buttons.sort((a, b) => b.getBoundingClientRect().x - a.getBoundingClientRect().x)[0];
        if (!button) return null;
        const r = button.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      if (close === 'closed') return true;
      if (close) await page.mouse.click(close.x, close.y);
      else await page.keyboard.press('Escape');
      return false;
    }, 15_000, 500);
    await until('the rulebook in front', () =>
      page.evaluate(() => (document.querySelector('.editor-group-container.active .tab.active')?.textContent ?? '').includes('2023-2024.clas')),
    );
    await command(page, 'Output: Show Output Channels...');
    await page.keyboard.type('CLAS — serveur de langage');
    await until('the server channel in the list', () =>
      page.evaluate(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => (r.textContent ?? '').includes('CLAS — serveur de langage'))),
    );
    await page.keyboard.press('Enter');
    const started = await until('« Serveur de langage CLAS démarré » with the bundled program', async () => {
      const text = (await visibleText(page)).replace(/\n/g, ''); // a long line wraps
      return /Serveur de langage CLAS démarré : (\S+\/bin\/clas-rules) lsp \(langue des messages : (\w+), langue de VS Code : ([\w-]+)\)/.exec(text);
    }, 30_000, 250);
    console.log(`  ${started[0]}`);
    if (!started[1].startsWith(path.join(path.dirname(WORKSPACE), 'profile', 'extensions'))) throw new Error(`not the bundled program: ${started[1]}`);
    if (started[2] !== 'auto' || started[3] !== 'fr') throw new Error(`the language is ${started[2]} (setting), ${started[3]} (VS Code): expected auto and fr`);
  });

  await step(page, '1. the rulebook is highlighted (token spans in different colours)', 'highlighting', async () => {
    await command(page, 'View: Focus Active Editor Group');
    await goTo(page, position(rulebookText, 'param taux_ps').line, 1);
    const colours = await until('coloured tokens', () =>
      page.evaluate(() => {
        const editor = document.querySelector('.editor-group-container.active .monaco-editor');
        if (!editor) return null;
        const byText = {};
        const all = new Set();
        for (const span of editor.querySelectorAll('.view-line span span')) {
          const text = (span.textContent ?? '').replace(/\u00a0/g, ' ').trim();
          if (!text) continue;
          const colour = getComputedStyle(span).color;
          all.add(colour);
          byText[text] = byText[text] ?? colour;
        }
        return all.size >= 4 ? { count: all.size, byText } : null;
      }),
    );
    const c = colours.byText;
    const sourceText = Object.keys(c).find((t) => t.includes('Modalités de financement'));
    if (!sourceText) throw new Error('no source text on screen');
    const pairs = [
      ['param', 'taux_ps'],
      ['param', 'rate'],
      ['param', sourceText],
      ['taux_ps', sourceText],
      ['param', '#'],
    ];
    for (const [a, b] of pairs) {
      if (!c[a] || !c[b]) throw new Error(`no token ${!c[a] ? a : b} on screen (tokens: ${Object.keys(c).slice(0, 30).join(' | ')})`);
      if (c[a] === c[b]) throw new Error(`${a} and ${b} have the same colour ${c[a]}`);
    }
    console.log(`  ${colours.count} colours; param ${c.param}, taux_ps ${c.taux_ps}, rate ${c.rate}, a source text ${c[sourceText]}, a comment ${c['#']}`);
  });

  await step(page, '2. a typo (taux_pss) shows a French error in Problems within 2 s, and fixing it clears it', 'typo-in-problems', async () => {
    await showProblems(page);
    const use = position(rulebookText, 'taux_ps', 1); // its first use, in a rule
    if (use.line === position(rulebookText, 'param taux_ps').line) throw new Error('the second taux_ps is the declaration');
    await goTo(page, use.line, use.column + 'taux_ps'.length);
    const typed = Date.now();
    await page.keyboard.type('s');
    const row = await until('an error on taux_pss in Problems', async () => (await problems(page)).find((p) => p.includes('taux_pss')), 2_000, 50);
    console.log(`  after ${Date.now() - typed} ms: ${row.slice(0, 200)}`);
    await page.screenshot({ path: path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-typo-in-problems-error.png`) });
    const french = /inconnu/.test(row);
    const code = /E0203/.test(row);
    const problem = !french || !code ? `the error is not the French one with its code E0203 (${[french ? '' : 'no « inconnu »', code ? '' : 'no E0203'].filter(Boolean).join(', ')}): ${row}` : '';
    if (problem && !ENGLISH_DIAGNOSTICS) throw new Error(problem);
    if (problem) console.log(`  accepted (E2E_ENGLISH_DIAGNOSTICS=1): ${problem.slice(0, 60)}…`);
    await page.keyboard.press('Backspace');
    const fixed = Date.now();
    await until('the error gone from Problems', async () => !(await problems(page)).some((p) => p.includes('taux_pss')), 2_000, 50);
    console.log(`  cleared after ${Date.now() - fixed} ms`);
  });
  await revert(page);

  await step(page, '3. hovering prix_plafond shows its value in each year', 'hover-by-year', async () => {
    const use = position(rulebookText, 'prix_plafond', 1);
    await goTo(page, use.line, 1);
    const text = await hoverOn(page, 'prix_plafond');
    console.log('  hover:\n' + indent(text));
    for (const wanted of ['Par année', '2023-2024', '2024-2025']) {
      if (!text.includes(wanted)) throw new Error(`the hover does not show « ${wanted} »`);
    }
  });
  await page.mouse.move(5, 450);

  await step(page, '4. completion after typing `demande.` offers the fields of the application', 'completion', async () => {
    await goTo(page, lastLine, rulebookLines[lastLine - 1].length + 1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('output essai: bool = demande.', { delay: 20 });
    const offered = await until('the suggestions', () =>
      page.evaluate(() => {
        const widget = document.querySelector('.editor-widget.suggest-widget.visible');
        if (!widget) return null;
        const labels = [...widget.querySelectorAll('.monaco-list-row')].map((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').trim());
        return labels.length ? labels : null;
      }),
    );
    console.log(`  offered: ${offered.slice(0, 12).join(' | ')}`);
    for (const field of ['collectifs', 'porteur']) {
      if (!offered.some((l) => l.startsWith(field))) throw new Error(`${field} is not offered`);
    }
  });
  await page.keyboard.press('Escape');
  await revert(page);

  await step(page, '5. Enter twice at the end and a new declaration: it starts at column 0, with no error', 'typing-new-declaration', async () => {
    const before = (await problems(page)).filter((p) => /\berror\b|erreur/i.test(p)).length;
    await goTo(page, lastLine, rulebookLines[lastLine - 1].length + 1);
    await page.keyboard.press('Enter');
    await waitForCursor(page, lastLine + 1, 3, 'Enter after the indented `source` keeps its indentation');
    await page.keyboard.press('Enter');
    await waitForCursor(page, lastLine + 2, 1, 'Enter on the blank line goes back to column 0');
    await page.keyboard.type('param x: money = 1 €', { delay: 20 });
    await page.keyboard.press('Escape'); // any suggestion
    const line = await until('the new line on screen', async () => (await editorLines(page)).find((l) => l.text.includes('param x: money = 1 €')));
    console.log(`  line ${line.number}: «${line.text}»`);
    if (!line.text.startsWith('param x: money = 1 €')) throw new Error(`the declaration does not start at column 0: «${line.text}»`);
    if (line.number !== lastLine + 2) throw new Error(`on line ${line.number}, not ${lastLine + 2}`);
    // A declaration keyword typed on an indented line goes to column 0 too.
    await page.keyboard.press('Enter');
    await waitForCursor(page, lastLine + 3, 3, 'Enter after a declaration line indents (a clause may follow)');
    await page.keyboard.type('param y: money = 2 €', { delay: 20 });
    await page.keyboard.press('Escape');
    const second = await until('the second line on screen', async () => (await editorLines(page)).find((l) => l.text.includes('param y: money = 2 €')));
    console.log(`  line ${second.number}: «${second.text}»`);
    if (!second.text.startsWith('param y: money = 2 €')) throw new Error(`the keyword typed on an indented line stayed indented: «${second.text}»`);
    // The server has read the new text when it warns about `x` (unused, no source).
    const warning = await until('a warning on y', async () => (await problems(page)).find((p) => /`y`|« y »/.test(p)), 5_000);
    console.log(`  ${warning.slice(0, 160)}`);
    const errors = (await problems(page)).filter((p) => /\berror\b|erreur/i.test(p));
    if (errors.length > before) throw new Error(`new errors: ${errors.join('\n')}`);
  });
  await revert(page);

  await step(page, '5b. in the Caf file, a national parameter: hover says the national layer set it, each year; no error', 'cross-layer-hover', async () => {
    await openFile(page, 'rules/caf-63/2023-2024.clas');
    await until('the Caf file in the editor', async () => (await editorLines(page)).some((l) => l.text.includes('layer "caf-63"')));
    const cafText = fs.readFileSync(CAF_RULEBOOK, 'utf8');
    // On the blank line before the last declaration, at column 1 (nothing
    // to indent): a new declaration of its own line.
    const cafLines = cafText.split('\n');
    const last = cafLines.findIndex((l) => l.startsWith('output msa_recevable'));
    if (last < 1 || cafLines[last - 1] !== '') throw new Error('no blank line before output msa_recevable');
    await command(page, 'View: Focus Active Editor Group');
    await goTo(page, last, 1);
    // `taux_ps` is declared in rules/national/2023-2024.clas only.
    await page.keyboard.type('output rappel_du_taux: rate = taux_ps', { delay: 20 });
    await page.keyboard.press('Escape'); // any suggestion
    await until('the new line on screen', async () => (await editorLines(page)).find((l) => l.text.includes('rappel_du_taux')));
    await sleep(1_000); // the server re-analyses the file
    const text = await hoverOn(page, 'taux_ps', ['cadre national'], { fromAbove: true });
    console.log('  hover:\n' + indent(text));
    for (const wanted of ['32,5 %', '2023-2024 : 32,5 % (cadre national, national/2023-2024.clas)', '2024-2025 : 33 % (cadre national, national/2024-2025.clas)']) {
      if (!text.includes(wanted)) throw new Error(`the hover does not show « ${wanted} »`);
    }
    const errors = (await problems(page)).filter((p) => /\berror\b|erreur/i.test(p) && /caf-63|2023-2024\.clas/.test(p));
    if (errors.length) throw new Error(`errors in the Caf file: ${errors.join('\n')}`);
  });
  await page.mouse.move(5, 450);
  await revert(page);

  await step(page, '5c. in the national file, a name the Caf replaces: hover says which Caf, in which year and file', 'replaced-by-hover', async () => {
    await openFile(page, 'rules/national/2023-2024.clas');
    // Both layers have a 2023-2024.clas: the tab names the folder too (« …/national »).
    await until('the national file in the editor', () =>
      page.evaluate(() => /national/.test(document.querySelector('.editor-group-container.active .tab.active')?.textContent ?? '')),
    );
    // Caf 63 writes its own children's bonus condition with `override let`.
    const use = position(rulebookText, 'if bonus_enfants_accorde then');
    await command(page, 'View: Focus Active Editor Group');
    await goTo(page, use.line, 1);
    const text = await hoverOn(page, 'bonus_enfants_accorde');
    console.log('  hover:\n' + indent(text));
    const wanted = 'Remplacé par : Caf 63, 2023-2024 (caf-63/2023-2024.clas)';
    if (!text.includes(wanted)) throw new Error(`the hover does not show « ${wanted} »`);
  });
  await page.mouse.move(5, 450);
  // The next steps work on the Caf's file.
  await openFile(page, 'rules/caf-63/2023-2024.clas');

  await step(page, '6. « CLAS : évaluer une demande » writes the French decision in its panel', 'evaluate', async () => {
    await command(page, 'CLAS : évaluer une demande avec ce fichier de règles');
    // The file dialog: a path box, as VS Code shows it in a browser.
    const box = await page.waitForSelector('.quick-input-widget input', { visible: true });
    await until('the dialog for the application', async () => /Choisir la demande à évaluer/.test(await visibleText(page)));
    // Into the examples folder, then down the list to the application and Enter.
    // The dialog completes what is typed as it lists folders: type again
    // until the box holds the folder, exactly.
    const folder = path.dirname(APPLICATION) + '/';
    await until(`${folder} in the dialog's box`, async () => {
      await /** @type {any} */ (box).click({ clickCount: 3 });
      await press(page, 'Control+a');
      await page.keyboard.type(folder, { delay: 30 });
      await sleep(500);
      return page.evaluate(
        (wanted) => [...document.querySelectorAll('.quick-input-widget input')].some((i) => /** @type {HTMLInputElement} */ (i).value === wanted),
        folder,
      );
    }, 30_000, 200);
    const dialog = () =>
      page.evaluate(() => {
        const widget = [...document.querySelectorAll('.quick-input-widget')].find(
          (w) => /** @type {HTMLElement} */ (w).style.display !== 'none' && /Choisir la demande/.test(w.textContent ?? ''),
        );
        if (!widget) return null;
        const rows = [...widget.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? '');
        const focused = widget.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') ?? '';
        return { rows, focused };
      });
    try {
      await until('the examples in the dialog', async () => (await dialog())?.rows.includes('demande-eligible.json'));
      await until('demande-eligible.json chosen in the dialog', async () => {
        const state = await dialog();
        if (!state) return true;
        await page.keyboard.press(state.focused === 'demande-eligible.json' ? 'Enter' : 'ArrowDown');
        return false;
      }, 15_000, 300);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : error}; the dialog: ${JSON.stringify(await dialog())}`);
    }
    const notice = await until('the decision in a notification', async () => (await notifications(page)).find((n) => /Décision/.test(n)), 30_000, 250);
    console.log(`  notification: ${notice}`);
    // The panel « CLAS — décisions », read from its first line.
    await until('the panel « CLAS — décisions »', async () => /CLAS — décisions/.test(await visibleText(page)));
    const panel = await panelTop(page, 'the decision at the top of the panel', /Décision : ÉLIGIBLE/, 15_000);
    const lines = panel.split('\n');
    const first = Math.max(0, lines.findIndex((l) => /^Demande\s*:/.test(l.trim())));
    console.log('  panel:\n' + indent(lines.slice(first, first + 14).join('\n')));
    if (!/éligible/i.test(panel)) throw new Error('no « éligible » in the panel');
    if (!/2 563/.test(panel)) throw new Error('no « 2 563 » in the panel');
    if (!/demande-eligible\.json/.test(panel)) throw new Error('the panel is not about demande-eligible.json');
    if (!/2 563/.test(notice)) throw new Error(`the notification does not give 2 563: ${notice}`);
  });

  await step(page, '6b. « CLAS : comparer avec l’année précédente » on 2024-2025 writes the differences of the rules in their panel', 'compare', async () => {
    await openFile(page, 'rules/caf-63/2024-2025.clas');
    await until('2024-2025.clas in the editor', () =>
      page.evaluate(() => (document.querySelector('.editor-group-container.active .tab.active')?.textContent ?? '').includes('2024-2025.clas')),
    );
    await command(page, 'CLAS : comparer avec l\'année précédente');
    await until('the choice of what to compare', async () => /Comparer seulement les règles/.test(await visibleText(page)));
    await until('« Comparer seulement les règles » chosen', async () => {
      const focused = await page.evaluate(() =>
        [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row.focused')].map((r) => r.textContent ?? '').join(' '),
      );
      const open = await page.evaluate(() =>
        [...document.querySelectorAll('.quick-input-widget')].some((w) => /** @type {HTMLElement} */ (w).style.display !== 'none' && /Comparer seulement/.test(w.textContent ?? '')),
      );
      if (!open) return true;
      await page.keyboard.press(/Comparer seulement les règles/.test(focused) ? 'Enter' : 'ArrowDown');
      return false;
    }, 15_000, 300);
    await until('the panel « CLAS — comparaison »', async () => /CLAS — comparaison/.test(await visibleText(page)), 30_000, 250);
    const panel = await panelTop(page, 'the differences in the panel', /Différences entre les règles 2023-2024 et 2024-2025/, 30_000);
    const lines = panel.split('\n');
    const first = Math.max(0, lines.findIndex((l) => /Différences entre les règles/.test(l)));
    console.log('  panel:\n' + indent(lines.slice(first, first + 12).join('\n')));
    if (!/prix_plafond|taux_ps|montant/.test(panel)) throw new Error('the panel names no parameter that changed');
  });

  await step(page, '7. « CLAS : lancer les tests des règles » fills the Testing view, every case passed', 'tests', async () => {
    // The cases of every Caf of the rules folder (caf-63, caf-15…).
    const cafs = fs.readdirSync(path.join(WORKSPACE, 'rules')).filter((d) => fs.existsSync(path.join(WORKSPACE, 'rules', d, 'tests')));
    const cases = cafs.flatMap((caf) =>
      ['2023-2024', '2024-2025'].flatMap((year) =>
        fs.readdirSync(path.join(WORKSPACE, 'rules', caf, 'tests', year)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')),
      ),
    );
    await command(page, 'CLAS : lancer les tests des règles');
    await until('the French summary', async () => (await notifications(page)).find((n) => /tests des règles — \d+ réussi/.test(n)), 60_000, 250);
    await command(page, 'Testing: Focus on Test Explorer View');
    await page.waitForSelector('.test-explorer .monaco-list-row', { visible: true });
    // Expand every folder of cases.
    await until('every case in the view', async () => {
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll('.test-explorer .monaco-list-row')].map((r) => ({
          label: r.getAttribute('aria-label') ?? '',
          expanded: r.getAttribute('aria-expanded'),
        })),
      );
      const collapsed = rows.findIndex((r) => r.expanded === 'false');
      if (collapsed >= 0) {
        const handles = await page.$$('.test-explorer .monaco-list-row');
        await handles[collapsed].click();
        return null;
      }
      return rows.length >= cases.length + 2 ? rows : null;
    }, 20_000, 300);
    const labels = await page.evaluate(() => [...document.querySelectorAll('.test-explorer .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? ''));
    console.log(`  ${labels.length} rows, e.g. ${labels.slice(0, 3).join(' | ')}`);
    const notPassed = cases.filter((name) => !labels.some((l) => l.startsWith(`${name} `) && /\(Passed\)/.test(l)));
    if (notPassed.length) throw new Error(`not shown as passed: ${notPassed.join(', ')}\nrows: ${labels.join(' | ')}`);
    for (const folder of ['caf-63/tests/2023-2024', 'caf-63/tests/2024-2025']) {
      if (!labels.some((l) => l.startsWith(folder) && /\(Passed\)/.test(l))) throw new Error(`the folder ${folder} is not shown as passed`);
    }
    // The tally above the tree: passed/total.
    const summary = await page.evaluate(() => {
      const pane = document.querySelector('.test-explorer')?.closest('.pane') ?? document;
      const tally = [...pane.querySelectorAll('*')].find((e) => e.children.length === 0 && /^\s*\d+\/\d+\s*$/.test(e.textContent ?? ''));
      return tally?.textContent ?? '';
    });
    const tally = /(\d+)\/(\d+)/.exec(summary);
    console.log(`  summary: ${tally?.[0]} (${cases.length} case files)`);
    if (!tally || Number(tally[1]) !== cases.length || Number(tally[2]) !== cases.length) {
      throw new Error(`the view's summary is ${tally?.[0]}, not ${cases.length}/${cases.length}`);
    }
  });

  await step(page, '8. no console error from the extension or its language server', 'console', async () => {
    const fromExtension = consoleLog.filter(
      (m) => (m.type === 'error' || m.type === 'pageerror') && /caf-clas|clas-rules|clasRules|CLAS|\.clas\b|[Ll]anguage ?[Cc]lient|serveur de langage/.test(m.text),
    );
    console.log(`  ${consoleLog.length} console messages, ${consoleLog.filter((m) => m.type === 'error' || m.type === 'pageerror').length} errors in all, ${fromExtension.length} from the extension`);
    if (fromExtension.length) throw new Error(fromExtension.map((m) => `${m.type}: ${m.text}`).join('\n'));
  });

  fs.writeFileSync(path.join(SHOTS, 'console.log'), consoleLog.map((m) => `${m.type}\t${m.text}`).join('\n') + '\n');
  await browser.close();
}

main()
  .catch((error) => {
    console.log(`FAILED: the run stopped: ${error instanceof Error ? error.stack : error}`);
    results.push({ name: 'the run', ok: false, ms: 0, error: String(error) });
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok);
    console.log('');
    for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
    console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
    process.exit(failed.length ? 1 : 0);
  });
