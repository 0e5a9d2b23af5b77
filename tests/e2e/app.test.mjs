// Browser test of the local web app: starts `kokuho serve` on a free loopback port, opens
// every page in headless Chromium (the system's, through playwright-core from
// web/node_modules), moves the α slider and checks that the figures change, computes a
// household, downloads a CSV, and saves a screenshot per page.
//
//   node tests/e2e/app.test.mjs --kokuho build/kokuho --web web --case examples/gunma \
//     --rates examples/levy/rates-gunma-sample.csv \
//     [--scenario examples/gunma-roadmap/scenario.yaml] --out build/e2e-artifacts
//
// Prints one line per check and "N passed, N failed"; exits 1 when a check fails.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { checks, launchChromium, option } from './harness.mjs';


const kokuho = path.resolve(option('kokuho'));
const webDir = path.resolve(option('web'));
const casePath = path.resolve(option('case'));
const ratesPath = path.resolve(option('rates'));
const scenarioPath = option('scenario', '');  // optional: the municipality page's シナリオの推移
const outDir = path.resolve(option('out'));
const browserPath = option('chromium', '/usr/bin/chromium');
const CREDIT = '出典：国土交通省 国土数値情報（行政区域データ）を加工して作成';

const { check, finish } = checks();

mkdirSync(outDir, { recursive: true });

