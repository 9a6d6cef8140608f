// Every HTML page clas-rules writes, opened from file:// in headless Chromium
// (Debian's, driven by puppeteer-core) and checked as staff would use it:
// offline, French, accessible, hostile texts shown as text, printable on A4.
//
//   node pages.js LIST
//
// LIST has one page a line, tab-separated: GROUP NAME FLAGS PATH
//   GROUP  pages of one output (a documentation site is one group): the
//          hostile texts must appear in at least one page of the group;
//   NAME   the page's name in the report and its screenshot's file name;
//   FLAGS  comma-separated, `-` for none:
//            charts  the page must have at least one chart;
//            h1, h2  hostile text 1 (`<script>alert(1)</script>`) or
//                    2 (`"><img src=x onerror=alert(1)>`) must be shown as
//                    text in the group;
//            quick   no PDF and no screenshot (the slowest steps): for the
//                    many pages of a site;
//            cafs    a campaign report of several Cafs: a part for the whole,
//                    the Cafs compared with two charts, at least two Caf
//                    parts, each with its h2, and no link to a missing id;
//   PATH   the HTML file.
// A page may declare checks that must FAIL on it
// (`<meta name="expect-fail" content="network active">`): the pages of
// fixtures/must-fail/ prove that each check can fail.
//
// Prints one line per page and check, then `N passed, M failed` (or writes
// `N M` to $COUNTS, for run.sh to print last); exits 1 on any failure.
// Environment: CHROMIUM (default /usr/bin/chromium), SHOTS (the
// screenshots' folder), BROWSER_PROFILE (a scratch folder).
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

const HOSTILE = {
  h1: '<script>alert(1)</script>',
  h2: '"><img src=x onerror=alert(1)>',
};
// A4 in PostScript points, and how far a PDF's page may be from it.
const A4 = { width: 595.28, height: 841.89 };
const A4_TOLERANCE = 2;
const SCREEN = { width: 1280, height: 900 };

let passed = 0;
let failed = 0;
/** @type {string[]} */
const failures = [];

/** Prints one check's line and counts it. */
function report(name, check, ok, detail) {
  const said = detail ? String(detail).replace(/\s+/g, ' ').trim() : '';
  const line = `${ok ? 'ok  ' : 'FAIL'} ${name}: ${check}${said ? ` — ${said}` : ''}`;
  console.log(line);
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(line);
  }
}

// ------------------------------------------------------------------ tidy

// tidy 5.6 (Debian's) in its HTML5 mode (chosen by `<!DOCTYPE html>`), its
// output not wanted (-e: errors and warnings only, --mute-id: each message
// with its key). tidy reports most real HTML errors as *warnings* (a
// missing or misplaced end tag, a duplicate id, an element where it is not
// allowed, an img without alt), and only unknown elements and the like as
// errors: so every error AND every warning fails the page, except the false
// alarms of tidy listed here, each checked where it is:
//   - PROPRIETARY_ATTRIBUTE on `<title id=…>` inside an inline `<svg>`:
//     tidy takes an SVG `<title>` for the HTML head's one, which has no id;
//     the charts' titles need theirs (aria-labelledby). Allowed only when
//     the position tidy gives is inside an `<svg>…</svg>` of the file.
// (tidy knows inline SVG's elements, so no --new-blocklevel-tags is needed;
// the SVG itself is checked as XML by `svg-xml` below, which tidy does not.)
function tidy(file, source) {
  const run = spawnSync('tidy', ['-q', '-e', '--mute-id', 'yes', '--show-info', 'no', file], { encoding: 'utf8' });
  if (run.error) return { ok: false, detail: `tidy did not run: ${run.error.message}` };
  const lines = source.split('\n');
  const offset = (line, column) => {
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i += 1) at += lines[i].length + 1;
    return at + column - 1;
  };
  const insideSvg = (at) => source.lastIndexOf('<svg', at) > source.lastIndexOf('</svg>', at);
  let errors = 0;
  let warnings = 0;
  let allowed = 0;
  const shown = [];
  for (const text of (run.stderr || '').split('\n')) {
    const m = /^line (\d+) column (\d+) - (Warning|Error): (.*) \(([A-Z_]+)\)$/.exec(text);
    if (!m) {
      // A message in a shape this does not know counts, rather than passing unseen.
      if (/^line \d+ column \d+ - /.test(text)) {
        warnings += 1;
        if (shown.length < 3) shown.push(text);
      }
      continue;
    }
    const [, line, column, level, message, key] = m;
    const at = offset(Number(line), Number(column));
    if (
      key === 'PROPRIETARY_ATTRIBUTE' &&
      message === '<title> proprietary attribute "id"' &&
      insideSvg(at)
    ) {
      allowed += 1;
      continue;
    }
    if (level === 'Error') errors += 1;
    else warnings += 1;
    if (shown.length < 3) shown.push(`line ${line}:${column} ${level}: ${message}`);
  }
  if (run.status === 2 && errors === 0) {
    return { ok: false, detail: `tidy found errors it did not list: ${(run.stderr || '').trim().slice(0, 300)}` };
  }
  const counts = `${errors} error(s), ${warnings} warning(s), ${allowed} known false alarm(s) of tidy on inline SVG`;
  return { ok: errors === 0 && warnings === 0, detail: shown.length ? `${counts}: ${shown.join(' | ')}` : counts };
}

