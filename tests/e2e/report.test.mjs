// Browser test of the self-contained HTML report: renders a fixture with
// `kokuho report-html`, opens it in headless Chromium (the system's, through playwright-core
// from web/node_modules) and checks that it loads without errors or network requests,
// draws every chart and the map with its credit line, that the map's metric selector, the
// legend toggles and table sorting work, and saves a full-page screenshot.
//
//   node tests/e2e/report.test.mjs --kokuho build/kokuho --web web \
//     --fixture tests/e2e/fixtures/report-sample.json --out build/e2e-artifacts
//
// Prints one line per check and "N passed, N failed"; exits 1 when a check fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { checks, launchChromium, option } from './harness.mjs';


const kokuho = path.resolve(option('kokuho'));
const webDir = path.resolve(option('web'));
const fixture = path.resolve(option('fixture'));
const outDir = path.resolve(option('out'));
const browserPath = option('chromium', '/usr/bin/chromium');
// With --pdftotext (poppler-utils), also the PDF export (`kokuho report-html … --pdf`).
const pdftotext = option('pdftotext', '');
const CREDIT = '出典：国土交通省 国土数値情報（行政区域データ）を加工して作成';
// The content width of an A4 landscape page inside the report's 10 mm margins, in CSS px.
const PRINT_WIDTH_PX = Math.floor(((297 - 20) / 25.4) * 96);

const { check, finish } = checks();

mkdirSync(outDir, { recursive: true });
const htmlPath = path.join(outDir, 'report.html');
try {
  execFileSync(kokuho, ['report-html', fixture, '--out', htmlPath], { stdio: 'inherit' });
} catch {
  console.log('FAIL kokuho report-html renders the fixture');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(fixture, 'utf8'));
const blocks = report.sections.flatMap((s) => s.blocks ?? []);
const fileUrl = pathToFileURL(htmlPath).href;

const browser = await launchChromium(webDir, browserPath, { viewport: { width: 1200, height: 900 } });
const { context } = browser;

