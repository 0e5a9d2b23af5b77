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
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { checks, launchChromium, option } from './harness.mjs';


const kokuho = path.resolve(option('kokuho'));
const webDir = path.resolve(option('web'));
const fixture = path.resolve(option('fixture'));
const outDir = path.resolve(option('out'));
const browserPath = option('chromium', '/usr/bin/chromium');
const CREDIT = '出典：国土交通省 国土数値情報（行政区域データ）を加工して作成';

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

  const expectedCharts = blocks.filter((b) => ['line', 'bar', 'map'].includes(b.kind)).length;
  const charts = await canvasStats('.kk-chart canvas');
  check('every line/bar/map block has a canvas', charts.length === expectedCharts,
    `${charts.length} canvases for ${expectedCharts} blocks`);
  check('every canvas has a non-zero size', charts.every((c) => c.w > 100 && c.h > 100),
    charts.map((c) => `${Math.round(c.w)}×${Math.round(c.h)}`).join(' '));
  check('every canvas is drawn', charts.every((c) => c.inked > 0.01),
    charts.map((c) => c.inked.toFixed(3)).join(' '));

  const maps = blocks.filter((b) => b.kind === 'map');
  const mapBefore = await canvasStats('.kk-block--map canvas');
  check('the map is drawn', mapBefore.length === maps.length && mapBefore.every((c) => c.inked > 0.05),
    mapBefore.map((c) => c.inked.toFixed(3)).join(' '));
  const credits = await page.$$eval('.kk-block--map .kk-credit', (els) =>
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
    const mapAfter = await canvasStats('.kk-block--map canvas');
    const captionAfter = await page.textContent('.kk-block--map .kk-map-metric');
    check('choosing another metric redraws the map',
      mapAfter[0].hash !== mapBefore[0].hash && captionAfter !== captionBefore &&
        captionAfter.includes(maps[0].metrics[1].label), captionAfter);
    await select.selectOption('0');
    await page.waitForTimeout(200);
  }

  // The scrolling legend of a chart with many series toggles a series.
  const manyId = blocks.find((b) => b.kind === 'line' && b.series.length > 10)?.id;
  if (manyId) {
    const sel = `[id="${manyId}"]`;
    const items = await page.$$(`${sel} .kk-legend-list input[type=checkbox]`);
    const scrolls = await page.$eval(`${sel} .kk-legend-list`, (e) => getComputedStyle(e).overflowY);
    check('a chart with many series has a scrolling legend',
      items.length === blocks.find((b) => b.id === manyId).series.length && scrolls === 'auto');
    const before = await canvasStats(`${sel} canvas`);
    await page.click(`${sel} .kk-legend-tools button:nth-child(2)`);  // すべて非表示
    await page.waitForTimeout(300);
    const hidden = await canvasStats(`${sel} canvas`);
    await items[0].check();
    await page.waitForTimeout(300);
    const one = await canvasStats(`${sel} canvas`);
    check('the legend toggles series',
      hidden[0].hash !== before[0].hash && one[0].hash !== hidden[0].hash && one[0].inked < before[0].inked);
    await page.click(`${sel} .kk-legend-tools button:nth-child(1)`);  // すべて表示
    await page.waitForTimeout(300);
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

  const screenshot = path.join(outDir, 'report.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  check('no console errors or page errors', problems.length === 0, problems.join(' | '));
  check('no network requests besides the file itself', requests.length === 0, requests.join(' '));
} finally {
  await browser.close();
}

finish();