// ------------------------------------------------------------------ PDF

/** The sizes of a PDF's pages, from its /MediaBox entries (Chromium writes
 *  them in the clear, one per page), and its page count. */
function pdfPages(bytes) {
  const text = bytes.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map(
    (m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }),
  );
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  return { boxes, pages, header: text.slice(0, 5) };
}

// ------------------------------------------------------------------ one page

/**
 * @param {import('puppeteer-core').Browser} browser
 * @param {{group: string, name: string, flags: Set<string>, file: string}} entry
 * @param {Map<string, Set<string>>} shownInGroup
 */
async function checkPage(browser, entry, shownInGroup, shots) {
  const { name, flags, file } = entry;
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    report(name, 'the page exists', false, error instanceof Error ? error.message : String(error));
    return;
  }
  const expectMeta = /<meta name="expect-fail" content="([^"]*)">/.exec(source);
  const expected = new Set(expectMeta ? expectMeta[1].split(/\s+/).filter(Boolean) : []);
  const hostileMeta = /<meta name="hostile" content="([^"]*)">/.exec(source);
  (hostileMeta ? hostileMeta[1].split(/\s+/) : []).forEach((k) => k && flags.add(k));
  if (expected.has('hostile')) entry.hostileMustFail = true;
  const results = new Map();
  const record = (check, ok, detail) => results.set(check, { ok, detail });

  record('tidy', ...Object.values(tidy(file, source)));

  // Each chart's SVG, as written in the file, must be well-formed XML.
  const svgs = source.match(/<svg[\s>][\s\S]*?<\/svg>/g) || [];

  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(30_000);
    await page.setViewport(SCREEN);
    await page.emulateMediaType('screen');
    const url = pathToFileURL(file).href;
    const messages = [];
    const requests = [];
    const dataUrls = [];
    const failedRequests = [];
    page.on('console', (m) => {
      if (['error', 'warn', 'warning', 'assert'].includes(m.type())) messages.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => messages.push(`page error: ${e && e.message ? e.message : e}`));
    // A dialog (an alert a hostile name would open) blocks the page: say so and close it.
    page.on('dialog', (d) => {
      messages.push(`a script opened a dialog (${d.type()}: ${d.message()})`);
      d.dismiss().catch(() => {});
    });
    page.on('requestfailed', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:')) return; // ours, aborted below
      failedRequests.push(`${r.url().slice(0, 80)} (${r.failure() ? r.failure().errorText : '?'})`);
    });
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      if (r.url() === url) return void r.continue();
      if (r.url().startsWith('data:')) {
        dataUrls.push(r.url().slice(0, 60));
        return void r.continue();
      }
      requests.push(r.url().slice(0, 120));
      return void r.abort('blockedbyclient');
    });
    await page.goto(url, { waitUntil: 'load' });
    // Let late requests (fonts, lazy images) and console messages arrive.
    await new Promise((resolve) => setTimeout(resolve, 150));

    const dom = await page.evaluate(
      (hostile, svgSources) => {
        const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]));
        let order = '';
        headings.forEach((level, i) => {
          if (order) return;
          if (i === 0 && level !== 1) order = `the first heading is h${level}`;
          else if (i > 0 && level > headings[i - 1] + 1) order = `h${headings[i - 1]} then h${level}`;
        });
        const active = [];
        for (const el of document.querySelectorAll('*')) {
          const tag = el.tagName.toLowerCase();
          if (['script', 'iframe', 'object', 'embed', 'frame', 'applet', 'base'].includes(tag)) active.push(`<${tag}>`);
          for (const a of el.attributes) {
            if (/^on/i.test(a.name)) active.push(`${tag}[${a.name}]`);
            if (/^\s*javascript:/i.test(a.value)) active.push(`${tag}[${a.name}=javascript:]`);
          }
        }
        const charts = [...document.querySelectorAll('svg')].map((svg, i) => {
          const title = svg.querySelector(':scope > title');
          const desc = svg.querySelector(':scope > desc');
          const problems = [];
          if (svg.getAttribute('role') !== 'img') problems.push('no role="img"');
          if (!title || !title.textContent.trim()) problems.push('no <title>');
          if (!desc || !desc.textContent.trim()) problems.push('no <desc>');
          return problems.length ? `chart ${i + 1}: ${problems.join(', ')}` : '';
        });
        const tables = [...document.querySelectorAll('table')].map((table, i) => {
          const problems = [];
          if (!table.querySelector(':scope > caption')) problems.push('no <caption>');
          const th = [...table.querySelectorAll('th')];
          if (!th.length) problems.push('no <th>');
          if (th.some((h) => !h.getAttribute('scope'))) problems.push('a <th> without scope');
          return problems.length ? `table ${i + 1}: ${problems.join(', ')}` : '';
        });
        const xml = svgSources.map((text, i) => {
          const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
          const error = parsed.querySelector('parsererror');
          return error ? `chart ${i + 1}: ${error.textContent.trim().slice(0, 120)}` : '';
        });
        const text = document.body ? document.body.innerText : '';
        // A report of several Cafs: a part for each, titled, the Cafs
        // compared with charts, and every link of its contents leads somewhere.
        const cafSections = [...document.querySelectorAll('main > section[id^="caf-"]')].map((section) => {
          const h2 = section.querySelector(':scope > h2');
          return h2 ? h2.textContent.trim() : `${section.id} without h2`;
        });
        const comparison = document.getElementById('comparaison');
        const brokenLinks = [...document.querySelectorAll('a[href^="#"]')]
          .map((a) => a.getAttribute('href').slice(1))
          .filter((id) => !document.getElementById(id));
        return {
          cafSections,
          comparisonCharts: comparison ? comparison.querySelectorAll('svg').length : 0,
          whole: Boolean(document.getElementById('ensemble')),
          brokenLinks,
          lang: document.documentElement.lang,
          h1: document.querySelectorAll('h1').length,
          title: document.title.trim(),
          order,
          active,
          chartCount: charts.length,
          charts: charts.filter(Boolean),
          tables: tables.filter(Boolean),
          xml: xml.filter(Boolean),
          hostile: Object.keys(hostile).filter((k) => text.includes(hostile[k])),
        };
      },
      HOSTILE,
      svgs,
    );

    const structure = [];
    if (dom.lang !== 'fr') structure.push(`lang="${dom.lang}"`);
    if (dom.h1 !== 1) structure.push(`${dom.h1} h1`);
    if (!dom.title) structure.push('no <title>');
    if (dom.order) structure.push(`headings skip a level (${dom.order})`);
    record('lang="fr", one h1, a title, headings in order', structure.length === 0, structure.join('; '));
    record('tables have a caption and th scope', dom.tables.length === 0, dom.tables.slice(0, 3).join('; '));
    const chartProblems = [...dom.charts];
    if (flags.has('charts') && dom.chartCount === 0) chartProblems.unshift('no chart on a page that must have one');
    record(
      `charts: role="img", <title>, <desc> (${dom.chartCount})`,
      chartProblems.length === 0,
      chartProblems.slice(0, 3).join('; '),
    );
    record('charts are well-formed SVG', dom.xml.length === 0, dom.xml.slice(0, 2).join('; '));
    record(
      'no script, no on* attribute, no javascript: URL',
      dom.active.length === 0,
      [dom.active.slice(0, 5).join(', '), dom.hostile.length ? `hostile texts shown as text: ${dom.hostile.length} of 2` : '']
        .filter(Boolean)
        .join('; '),
    );
    if (flags.has('cafs')) {
      const problems = [];
      if (!dom.whole) problems.push('no part for the whole campaign');
      if (dom.cafSections.length < 2) problems.push(`${dom.cafSections.length} Caf part(s)`);
      if (dom.comparisonCharts < 2) problems.push(`${dom.comparisonCharts} chart(s) comparing the Cafs`);
      if (dom.brokenLinks.length) problems.push(`links to nothing: ${dom.brokenLinks.join(', ')}`);
      record(
        `the whole, the Cafs compared and a part per Caf (${dom.cafSections.join(', ')})`,
        problems.length === 0,
        problems.join('; '),
      );
    }
    const seen = shownInGroup.get(entry.group) || new Set();
    dom.hostile.forEach((k) => seen.add(k));
    shownInGroup.set(entry.group, seen);

    if (!flags.has('quick')) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`), fullPage: true });

      // Printing as the browser would: the page's own @page size (the
      // print dialog follows it), A4 when it says nothing.
      let pdfCheck;
      try {
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, timeout: 60_000 });
        const { boxes, pages, header } = pdfPages(Buffer.from(pdf));
        const wrong = boxes.filter(
          (b) => Math.abs(b.width - A4.width) > A4_TOLERANCE || Math.abs(b.height - A4.height) > A4_TOLERANCE,
        );
        if (header !== '%PDF-') pdfCheck = [false, 'not a PDF'];
        else if (!boxes.length) pdfCheck = [false, 'no /MediaBox found in the PDF'];
        else if (wrong.length) pdfCheck = [false, `a page of ${wrong[0].width.toFixed(2)} × ${wrong[0].height.toFixed(2)} pt`];
        else pdfCheck = [true, `${pages} page(s), ${(pdf.length / 1024).toFixed(0)} KiB`];
      } catch (error) {
        pdfCheck = [false, `page.pdf failed: ${error instanceof Error ? error.message : error}`];
      }
      record('prints to PDF on A4 pages', ...pdfCheck);
    }

    // Print media at the width of an A4 page's content box (A4 less the
    // margins the page's @page rule gives): nothing wider than the page.
    await page.emulateMediaType('print');
    const marginsMm = await page.evaluate(() => {
      const toMm = (value) => {
        if (!value) return null;
        const probe = document.createElement('div');
        probe.style.cssText = `position:absolute;visibility:hidden;width:${value}`;
        document.body.appendChild(probe);
        const px = probe.getBoundingClientRect().width;
        probe.remove();
        return (px * 25.4) / 96;
      };
      for (const sheet of document.styleSheets) {
        let rules = [];
        try {
          rules = [...sheet.cssRules];
        } catch {
          continue; // a style sheet from elsewhere (which the network check reports)
        }
        for (const rule of rules) {
          if (rule instanceof CSSPageRule && !rule.selectorText) {
            const left = toMm(rule.style.marginLeft);
            const right = toMm(rule.style.marginRight);
            if (left !== null && right !== null) return left + right;
          }
        }
      }
      return null;
    });
    // Chromium's default print margins (about 1 cm a side) when the page has none.
    const contentMm = 210 - (marginsMm === null ? 20 : marginsMm);
    const contentPx = Math.floor((contentMm * 96) / 25.4);
    await page.setViewport({ width: contentPx, height: 1123 });
    const wide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const out = [];
      const describe = (el) => {
        const text = (el.querySelector('caption') || el).textContent.trim().replace(/\s+/g, ' ').slice(0, 40);
        return `<${el.tagName.toLowerCase()}> «${text}»`;
      };
      if (document.documentElement.scrollWidth > limit + 1) {
        out.push(`the page is ${document.documentElement.scrollWidth}px wide for ${limit}px`);
      }
      for (const el of document.querySelectorAll('table, figure, svg, pre, img, body > *')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.right > limit + 1) out.push(`${describe(el)} ends at ${Math.round(box.right)}px`);
        else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
          out.push(`${describe(el)} scrolls (${el.scrollWidth}px in ${el.clientWidth}px)`);
        }
      }
      if (document.body.scrollWidth > document.body.clientWidth + 1) {
        out.push(`the body's content is ${document.body.scrollWidth}px wide in ${document.body.clientWidth}px`);
      }
      return out;
    });
    record(
      `nothing wider than an A4 page in print (${contentPx}px = ${contentMm.toFixed(0)} mm)`,
      wide.length === 0,
      wide.slice(0, 3).join('; '),
    );

    const load = [...messages, ...requests.map((r) => `request ${r}`), ...failedRequests.map((r) => `failed ${r}`)];
    record(
      'no console message, page error or request but the page itself',
      load.length === 0,
      [load.slice(0, 4).join('; '), dataUrls.length ? `${dataUrls.length} data: URL(s), allowed` : '']
        .filter(Boolean)
        .join('; '),
    );
  } catch (error) {
    record('opens in Chromium', false, error instanceof Error ? error.message : String(error));
  } finally {
    await page.close().catch(() => {});
  }

  if (expected.size && !process.env.BROWSER_ALL) {
    for (const [check, { ok, detail }] of results) {
      const key = checkKey(check);
      if (expected.has(key)) report(name, `${check} fails, as it must`, !ok, ok ? 'it passed' : detail);
    }
    for (const key of expected) {
      if (key !== 'hostile' && ![...results.keys()].some((c) => checkKey(c) === key)) report(name, `check "${key}" exists`, false, 'no such check');
    }
  } else {
    for (const [check, { ok, detail }] of results) report(name, check, ok, detail);
  }
}