try {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    else if (m.type() === 'warning') console.log(`(console.warning: ${m.text()})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== fileUrl) requests.push(r.url());
  });

  await page.goto(fileUrl, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  await page.waitForTimeout(300);

  // Pixels of a canvas that are not transparent/white, and a cheap hash of the image.
  const canvasStats = (selector) =>
    page.$$eval(selector, (canvases) =>
      canvases.map((c) => {
        const ctx = c.getContext('2d');
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        let inked = 0;
        let hash = 0;
        for (let i = 0; i < data.length; i += 4) {
          const blank = data[i + 3] === 0 || (data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250);
          if (!blank) inked++;
          hash = (hash * 31 + data[i] + data[i + 1] * 3 + data[i + 2] * 7 + data[i + 3]) | 0;
        }
        const r = c.getBoundingClientRect();
        return { w: r.width, h: r.height, inked: inked / (c.width * c.height), hash };
      }),
    );

  // A line chart of many series is drawn as small multiples: one canvas per series.
  const isMultiples = (b) => b.kind === 'line' && b.series.length > 10;
  const expectedCharts = blocks
    .filter((b) => ['line', 'bar', 'map'].includes(b.kind))
    .reduce((n, b) => n + (isMultiples(b) ? b.series.length : 1), 0);
  const charts = await canvasStats('.kk-chart:not(.kk-print-maps .kk-chart) canvas');
  check('every line/bar/map block has a canvas (one per panel of small multiples)',
    charts.length === expectedCharts, `${charts.length} canvases for ${expectedCharts} charts`);
  check('every canvas has a non-zero size', charts.every((c) => c.w > 100 && c.h > 80),
    charts.map((c) => `${Math.round(c.w)}×${Math.round(c.h)}`).join(' '));
  check('every canvas is drawn', charts.every((c) => c.inked > 0.01),
    charts.map((c) => c.inked.toFixed(3)).join(' '));

  const maps = blocks.filter((b) => b.kind === 'map');
  const mapBefore = await canvasStats('.kk-block--map .kk-map-body canvas');
  check('the map is drawn', mapBefore.length === maps.length && mapBefore.every((c) => c.inked > 0.05),
    mapBefore.map((c) => c.inked.toFixed(3)).join(' '));
  const credits = await page.$$eval('.kk-block--map .kk-map-body .kk-credit', (els) =>
    els.map((e) => ({ text: e.textContent, visible: e.getBoundingClientRect().height > 0 })));
  check('the credit line is under every map',
    credits.length === maps.length && credits.every((c) => c.text === CREDIT && c.visible));

  // The metric selector recolours the map.
  const select = await page.$('.kk-block--map select.kk-metric-select');
  check('a map with several metrics has a selector', !!select);
  if (select) {
    const captionBefore = await page.textContent('.kk-block--map .kk-map-metric');
    await select.selectOption('1');
    await page.waitForTimeout(300);
    const mapAfter = await canvasStats('.kk-block--map .kk-map-body canvas');
    const captionAfter = await page.textContent('.kk-block--map .kk-map-metric');
    check('choosing another metric redraws the map',
      mapAfter[0].hash !== mapBefore[0].hash && captionAfter !== captionBefore &&
        captionAfter.includes(maps[0].metrics[1].label), captionAfter);
    await select.selectOption('0');
    await page.waitForTimeout(200);
  }

  // Many lines: small multiples, one titled panel per series, not one chart of spaghetti.
  for (const b of blocks.filter(isMultiples)) {
    const panels = await page.$$eval(`[id="${b.id}"] .kk-multiple`, (els) =>
      els.map((e) => e.querySelector('.kk-multiple-title')?.textContent));
    check(`「${b.title}」 (${b.series.length} series) is drawn as small multiples, one panel each`,
      panels.length === b.series.length && panels.every((t, i) => t === b.series[i].name),
      `${panels.length} panels`);
  }

  // Colours of changes: the diverging scale (blue = fall, neutral = 0, red = rise), the same
  // in maps and bars (web/src/common/charts.ts DIVERGING_STOPS).
  const BLUE = [0x21, 0x66, 0xac];
  const NEUTRAL = [0xf0, 0xf0, 0xf0];
  const RED = [0xb2, 0x18, 0x2b];
  const NO_DATA = [0xbd, 0xbd, 0xbd];
  const countColors = (selector, colors) =>
    page.$$eval(selector, (canvases, colors) => canvases.map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      const counts = colors.map(() => 0);
      for (let i = 0; i < data.length; i += 4)
        colors.forEach(([r, g, b], k) => {
          if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) counts[k]++;
        });
      return counts.map((n) => n / (c.width * c.height));
    }), colors);
  // Reddish and bluish pixels (the two sides of the diverging scale).
  const sides = (selector) =>
    page.$eval(selector, (c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let red = 0;
      let blue = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] > data[i + 1] + 40 && data[i] > data[i + 2] + 40) red++;
        if (data[i + 2] > data[i] + 40 && data[i + 2] > data[i + 1] + 20) blue++;
      }
      return { red: red / (c.width * c.height), blue: blue / (c.width * c.height) };
    });
  const mapBlock = maps[0];
  const mapCanvas = '.kk-block--map .kk-map-body canvas';
  for (const [k, m] of (mapBlock?.metrics ?? []).entries()) {
    if (m.scale !== 'diverging') continue;
    const vals = Object.values(m.values).filter((v) => typeof v === 'number');
    const zeros = vals.filter((v) => v === 0).length;
    if (mapBlock.metrics.length > 1) {
      await page.selectOption('.kk-block--map select.kk-metric-select', String(k));
      await page.waitForTimeout(300);
    }
    const [[neutral, none]] = await countColors(mapCanvas, [NEUTRAL, NO_DATA]);
    const side = await sides(mapCanvas);
    if (zeros > 0)
      check(`「${m.label}」: a change of 0 (${zeros} municipalities) has the neutral colour`,
        neutral > 0.002, `neutral ${neutral.toFixed(4)}`);
    const rises = vals.some((v) => v > 0);
    const falls = vals.some((v) => v < 0);
    // (The legend shows both sides of the symmetric scale, so only presence is checked.)
    check(`「${m.label}」: rises are red, falls are blue`,
      (!rises || side.red > 0.0005) && (!falls || side.blue > 0.0001) && (rises || falls),
      `red ${side.red.toFixed(4)} blue ${side.blue.toFixed(4)}`);
    // Equal largest rise and fall: both reach the ends of the scale, in exactly its colours
    // (far more pixels than the legend's gradient has of them).
    if (rises && falls && Math.max(...vals) === -Math.min(...vals)) {
      const [[blue, red]] = await countColors(mapCanvas, [BLUE, RED]);
      check(`「${m.label}」: the largest rise and fall are the scale's red and blue ends`,
        red > 0.0005 && blue > 0.0005, `red ${red.toFixed(4)} blue ${blue.toFixed(4)}`);
    }
    const greyShown = await page.$eval('.kk-block--map .kk-map-body .kk-map-nodata', (e) => !e.hidden);
    if (greyShown)
      check(`「${m.label}」: municipalities without a value are grey, not neutral`, none > 0.001,
        `grey ${none.toFixed(4)}`);
  }
  if (mapBlock && mapBlock.metrics.length > 1) {
    await page.selectOption('.kk-block--map select.kk-metric-select', '0');
    await page.waitForTimeout(300);
  }
  for (const b of blocks.filter((b) => b.kind === 'bar' && b.palette === 'diverging')) {
    const [[blue, neutral, red]] = await countColors(`[id="${b.id}"] canvas`, [BLUE, NEUTRAL, RED]);
    check(`「${b.title}」: ordered bands from blue (fall) through neutral (no change) to red (rise)`,
      blue > 0.001 && neutral > 0.001 && red > 0.001,
      `blue ${blue.toFixed(4)} neutral ${neutral.toFixed(4)} red ${red.toFixed(4)}`);
  }

  // Sorting a table by a numeric column, both ways; empty cells stay last.
  const table = blocks.find((b) => b.kind === 'table');
  if (table) {
    // The yen column with the most distinct values.
    const distinct = (j) => new Set(table.rows.map((r) => r[j])).size;
    const col = table.columns
      .map((c, j) => j)
      .filter((j) => table.columns[j].format === 'yen')
      .sort((a, b) => distinct(b) - distinct(a))[0];
    const sel = `[id="${table.id}"] table`;
    const cells = () =>
      page.$$eval(`${sel} tbody tr td:nth-child(${col + 1})`, (tds) =>
        tds.map((td) => (td.dataset.value === undefined ? null : Number(td.dataset.value))));
    await page.click(`${sel} thead th:nth-child(${col + 1}) button`);
    const asc = await cells();
    const ascSort = await page.getAttribute(`${sel} thead th:nth-child(${col + 1})`, 'aria-sort');
    await page.click(`${sel} thead th:nth-child(${col + 1}) button`);
    const desc = await cells();
    const values = (xs) => xs.filter((x) => x !== null);
    const sorted = (xs, dir) => xs.every((x, i) => i === 0 || dir * (x - xs[i - 1]) >= 0);
    const original = table.rows.map((r) => r[col]).filter((x) => x !== null);
    // Empty cells sort last in both directions (when the column has any).
    const hasEmpty = table.rows.some((r) => r[col] === null);
    const emptyLast = (xs) => !hasEmpty || xs[xs.length - 1] === null;
    check('clicking a header sorts the table ascending',
      ascSort === 'ascending' && sorted(values(asc), 1) && !sorted(original, 1) &&
        values(asc).length === original.length && emptyLast(asc), JSON.stringify(asc));
    const descSort = await page.getAttribute(`${sel} thead th:nth-child(${col + 1})`, 'aria-sort');
    check('clicking it again sorts descending', descSort === 'descending' && sorted(values(desc), -1) &&
      values(desc).length === original.length && emptyLast(desc), JSON.stringify(desc));
    const shown = await page.textContent(`${sel} tbody tr:first-child td:nth-child(${col + 1})`);
    check('yen cells have thousands separators', /^\d{1,3}(,\d{3})+$/.test(shown.trim()), shown);
  }

  // Text that looks like markup stays text.
  const injected = await page.evaluate(() => window.__injected === true);
  if ((report.notes ?? []).some((n) => n.includes('</script>'))) {
    const notes = await page.textContent('.kk-notes');
    check('"</script>" in the data is shown as text, not run',
      notes.includes('</script><script>') && !injected);
  }
  check('the title is Japanese text', (await page.textContent('h1')) === report.title);

  // Print layout (A4 landscape, 10 mm margins: 277 mm = 1047 CSS px of content): no table
  // wider than the page, no cell cut off, headers repeated, a page per section.
  {
    const printPage = await context.newPage();
    await printPage.setViewportSize({ width: PRINT_WIDTH_PX, height: 800 });
    await printPage.emulateMedia({ media: 'print' });
    await printPage.goto(fileUrl, { waitUntil: 'load' });
    await printPage.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    const layout = await printPage.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const tables = [...document.querySelectorAll('table.kk-table')].map((t) => {
        const r = t.getBoundingClientRect();
        const cut = [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).length;
        return { id: t.closest('figure')?.id, right: Math.ceil(r.right), cut,
          thead: getComputedStyle(t.tHead).display,
          button: [...t.tHead.querySelectorAll('button')].some((b) => getComputedStyle(b).display !== 'none') };
      });
      const sections = [...document.querySelectorAll('section.kk-section')].map((s) => getComputedStyle(s).breakBefore);
      return { width, tables, sections };
    });
    const wide = layout.tables.filter((t) => t.right > layout.width || t.cut > 0);
    check(`printed on A4 landscape, no table wider than the page and no cell cut off (${layout.tables.length} tables)`,
      layout.tables.length >= blocks.filter((b) => b.kind === 'table').length && wide.length === 0,
      wide.map((t) => `${t.id}: right ${t.right} > ${layout.width} or ${t.cut} cells cut`).join('; '));
    check('printed tables repeat their header (a header group without form controls)',
      layout.tables.every((t) => t.thead === 'table-header-group' && !t.button));
    const printMaps = await printPage.$$eval('.kk-block--map', (figs) => figs.map((f) => ({
      n: f.querySelectorAll('.kk-print-map-item').length,
      shown: [...f.querySelectorAll('.kk-print-map-item canvas')].every((c) => c.getBoundingClientRect().height > 100),
    })));
    const maps = blocks.filter((b) => b.kind === 'map');
    check('in print, every metric of a map is drawn as its own map (no selector on paper)',
      printMaps.length === maps.length && maps.every((m, i) =>
        m.metrics.length === 1 || (printMaps[i].n === m.metrics.length && printMaps[i].shown)),
      JSON.stringify(printMaps));
    check('every section starts a printed page', layout.sections.length === report.sections.length &&
      layout.sections.every((b) => b === 'page'), layout.sections.join(' '));
    await printPage.close();
  }

  const screenshot = path.join(outDir, 'report.png');
  await page.screenshot({ path: screenshot, fullPage: true, timeout: 120000 });  // a long page under load
  console.log(`screenshot: ${screenshot}`);

  if (pdftotext) {
    // The page count Chromium's own print (as 「PDFに保存」) gives at the printed width.
    const p = await context.newPage();
    await p.setViewportSize({ width: PRINT_WIDTH_PX, height: 800 });
    await p.goto(fileUrl, { waitUntil: 'load' });
    await p.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    await p.pdf({ path: path.join(outDir, 'report-print.pdf'), preferCSSPageSize: true });
    await p.close();
  }

  check('no console errors or page errors', problems.length === 0, problems.join(' | '));
  check('no network requests besides the file itself', requests.length === 0, requests.join(' '));
} finally {
  await browser.close();
}