// Start the server on a free port and read the address it prints.
const serveArgs = ['serve', casePath, '--port', '0', '--rates', ratesPath];
if (scenarioPath) serveArgs.push('--scenario', path.resolve(scenarioPath));
const server = spawn(kokuho, serveArgs, {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stderr.on('data', (d) => (serverLog += d));
const base = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`kokuho serve did not start: ${out}`)), 20000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) {
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${m[1]}`);
    }
  });
  server.on('exit', (code) => reject(new Error(`kokuho serve exited (${code}): ${out}`)));
});
console.log(`server: ${base}`);

const browser = await launchChromium(webDir, browserPath, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const { context } = browser;

async function canvasInk(page, selector) {
  return page.$$eval(selector, (canvases) =>
    canvases.map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4)
        if (!(data[i + 3] === 0 || (data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250))) inked++;
      return inked / (c.width * c.height);
    }));
}

async function shot(page, name) {
  const file = path.join(outDir, `app-${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

try {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  const foreign = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
      foreign.push(r.url());
  });

  // 県の概要.
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="overview"]', { timeout: 20000 });
  await page.waitForTimeout(300);
  const title = await page.textContent('h1');
  check('overview: title in Japanese with 和暦', /群馬県 令和9年度/.test(title), title);
  const rows = await page.$$eval('#municipalities tbody tr', (trs) => trs.length);
  check('overview: a row per municipality', rows === 35, `${rows}`);
  const parts = await page.$$eval('#totals tbody tr', (trs) => trs.length);
  check('overview: totals per 分 and 合計', parts === 5, `${parts}`);
  const ink = await canvasInk(page, '#map canvas');
  check('overview: the map is drawn', ink.length >= 1 && ink[0] > 0.05, ink.map((x) => x.toFixed(3)).join(' '));
  const credit = await page.textContent('#map .kk-credit');
  check('overview: the map credit line is shown', credit === CREDIT, credit);
  await page.selectOption('#map-metric', 'epsilon');
  await page.waitForTimeout(200);
  const ink2 = await canvasInk(page, '#map canvas');
  check('overview: the map recolours for another figure', ink2[0] > 0.05 && ink2[0] !== ink[0]);
  await page.click('#municipalities thead th:nth-child(9) button');
  const sorted = await page.$$eval('#municipalities tbody tr td:nth-child(9)', (tds) => tds.map((td) => Number(td.dataset.value)));
  check('overview: the table sorts by a column', sorted.every((x, i) => i === 0 || x >= sorted[i - 1]));
  await shot(page, 'overview');

  // 市町村の詳細.
  await page.goto(`${base}/#/municipality/102024`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="municipality"]', { timeout: 20000 });
  const h1 = await page.textContent('h1');
  check('municipality: 高崎市 detail', h1.includes('高崎市'), h1);
  const rateRows = await page.$$eval('#rates tbody tr', (trs) => trs.length);
  check('municipality: three kinds of 標準保険料率 per 分', rateRows === 12, `${rateRows}`);
  const steps = await page.$$eval('#trace ol.trace li', (lis) => lis.length);
  check('municipality: the derivation (trace) is shown', steps > 10, `${steps} steps`);
  const kpis = await page.$$eval('#kpi .kpi', (ks) => ks.length);
  check('municipality: KPIs', kpis >= 6, `${kpis}`);
  if (scenarioPath) {
    const historyRows = await page.$$eval('#history tbody tr', (trs) => trs.length);
    check('municipality: シナリオの推移 has a row per scenario year', historyRows === 7, `${historyRows}`);
    const historyInk = await canvasInk(page, '#history canvas');
    check('municipality: the scenario chart is drawn', historyInk.length >= 1 && historyInk[0] > 0.01, historyInk.map((x) => x.toFixed(3)).join(' '));
  }
  await shot(page, 'municipality');

  // シナリオ: move the α slider; the figures change.
  await page.goto(`${base}/#/scenario`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="scenario"]', { timeout: 20000 });
  await page.waitForTimeout(300);
  const cellOf = () =>
    page.$$eval('#scenario-table tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.cells[0].dataset.value, Number(tr.cells[9].dataset.value)])));
  const before = await cellOf();
  const chartBefore = await canvasInk(page, '#winners-losers canvas');
  await page.fill('#ctl-alpha', '0');
  await page.waitForFunction(() => Number(document.querySelector('#recompute-status')?.dataset.generation ?? 0) >= 1, null, { timeout: 10000 });
  await page.waitForTimeout(300);
  const after = await cellOf();
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]).length;
  check('scenario: moving α changes the 1人当たり保険料 of municipalities', changed > 10, `${changed} of 35 changed`);
  const chartAfter = await canvasInk(page, '#winners-losers canvas');
  check('scenario: the winners/losers chart is drawn after the change', chartAfter[0] > chartBefore[0], `${chartBefore[0].toFixed(3)} → ${chartAfter[0].toFixed(3)}`);
  // Latency of one more move, measured by the page (request + engine + redraw).
  const times = [];
  const fetches = [];
  for (const v of ['0.25', '0.5', '0.1', '0.9', '0.35', '0.8', '0.15', '0.7', '0.45', '0.6']) {
    const gen = Number(await page.getAttribute('#recompute-status', 'data-generation'));
    await page.fill('#ctl-alpha', v);
    await page.waitForFunction((g) => Number(document.querySelector('#recompute-status')?.dataset.generation ?? 0) > g, gen, { timeout: 10000 });
    times.push(Number(await page.getAttribute('#recompute-status', 'data-ms')));
    fetches.push(Number(await page.getAttribute('#recompute-status', 'data-fetch-ms')));
  }
  times.sort((a, b) => a - b);
  fetches.sort((a, b) => a - b);
  check('scenario: recompute and redraw under 200 ms (median)', times[5] < 200,
    `total ${times.map((t) => t.toFixed(0)).join(' ')} ms; request+engine ${fetches.map((t) => t.toFixed(0)).join(' ')} ms`);
  await page.fill('#scenario-name', 'α=0.6');
  await page.click('#save-scenario');
  const compareCols = await page.$$eval('#compare thead th', (ths) => ths.length);
  check('scenario: a saved scenario appears in the comparison', compareCols === 5, `${compareCols} columns`);
  const bad = (await fetch(`${base}/api/compute`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"alpha": 3}' })).status;
  check('scenario: an out-of-range α is refused with 422', bad === 422, `${bad}`);
  await shot(page, 'scenario');
  await page.screenshot({ path: path.join(outDir, 'app-scenario-view.png') });  // the README's picture

  // 世帯の保険料.
  await page.goto(`${base}/#/household`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="household"]', { timeout: 20000 });
  await page.click('#compute-levy');
  await page.waitForSelector('body[data-levy="done"]', { timeout: 10000 });
  const total = await page.textContent('#levy-total');
  check('household: the model family in 前橋市 令和8年度 pays 580,800円', total === '580,800円', total);
  const items = await page.$$eval('#levy-table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  check('household: 所得割, 均等割, 平等割, 軽減 and 賦課限度額 rows',
    ['所得割', '均等割', '平等割', '未就学児均等割軽減', '賦課限度額'].every((x) => items.includes(x)), items.join(','));
  const explained = await page.$$eval('#levy-explanation li', (lis) => lis.length);
  check('household: the explanation is shown', explained > 5, `${explained}`);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10000 }),
    page.click('#levy-table button[data-format="csv"]'),
  ]);
  const csvPath = path.join(outDir, 'app-levy.csv');
  await download.saveAs(csvPath);
  const csv = readFileSync(csvPath);
  check('household: the CSV download has a BOM and the table', csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf && csv.toString('utf8').includes('所得割'), `${csv.length} bytes`);
  const [xlsx] = await Promise.all([
    page.waitForEvent('download', { timeout: 10000 }),
    page.click('#levy-table button[data-format="xlsx"]'),
  ]);
  const xlsxPath = path.join(outDir, 'app-levy.xlsx');
  await xlsx.saveAs(xlsxPath);
  const xbytes = readFileSync(xlsxPath);
  check('household: the xlsx download is a workbook', xbytes[0] === 0x50 && xbytes[1] === 0x4b, `${xbytes.length} bytes`);
  await shot(page, 'household');

  check('no console errors or page errors', problems.length === 0, problems.join(' | '));
  check('no requests beyond the local server', foreign.length === 0, foreign.join(' '));
  check('the server log holds no household figures', !serverLog.includes('4800000') && !serverLog.includes('salary'), '');
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

finish();
