// Browser test of the 説明資料 (`kokuho handout`, docs/handout.md): writes the sample's
// 前橋市 page (確定係数 against 仮係数), opens it printed (A4 landscape) in headless Chromium and
// checks that it fits one page: no table wider than the page, no cell cut off, and the content
// no taller than one page; with --pdftotext, that `--pdf` gives one A4 landscape page with the
// notice on it. Saves a screenshot of the printed layout to OUT/handout.png.
//
//   node tests/e2e/handout.test.mjs --kokuho build/kokuho --web web --examples examples \
//     --out build/e2e-artifacts/handout [--pdftotext /usr/bin/pdftotext]
//
// Prints one line per check and "N passed, N failed"; exits 1 when a check fails.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { checks, launchChromium, option } from './harness.mjs';

const kokuho = path.resolve(option('kokuho'));
const webDir = path.resolve(option('web'));
const examples = path.resolve(option('examples'));
const outDir = path.resolve(option('out'));
const browserPath = option('chromium', '/usr/bin/chromium');
const pdftotext = option('pdftotext', '');
// A4 landscape inside the print CSS's margins (12 mm top and bottom, 10 mm left and right).
const PRINT_WIDTH_PX = Math.floor(((297 - 20) / 25.4) * 96);
const PRINT_HEIGHT_PX = Math.floor(((210 - 24) / 25.4) * 96);
const CODE = '102016';

const { check, finish } = checks();

rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.dirname(outDir), { recursive: true });
const args = ['handout', path.join(examples, 'gunma-kakutei'), '--provisional',
  path.join(examples, 'gunma'), '-m', CODE, '--out', outDir, '--format', 'json', '--carry-forward'];
if (pdftotext) args.push('--pdf');
try {
  execFileSync(kokuho, args, { stdio: 'inherit' });
} catch {
  console.log('FAIL kokuho handout writes the pages');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const htmlPath = path.join(outDir, `handout-${CODE}.html`);
const fileUrl = pathToFileURL(htmlPath).href;
const notice = JSON.parse(readFileSync(path.join(outDir, 'nofukin_diff.json'), 'utf8')).notice;

// The printed page: each table's right edge and clipped cells, and the height of what is
// printed on the first page.
function measure() {
  const width = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll('table.kk-table')].map((t) => ({
    id: t.closest('figure')?.id,
    right: Math.ceil(t.getBoundingClientRect().right),
    cut: [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).length,
  }));
  // Everything printed on the first page: up to the appendix when there is one, else the
  // whole report with its footer (not scrollHeight, which is never below the viewport's).
  const appendix = document.querySelector('section.kk-section--appendix');
  const root = document.getElementById('kokuho-report') ?? document.body;
  const height = Math.ceil((appendix ?? root).getBoundingClientRect()[appendix ? 'top' : 'bottom'] +
    window.scrollY);
  return { width, tables, height, appendix: Boolean(appendix),
    sections: document.querySelectorAll('section.kk-section').length };
}

let hasAppendix = false;  // the page has a second page of sources (付録)
const browser = await launchChromium(webDir, browserPath, {
  viewport: { width: PRINT_WIDTH_PX, height: PRINT_HEIGHT_PX },
});
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.emulateMedia({ media: 'print' });
  await page.goto(fileUrl, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  const layout = await page.evaluate(measure);
  hasAppendix = layout.appendix;
  const wide = layout.tables.filter((t) => t.right > layout.width || t.cut > 0);
  check(`the handout's tables fit the printed width (${layout.tables.length} tables)`,
    layout.tables.length >= 3 && wide.length === 0,
    wide.map((t) => `${t.id}: right ${t.right} > ${layout.width} or ${t.cut} cells cut`).join('; '));
  check(`the handout fits one A4 landscape page (${layout.height} px of ${PRINT_HEIGHT_PX})`,
    layout.height <= PRINT_HEIGHT_PX);
  check('the notice of sample data is on the page', (await page.textContent('body')).includes(notice));
  const body = await page.textContent('body');
  check('the モデル世帯 table is on the page, with the note that it is a 試算',
    layout.tables.some((t) => t.id === 'handout_model_households') && body.includes('試算'));
  await page.screenshot({ path: path.join(outDir, 'handout.png'), fullPage: true, timeout: 120000 });  // a long page under load
  console.log(`screenshot: ${path.join(outDir, 'handout.png')}`);

  // The widest 説明資料: --provisional and --previous (the sample copied as 令和8年度), whose
  // tables gain the 前年度 columns and whose 注意事項 gain the previous year's rules.
  const previousCase = path.join(outDir, 'previous-r8');
  cpSync(path.join(examples, 'gunma'), previousCase, { recursive: true });
  const yaml = path.join(previousCase, 'prefecture.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^fiscal_year: .*$/m, 'fiscal_year: 令和8年度'));
  const wideOut = path.join(outDir, 'with-previous');
  execFileSync(kokuho, ['handout', path.join(examples, 'gunma-kakutei'), '--provisional',
    path.join(examples, 'gunma'), '--previous', previousCase, '-m', CODE, '--out', wideOut,
    '--format', 'json', '--carry-forward'], { stdio: 'inherit' });
  await page.goto(pathToFileURL(path.join(wideOut, `handout-${CODE}.html`)).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  const widest = await page.evaluate(measure);
  const cut = widest.tables.filter((t) => t.right > widest.width || t.cut > 0);
  check(`with --previous too, the handout fits one page (${widest.height} px of ${PRINT_HEIGHT_PX})`,
    widest.height <= PRINT_HEIGHT_PX && cut.length === 0 &&
      (await page.textContent('body')).includes('前年度 合計'),
    cut.map((t) => t.id).join(', '));
  check('no console errors or page errors', problems.length === 0, problems.join(' | '));
} finally {
  await browser.close();
}

if (pdftotext) {
  const pdf = path.join(outDir, `handout-${CODE}.pdf`);
  const info = execFileSync(path.join(path.dirname(pdftotext), 'pdfinfo'), [pdf]).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  check('the PDF is A4 landscape', Math.abs(Number(size?.[1]) - 841.9) < 2 &&
    Math.abs(Number(size?.[2]) - 595.3) < 2, size?.[0]);
  // One page, and with unconfirmed or carried-forward values a second one: the appendix.
  const expected = hasAppendix ? 2 : 1;
  check(`the PDF of the handout has ${expected} page(s)`, pages === expected, `${pages} pages`);
  const text = execFileSync(pdftotext, ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
  check('the notice is printed on the PDF', text.includes(notice.replace(/\s+/g, '')));
  const first = execFileSync(pdftotext, ['-f', '1', '-l', '1', '-layout', pdf, '-']).toString()
    .replace(/\s+/g, '');
  check('the first page holds the モデル世帯 and not the appendix',
    first.includes('モデル世帯の保険料') && !first.includes('付録:'));
}

finish();