if (pdftotext) checkPdf();

finish();

// The PDF export: byte-identical on re-run, A4 landscape, the expected page count, the
// notice on every page, each section on a new page, no text outside the page's margins
// (a table cut off at the right edge would leave text there or lose it).
function checkPdf() {
  const bin = path.dirname(pdftotext);
  const pdfs = ['report-a.pdf', 'report-b.pdf'].map((n) => path.join(outDir, n));
  for (const pdf of pdfs) {
    try {
      execFileSync(kokuho, ['report-html', fixture, '--out', path.join(outDir, 'report-pdf.html'), '--pdf', pdf],
        { stdio: 'inherit' });
    } catch {
      check('kokuho report-html --pdf writes the PDF', false);
      return;
    }
  }
  const [a, b] = pdfs.map((f) => readFileSync(f));
  check('the PDF is byte-identical on re-run', a.equals(b), `${a.length} and ${b.length} bytes`);
  check('the PDF has no creation time left in it', !/CreationDate|ModDate/.test(a.toString('latin1')));
  const info = (f) => execFileSync(path.join(bin, 'pdfinfo'), [f]).toString();
  const pages = (f) => Number(/^Pages:\s+(\d+)/m.exec(info(f))?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info(pdfs[0]));
  const [w, h] = [Number(size?.[1]), Number(size?.[2])];
  check('PDF pages are A4 landscape', Math.abs(w - 841.9) < 2 && Math.abs(h - 595.3) < 2, `${w} × ${h} pt`);
  const n = pages(pdfs[0]);
  const expected = existsSync(path.join(outDir, 'report-print.pdf')) ? pages(path.join(outDir, 'report-print.pdf')) : NaN;
  check('the PDF has the page count of the browser\'s print', n === expected && n >= report.sections.length + 1,
    `${n} pages, print gives ${expected}, ${report.sections.length} sections`);
  const text = execFileSync(pdftotext, ['-layout', pdfs[0], '-']).toString();
  const pageTexts = text.split('\f').slice(0, n);
  const squash = (t) => t.replace(/\s+/g, '');
  if (report.notice)
    check('the notice is on every printed page', pageTexts.every((t) => squash(t).includes(squash(report.notice))),
      `${pageTexts.filter((t) => squash(t).includes(squash(report.notice))).length} of ${n} pages`);
  const firstLines = pageTexts.map((t) =>
    t.split('\n').map((l) => l.trim()).filter((l) => l && (!report.notice || squash(l) !== squash(report.notice)))[0] ?? '');
  const missing = report.sections.filter((s) => !firstLines.includes(s.title)).map((s) => s.title);
  check('every section starts a page of the PDF', missing.length === 0, missing.join(', '));
  // Words outside the 10 mm margins (1 pt of slack).
  const bbox = execFileSync(pdftotext, ['-bbox', pdfs[0], '-']).toString();
  const margin = (10 / 25.4) * 72;
  const outside = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</g)]
    .filter((m) => Number(m[1]) < margin - 1 || Number(m[2]) > w - margin + 1)
    .map((m) => `${m[3]}@${m[1]}-${m[2]}`);
  check('no text of the PDF lies outside the page margins (no table cut off)', outside.length === 0,
    outside.slice(0, 10).join(' '));
}
