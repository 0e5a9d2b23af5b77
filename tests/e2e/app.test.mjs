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

import { checks, launchChromium, option, serveAddress } from './harness.mjs';


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
const base = await serveAddress(server, 20000);
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
  await page.screenshot({ path: file, fullPage: true, timeout: 120000 });  // a long page under load
  console.log(`screenshot: ${file}`);
}

try {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  const foreign = [];
  // The bad-input checks below make the server answer 400/422 on purpose; Chromium logs each
  // such answer as a console error, which is expected there and nowhere else.
  let refusalsExpected = 0;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (refusalsExpected > 0 && /status of 4(00|22)/.test(m.text())) {
      refusalsExpected--;
      return;
    }
    problems.push(`console.error: ${m.text()}`);
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
    // The case (令和9年度 as given) and the scenario's 令和9年度 (準統一) differ: the page says
    // both figures and why.
    const why = (await page.textContent('#case-vs-scenario')) ?? '';
    const kpiNofukin = (await page.textContent('#kpi .kpi-value')) ?? '';
    check('municipality: the two 令和9年度 figures are explained on the page',
      why.includes('令和9年度の値が2つあります') && why.includes(kpiNofukin) && why.includes('「準統一」'), why.slice(0, 200));
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
  // Speed is measured, not asserted (a loaded CI machine is not a benchmark): every move
  // must recompute and redraw; the latencies are printed for the record.
  check('scenario: each of 10 moves recomputes and redraws', times.length === 10 && times.every((t) => Number.isFinite(t) && t > 0),
    `total ${times.map((t) => t.toFixed(0)).join(' ')} ms; request+engine ${fetches.map((t) => t.toFixed(0)).join(' ')} ms (median ${times[5].toFixed(0)} ms)`);
  await page.fill('#scenario-name', 'α=0.6');
  await page.click('#save-scenario');
  const compareCols = await page.$$eval('#compare thead th', (ths) => ths.length);
  check('scenario: a saved scenario appears in the comparison', compareCols === 5, `${compareCols} columns`);
  const bad = (await fetch(`${base}/api/compute`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"alpha": 3}' })).status;
  check('scenario: an out-of-range α is refused with 422', bad === 422, `${bad}`);
  // A refused value: the message in Japanese beside the box, the box and the slider back at
  // the last accepted value, the figures those of that value (not recomputed).
  const alphaState = () => page.evaluate(() => ({
    box: document.querySelector('#ctl-alpha-num').value,
    slider: document.querySelector('#ctl-alpha').value,
    invalid: document.querySelector('#ctl-alpha-num').getAttribute('aria-invalid'),
    error: document.querySelector('#ctl-alpha-num-error')?.textContent ?? '',
    status: document.querySelector('#recompute-status').textContent,
  }));
  const typeAlpha = async (text) => {
    const gen = Number(await page.getAttribute('#recompute-status', 'data-generation'));
    await page.fill('#ctl-alpha-num', text);
    await page.press('#ctl-alpha-num', 'Enter');
    await page.locator('#ctl-alpha-num').blur();
    await page.waitForFunction((g) => Number(document.querySelector('#recompute-status')?.dataset.generation ?? 0) > g, gen, { timeout: 10000 });
    await page.waitForTimeout(100);
  };
  const beforeBad = await cellOf();
  const acceptedAlpha = (await alphaState()).slider;
  refusalsExpected += 2;
  await typeAlpha('1.5');
  let st = await alphaState();
  check('scenario: α = 1.5 is refused in Japanese beside its box, naming the value and the range',
    st.error.startsWith('α (医療費指数反映係数): 1.5 は範囲外です。0以上1以下の値を入力してください') && st.invalid === 'true', st.error);
  check('scenario: after α = 1.5 the box and the slider agree on the last accepted value',
    st.box === acceptedAlpha && st.slider === acceptedAlpha, `box ${st.box}, slider ${st.slider}, accepted ${acceptedAlpha}`);
  let afterBad = await cellOf();
  check('scenario: after α = 1.5 the figures are those of the accepted value',
    Object.keys(beforeBad).every((k) => beforeBad[k] === afterBad[k]));
  check('scenario: the status says the input was not taken and the figures are unchanged',
    st.status.includes('入力は受け付けられず、図表は直前の値') && st.status.includes(`α=${acceptedAlpha}`), st.status);
  await page.screenshot({ path: path.join(outDir, 'app-scenario-refused.png') });
  await typeAlpha('abc');
  st = await alphaState();
  check('scenario: α = "abc" is refused: 「abc」は数として読めません',
    st.error.startsWith('α (医療費指数反映係数): 「abc」は数として読めません。') && st.box === acceptedAlpha && st.slider === acceptedAlpha, `${st.error} / ${st.box}`);
  await typeAlpha('０．２');  // 全角: read as 0.2
  st = await alphaState();
  afterBad = await cellOf();
  check('scenario: α = ０．２ (全角) is accepted: no message, box and slider at 0.2, figures recomputed',
    st.error === '' && st.invalid === null && st.box === '0.2' && st.slider === '0.2' &&
      Object.keys(beforeBad).some((k) => beforeBad[k] !== afterBad[k]), `${st.box} ${st.slider} ${st.error}`);
  await typeAlpha('60%');
  st = await alphaState();
  check('scenario: α = 60% is read as 0.6', st.box === '0.6' && st.slider === '0.6' && st.error === '', `${st.box} ${st.slider}`);

  // β′: 0 is outside (0, 3]; 2.5 is inside but beyond the slider's usual span (0.3–2), which
  // widens so that box and slider still agree.
  const betaState = () => page.evaluate(() => ({
    box: document.querySelector('#ctl-beta_prime-num').value,
    slider: document.querySelector('#ctl-beta_prime').value,
    on: document.querySelector('#ctl-beta_prime-on').checked,
    error: document.querySelector('#ctl-beta_prime-num-error')?.textContent ?? '',
  }));
  const typeInto = async (sel, text) => {
    const gen = Number(await page.getAttribute('#recompute-status', 'data-generation'));
    await page.fill(sel, text);
    await page.press(sel, 'Enter');
    await page.locator(sel).blur();
    await page.waitForFunction((g) => Number(document.querySelector('#recompute-status')?.dataset.generation ?? 0) > g, gen, { timeout: 10000 });
    await page.waitForTimeout(100);
  };
  const betaBefore = await betaState();
  refusalsExpected += 1;
  await typeInto('#ctl-beta_prime-num', '0');
  let bs = await betaState();
  check('scenario: β′ = 0 is refused beside its box with the range 0より大きく3以下, box and slider back, switch off as before',
    bs.error.startsWith('β′ (所得係数): 0 は範囲外です。0より大きく3以下の値を入力してください') && bs.box === betaBefore.box && bs.slider === betaBefore.slider &&
      Number(bs.box) === Number(bs.slider) && bs.on === betaBefore.on,
    `${bs.error} / ${bs.box} ${bs.slider} ${bs.on}`);
  await typeInto('#ctl-beta_prime-num', '2.5');
  bs = await betaState();
  check('scenario: β′ = 2.5 is accepted and the slider reaches it', bs.error === '' && bs.box === '2.5' && bs.slider === '2.5' && bs.on, `${bs.box} ${bs.slider}`);
  await page.uncheck('#ctl-beta_prime-on');
  await page.waitForTimeout(300);

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
  // 期別: 10 納期 of 1,000円 units by default: 第1期 58,800円, 第2〜10期 58,000円, Σ = 580,800円.
  const inst = await page.$$eval('#levy-instalments tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
  check('household: 期別 in 10 納期, fractions in 第1期, summing to the year',
    inst.length === 11 && inst[0][1] === '58,800' && inst[9][1] === '58,000' && inst[10][1] === '580,800', JSON.stringify(inst.slice(0, 2)));
  // 前年度との比較: 令和7年度 and 令和8年度 side by side.
  const cmpHead = await page.$$eval('#levy-compare thead th', (ths) => ths.map((t) => t.textContent));
  const cmpTotal = await page.$$eval('#levy-compare tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)).find((r) => r[0] === '年税額・年保険料額'));
  check('household: last year and this year compared', cmpHead.some((h) => h.startsWith('令和7年度')) && cmpHead.some((h) => h.startsWith('令和8年度')) && cmpTotal?.[2] === '580,800',
    `${cmpHead.join('|')} ${cmpTotal?.join('|')}`);
  // The rows keep the levy table's order: 18歳未満均等割軽減 (from 令和8年度 only, "—" the year
  // before) stands with the other reductions above 小計, not after the total.
  const cmpLabels = await page.$$eval('#levy-compare tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  const levyLabels = await page.$$eval('#levy-table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  check('household: 前年度との比較 lists the rows in the order of the levy table',
    cmpLabels.includes('18歳未満均等割軽減') && JSON.stringify(cmpLabels.filter((l) => levyLabels.includes(l))) === JSON.stringify(levyLabels),
    cmpLabels.join(','));

  // Amounts are grouped as they are typed.
  const salary0 = page.locator('#members tbody tr:nth-child(1) input.salary');
  await salary0.fill('');
  await salary0.pressSequentially('4800000');
  check('household: 4800000 typed shows as 4,800,000', (await salary0.inputValue()) === '4,800,000', await salary0.inputValue());

  // Bad input: the message in Japanese beside the box; the result marked as not recomputed.
  const errorBeside = (sel) => page.evaluate((s) => document.querySelector(s)?.closest('td')?.querySelector('.field-error')?.textContent ?? '', sel);
  const age2 = page.locator('#members tbody tr:nth-child(2) input.age');
  await age2.fill('80');
  await age2.blur();
  check('household: age 80 is named beside its box in Japanese',
    (await errorBeside('#members tbody tr:nth-child(2) input.age')) === '80歳は国保に加入できる年齢ではありません (75歳以上は後期高齢者医療)。0〜74の整数で入力してください',
    await errorBeside('#members tbody tr:nth-child(2) input.age'));
  const business2 = page.locator('#members tbody tr:nth-child(2) input.business');
  await business2.fill('12x');
  await business2.blur();
  check('household: "12x" as an amount is named beside its box',
    (await errorBeside('#members tbody tr:nth-child(2) input.business')) === '「12x」は金額として読めません。0以上の整数 (円) で入力してください (例: 4,800,000)');
  await page.click('#compute-levy');
  await page.waitForSelector('body[data-levy="refused"]', { timeout: 10000 });
  check('household: the form says how many boxes to fix', ((await page.textContent('#levy-form-status')) ?? '').startsWith('入力に誤りが2か所あります'), await page.textContent('#levy-form-status'));
  check('household: the earlier result is marked as not recomputed',
    (await page.getAttribute('#levy-result', 'data-state')) === 'stale' && ((await page.textContent('#levy-result .stale-note')) ?? '').includes('再計算していません'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outDir, 'app-household-refused.png') });
  await age2.fill('40');
  await age2.blur();
  await business2.fill('0');
  await business2.blur();

  // A refusal only the server can make (離職日 at 65 or over): shown beside the 離職日 box.
  const row1 = '#members tbody tr:nth-child(1)';
  await page.fill(`${row1} input.age`, '70');
  await page.selectOption(`${row1} select.reason`, '11');
  await page.fill(`${row1} input.separation`, '2026-03-31');
  refusalsExpected += 1;
  await page.click('#compute-levy');
  await page.waitForSelector('body[data-levy="refused"]', { timeout: 10000 });
  check('household: the server\'s refusal is shown beside the box it names',
    (await errorBeside(`${row1} input.separation`)) === '1人目の離職日: 非自発的失業者の軽減は離職日に65歳未満の人が対象です',
    await errorBeside(`${row1} input.separation`));

  // 非自発的失業 (離職理由 11, 令和8年3月31日): the 給与所得 counts as 30/100, so the levy falls.
  await page.fill(`${row1} input.age`, '42');
  await page.click('#compute-levy');
  await page.waitForSelector('body[data-levy="done"]', { timeout: 10000 });
  const unemployed = Number(((await page.textContent('#levy-total')) ?? '').replace(/[^\d]/g, ''));
  check('household: 非自発的失業 lowers the levy of the model family', unemployed > 0 && unemployed < 580800, `${unemployed}`);
  await page.selectOption(`${row1} select.reason`, '');

  // 擬制世帯主: the head not in 国保 (no 均等割 for them; still counted for the 軽減判定).
  await page.uncheck(`${row1} input.insured`);
  await page.click('#compute-levy');
  await page.waitForSelector('body[data-levy="done"]', { timeout: 10000 });
  const giji = Number(((await page.textContent('#levy-total')) ?? '').replace(/[^\d]/g, ''));
  check('household: a 擬制世帯主 household pays less than when the head is insured', giji > 0 && giji < 580800, `${giji}`);
  const otherNotInsured = page.locator('#members tbody tr:nth-child(2) input.insured');
  await otherNotInsured.uncheck();
  check('household: only the head may be outside 国保 (said beside the box)',
    ((await errorBeside('#members tbody tr:nth-child(2) input.insured')) ?? '').startsWith('国保に加入していない人を入力できるのは世帯主 (擬制世帯主) だけです'));
  await otherNotInsured.check();
  await page.check(`${row1} input.insured`);

  // 資産割: 上野村 levies it (4方式); a 固定資産税額 adds a 資産割 row.
  await page.selectOption('#levy-municipality', '103667');
  await page.fill(`${row1} input.asset`, '100000');
  await page.click('#compute-levy');
  await page.waitForSelector('body[data-levy="done"]', { timeout: 10000 });
  const assetRow = await page.$$eval('#levy-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)).find((r) => r[0] === '資産割'));
  check('household: 固定資産税額 gives a 資産割 in 上野村', assetRow != null && assetRow[assetRow.length - 1] !== '0', assetRow?.join('|'));
  await page.selectOption('#levy-municipality', '102016');
  await page.fill(`${row1} input.asset`, '0');

  await shot(page, 'household');

  check('no console errors or page errors', problems.length === 0, problems.join(' | '));
  check('no requests beyond the local server', foreign.length === 0, foreign.join(' '));
  check('the server log holds no household figures', !serverLog.includes('4800000') && !serverLog.includes('salary'), '');
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

finish();
