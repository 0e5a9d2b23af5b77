// The web app's first page load in headless Chromium (issue 14: under 300 ms on loopback),
// timed against fetching the same files with Node's own HTTP client in the same run.
//
//   node bench/web_first_load.mjs --kokuho build/kokuho --web web --case examples/gunma \
//     [--rates examples/levy/rates-gunma-sample.csv] [--runs 7]
//
// Each run opens a fresh browser context (no cache) on `/` and waits for the page's own
// "ready" figure: the 納付金 table filled from /api/compute. It prints, per run and as
// medians: navigation to DOMContentLoaded and to load (Navigation Timing), the time until the
// table shows figures, and the bytes transferred; then the same files fetched by Node
// (http.get, keep-alive) as the baseline of the transport alone.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

import { launchChromium, option, serveAddress } from '../tests/e2e/harness.mjs';

const kokuho = path.resolve(option('kokuho'));
const webDir = path.resolve(option('web'));
const casePath = path.resolve(option('case'));
const ratesPath = option('rates', '');
const runs = Number(option('runs', '7'));
const browserPath = option('chromium', '/usr/bin/chromium');

const serveArgs = ['serve', casePath, '--port', '0'];
if (ratesPath) serveArgs.push('--rates', path.resolve(ratesPath));
const server = spawn(kokuho, serveArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
const tStart = Date.now();
if (process.env.SHOW_LOG) server.stderr.on('data', (d) => process.stdout.write(`[${Date.now() - tStart} ms] ${d}`));
const base = await serveAddress(server);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launchChromium(webDir, browserPath, { viewport: { width: 1280, height: 900 } });
const rows = [];
const urls = new Set();
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.context.newPage();
    const client = await browser.context.newCDPSession(page);
    await client.send('Network.clearBrowserCache');
    await client.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    page.on('response', async (r) => {
      if (r.url().startsWith(base)) urls.add(r.url());
    });
    page.on('requestfinished', async (req) => {
      const s = await req.sizes().catch(() => null);
      if (s) bytes += s.responseBodySize + s.responseHeadersSize;
    });
    const t0 = Date.now();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    // The overview's table is filled once /api/compute has answered and the page has drawn.
    await page.waitForFunction(() => /[0-9],[0-9]{3}/.test(document.querySelector('table')?.textContent ?? ''),
      null, { timeout: 30000 });
    const ready = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').map((r) => ({
        name: r.name.replace(/^.*\//, ''), start: r.requestStart, ttfb: r.responseStart, end: r.responseEnd }));
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, ttfb: n.responseStart, res };
    });
    for (const r of nav.res)
      console.log(`    ${r.name}: request ${r.start.toFixed(0)} → first byte ${r.ttfb.toFixed(0)} → end ${r.end.toFixed(0)} ms`);
    rows.push({ dcl: nav.dcl, load: nav.load, ready, bytes });
    console.log(`run ${i + 1}: DOMContentLoaded ${nav.dcl.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms, ` +
      `figures shown ${ready} ms, ${bytes} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}

// Baseline: the same URLs through Node's HTTP client, one keep-alive connection, in series.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const fetchAll = async () => {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const u of urls) {
    n += await new Promise((resolve, reject) => {
      http.get(u, { agent }, (res) => {
        let len = 0;
        res.on('data', (c) => (len += c.length));
        res.on('end', () => resolve(len));
      }).on('error', reject);
    });
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes: n };
};
const base_runs = [];
for (let i = 0; i < runs; i++) base_runs.push(await fetchAll());
server.kill('SIGTERM');

console.log(`median of ${runs}: DOMContentLoaded ${median(rows.map((r) => r.dcl)).toFixed(0)} ms, ` +
  `load ${median(rows.map((r) => r.load)).toFixed(0)} ms, figures shown ${median(rows.map((r) => r.ready))} ms`);
console.log(`baseline (Node http.get of the same ${urls.size} URLs, in series): ` +
  `${median(base_runs.map((r) => r.ms)).toFixed(1)} ms for ${base_runs[0].bytes} bytes`);