/** The short name a must-fail page uses for a check. */
function checkKey(check) {
  if (check.startsWith('tidy')) return 'tidy';
  if (check.startsWith('lang=')) return 'structure';
  if (check.startsWith('tables')) return 'tables';
  if (check.startsWith('charts:')) return 'charts';
  if (check.startsWith('charts are')) return 'svg-xml';
  if (check.startsWith('no script')) return 'active';
  if (check.startsWith('prints to PDF')) return 'pdf-a4';
  if (check.startsWith('nothing wider')) return 'print-width';
  if (check.startsWith('no console')) return 'network';
  return check;
}

// ------------------------------------------------------------------ main

async function main() {
  const list = process.argv[2];
  if (!list) throw new Error('usage: node pages.js LIST');
  const entries = fs
    .readFileSync(list, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [group, name, flags, file] = l.split('\t');
      return { group, name, flags: new Set(flags === '-' ? [] : flags.split(',')), file: path.resolve(file) };
    });
  const shots = process.env.SHOTS || path.resolve(__dirname, '../../target/e2e/pages');
  const profile = process.env.BROWSER_PROFILE || fs.mkdtempSync(path.join(require('os').tmpdir(), 'clas-pages-'));
  const options = {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 120_000,
    userDataDir: profile,
    args: [
      ...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--allow-file-access-from-files',
      '--font-render-hinting=none',
    ],
  };
  // One more try if the first start fails (a busy machine; or a sandbox the
  // machine does not allow, which the second try goes without).
  const browser = await puppeteer.launch(options).catch((error) => {
    console.log(`Chromium did not start (${error instanceof Error ? error.message : error}); once more, without its sandbox`);
    const args = options.args.includes('--no-sandbox') ? options.args : ['--no-sandbox', ...options.args];
    return puppeteer.launch({ ...options, args, userDataDir: `${profile}-again` });
  });
  const shownInGroup = new Map();
  const required = new Map();
  const mustFail = new Set();
  try {
    for (const entry of entries) {
      const started = Date.now();
      await checkPage(browser, entry, shownInGroup, shots);
      const want = required.get(entry.group) || new Set();
      ['h1', 'h2'].filter((k) => entry.flags.has(k)).forEach((k) => want.add(k));
      required.set(entry.group, want);
      if (entry.hostileMustFail) mustFail.add(entry.group);
      if (process.env.BROWSER_TIMES) console.log(`     (${entry.name}: ${Date.now() - started} ms)`);
    }
  } finally {
    await browser.close().catch(() => {});
  }
  for (const [group, want] of required) {
    if (!want.size) continue;
    const seen = shownInGroup.get(group) || new Set();
    const missing = [...want].filter((k) => !seen.has(k));
    const check = `hostile texts shown as text (${[...want].map((k) => HOSTILE[k]).join('  ')})`;
    const detail = missing.length ? `not in document.body.innerText: ${missing.map((k) => HOSTILE[k]).join('  ')}` : '';
    if (mustFail.has(group)) report(group, `${check} fails, as it must`, missing.length > 0, detail || 'it passed');
    else report(group, check, missing.length === 0, detail);
  }
  if (failures.length) {
    console.log('\nfailures:');
    failures.forEach((f) => console.log(`  ${f}`));
  }
  summary();
  process.exitCode = failed ? 1 : 0;
}

/** The final count: printed, or written to $COUNTS for run.sh to print last. */
function summary() {
  if (process.env.COUNTS) fs.writeFileSync(process.env.COUNTS, `${passed} ${failed}\n`);
  else console.log(`${passed} passed, ${failed} failed`);
}

main().catch((error) => {
  console.log(`the browser checks stopped: ${error instanceof Error ? error.stack : error}`);
  failed += 1;
  summary();
  process.exit(1);
});
