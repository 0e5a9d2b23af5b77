// The pictures of docs/images/: every page of the web app (`kokuho serve` on the bundled
// sample) and the printed HTML reports (`kokuho report` of the roadmap, the 仮係数 → 確定係数
// comparison and one 説明資料 of `kokuho handout`), taken in the system's headless Chromium
// (through playwright-core from web/node_modules, as the browser tests) at a fixed viewport
// and device scale, from deterministic inputs (the bundled cases, `kokuho synth --seed 1`), so
// that a re-run draws the same pictures. Not a test: it asserts only that each page reached
// the state it pictures, and exits 1 when one did not. Run it through scripts/screenshots.sh:
//
//   node tests/e2e/screenshots.mjs --kokuho build/kokuho --web web --examples examples \
//     --out docs/images [--chromium /usr/bin/chromium] [--only NAME,NAME]
//
// Prints one line per picture (its name, size in pixels and bytes).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium, option, serveAddress } from './harness.mjs';

const kokuho = path.resolve(option('kokuho'));
const webDir = path.resolve(option('web'));
const examples = path.resolve(option('examples'));
const outDir = path.resolve(option('out'));
const browserPath = option('chromium', '/usr/bin/chromium');
const only = new Set(option('only', '').split(',').filter(Boolean));
// Every picture, by its file name in docs/images/ (without .png).
const NAMES = ['web-app-overview', 'web-app-municipality', 'web-app-municipality-history',
  'web-app-municipality-trace', 'web-app-scenario', 'web-app-scenario-map', 'web-app-scenario-refused', 'web-app-household',
  'web-app-household-result', 'web-app-household-refused', 'report-roadmap', 'report-roadmap-households',
  'report-roadmap-map', 'handout-maebashi', 'nofukin-diff'];
for (const name of only) {
  if (!NAMES.includes(name)) {
    console.error(`--only: no picture named ${name} (the names: ${NAMES.join(', ')})`);
    process.exit(2);
  }
}

// One viewport and scale for every picture of the app: a common laptop screen at scale 1
// (sharp enough to read, small files). The printed reports use the A4 landscape content
// width inside the print CSS's 10 mm margins, as tests/e2e/report.test.mjs measures it.
const VIEWPORT = { width: 1280, height: 800 };
const PRINT_WIDTH_PX = Math.floor(((297 - 20) / 25.4) * 96);
const PRINT_HEIGHT_PX = Math.floor(((210 - 24) / 25.4) * 96);
// A picture larger than this is a sign that a crop went wrong (docs/ keeps them small).
const MAX_BYTES = 250 * 1024;
// pngquant (Debian package pngquant, installed by scripts/install-deps.sh --screenshots) makes
// the PNGs about a third of their size; without it they are written as Chromium draws them.
const PNGQUANT = ['/usr/bin/pngquant'].find((p) => existsSync(p));

mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'kokuho-shots-'));
let failures = 0;
const wanted = (name) => only.size === 0 || only.has(name);

/** Runs kokuho; its notes (carried-forward values …) are printed only when it fails. */
function run(args) {
  try {
    execFileSync(kokuho, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    process.stderr.write(e.stderr ?? '');
    throw new Error(`kokuho ${args[0]} failed (exit ${e.status})`);
  }
}

/** Fails the run (the picture is still written, to be looked at) unless `ok`. */
function expect(name, ok, detail = '') {
  if (ok) return;
  failures++;
  console.log(`FAIL ${name}${detail ? ` — ${detail}` : ''}`);
}

/**
 * Writes docs/images/NAME.png: the element `selector` (or the whole page) from its top down to
 * the element `until` or at most `height` CSS px, then reduced to a 256-colour palette by pngquant (deterministic:
 * the same page gives the same file) when it is installed.
 */
async function shot(page, name, { selector, height, until, style } = {}) {
  const file = path.join(outDir, `${name}.png`);
  // The page is taken whole and clipped, so that a sticky header stays at the top of the
  // document instead of being painted over the element (as an element screenshot, which
  // scrolls, would show it).
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.evaluate(([sel, end]) => {
    const e = sel ? document.querySelector(sel) : document.documentElement;
    if (!e) return null;
    const r = e.getBoundingClientRect();
    const b = sel ? { x: r.left, y: r.top, width: r.width, height: r.height }
      : { x: 0, y: 0, width: e.clientWidth, height: e.scrollHeight };
    // `until`: up to (not including) that element.
    const stop = end ? document.querySelector(end) : null;
    if (stop) b.height = stop.getBoundingClientRect().top - b.y;
    return b;
  }, [selector ?? null, until ?? null]);
  if (!box) throw new Error(`${name}: no element ${selector}`);
  const clip = { x: Math.floor(box.x), y: Math.floor(box.y), width: Math.ceil(box.width),
    height: Math.ceil(Math.min(box.height, height ?? box.height)) };
  await page.screenshot({ path: file, fullPage: true, clip, animations: 'disabled', caret: 'hide', style });
  if (PNGQUANT) {
    execFileSync(PNGQUANT, ['--force', '--strip', '--speed', '1', '--output', file, '256', '--', file]);
  }
  const bytes = statSync(file).size;
  console.log(`${name}.png  ${clip.width}×${clip.height}  ${bytes.toLocaleString('en')} bytes`);
  expect(`${name}.png is at most ${MAX_BYTES} bytes`, bytes <= MAX_BYTES, `${bytes}`);
}

// Hides the run-to-run time of the scenario page's recompute status (…ms); the text keeps
// its place so the layout is that of the page.
const HIDE_TIMING = '#recompute-status:not(.error) { visibility: hidden; }';

// ---------------------------------------------------------------------------------------
// The web app.
async function webApp(context) {
  const serveArgs = ['serve', path.join(examples, 'gunma'), '--port', '0', '--quiet',
    '--rates', path.join(examples, 'levy', 'rates-gunma-sample.csv'),
    '--scenario', path.join(examples, 'gunma-roadmap', 'scenario.yaml')];
  const server = spawn(kokuho, serveArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await serveAddress(server);
    const page = context.pages()[0] ?? (await context.newPage());
    const open = async (hash, ready) => {
      await page.goto(`${base}/${hash}`, { waitUntil: 'load' });
      await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 30000 });
      await page.waitForTimeout(300);
    };

    if (wanted('web-app-overview')) {
      await open('', 'overview');
      await shot(page, 'web-app-overview', { height: 1400 });
    }

    if (wanted('web-app-municipality') || wanted('web-app-municipality-history') || wanted('web-app-municipality-trace')) {
      await open('#/municipality/102024', 'municipality');
      if (wanted('web-app-municipality')) await shot(page, 'web-app-municipality', { height: 1200 });
      if (wanted('web-app-municipality-history')) await shot(page, 'web-app-municipality-history', { selector: '#history' });
      if (wanted('web-app-municipality-trace')) {
        // 算定過程: its first steps (the 医療分 is open; the other 分 are folded below).
        await shot(page, 'web-app-municipality-trace', { selector: '#trace', height: 1100 });
      }
    }

    if (wanted('web-app-scenario') || wanted('web-app-scenario-map') || wanted('web-app-scenario-refused')) {
      await open('#/scenario', 'scenario');
      const generation = () => page.getAttribute('#recompute-status', 'data-generation').then(Number);
      const typeInto = async (sel, text) => {
        const gen = await generation();
        await page.fill(sel, text);
        await page.press(sel, 'Enter');
        await page.locator(sel).blur();
        await page.waitForFunction((g) => Number(document.querySelector('#recompute-status')?.dataset.generation ?? 0) > g, gen, { timeout: 15000 });
        await page.waitForTimeout(300);
      };
      // α moved from the case's 0.75 to 0.6: the README's picture.
      await typeInto('#ctl-alpha-num', '0.6');
      if (wanted('web-app-scenario')) {
        await shot(page, 'web-app-scenario', { height: VIEWPORT.height, style: HIDE_TIMING });
      }
      // Its map: the change of 1人当たり保険料, on the diverging scale centred on 0.
      if (wanted('web-app-scenario-map')) await shot(page, 'web-app-scenario-map', { selector: '#scenario-map' });
      // α = 1.5: refused beside its box, box and slider back at 0.6.
      await typeInto('#ctl-alpha-num', '1.5');
      const error = (await page.textContent('#ctl-alpha-num-error')) ?? '';
      expect('scenario: α = 1.5 refused in Japanese', error.includes('1.5 は範囲外です'), error);
      if (wanted('web-app-scenario-refused')) {
        await shot(page, 'web-app-scenario-refused', { height: VIEWPORT.height, style: HIDE_TIMING });
      }
    }

    if (wanted('web-app-household') || wanted('web-app-household-result') || wanted('web-app-household-refused')) {
      await open('#/household', 'household');
      await page.click('#compute-levy');
      await page.waitForSelector('body[data-levy="done"]', { timeout: 15000 });
      await page.waitForTimeout(200);
      const total = await page.textContent('#levy-total');
      expect('household: the model family pays 580,800円', total === '580,800円', total);
      if (wanted('web-app-household')) await shot(page, 'web-app-household', { height: 1300 });
      if (wanted('web-app-household-result')) {
        // 期別 and 前年度との比較, side by side as they stand on the page.
        await shot(page, 'web-app-household-result', { selector: '#levy-result', until: '#levy-explanation' });
      }
      if (wanted('web-app-household-refused')) {
        const age2 = page.locator('#members tbody tr:nth-child(2) input.age');
        await age2.fill('80');
        await age2.blur();
        const business2 = page.locator('#members tbody tr:nth-child(2) input.business');
        await business2.fill('12x');
        await business2.blur();
        await page.click('#compute-levy');
        await page.waitForSelector('body[data-levy="refused"]', { timeout: 15000 });
        await page.waitForTimeout(200);
        await shot(page, 'web-app-household-refused', { height: VIEWPORT.height });
      }
    }
  } finally {
    server.kill('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------
// The printed reports: opened as the browser prints them (A4 landscape content width).
async function printed(context, file, name, { height, selector } = {}) {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: PRINT_WIDTH_PX, height: PRINT_HEIGHT_PX });
    await page.emulateMedia({ media: 'print' });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    await page.waitForTimeout(300);
    await shot(page, name, { height, selector });
  } finally {
    await page.close();
  }
}

async function reports(context) {
  if (wanted('report-roadmap') || wanted('report-roadmap-households') || wanted('report-roadmap-map')) {
    // The README's synthetic population (seed 1, the case's 228,164 households).
    const pop = path.join(work, 'pop.kpop');
    run(['synth', '--case', path.join(examples, 'gunma'), '--seed', '1', '--out', pop]);
    const dir = path.join(work, 'roadmap');
    run(['report', path.join(examples, 'gunma-roadmap', 'scenario.yaml'), '--population', pop, '--carry-forward',
      '--out', dir]);
    const html = path.join(dir, 'report.html');
    // The top as printed (notice, title, 注意事項, the table of years, the first chart).
    if (wanted('report-roadmap')) await printed(context, html, 'report-roadmap', { height: PRINT_HEIGHT_PX * 2 });
    // 世帯の負担の変化: the distribution and the table by income decile.
    if (wanted('report-roadmap-households')) {
      await printed(context, html, 'report-roadmap-households', { selector: 'section#households', height: PRINT_HEIGHT_PX * 1.5 });
    }
    // The second map of the print (one per metric): the change from the first year, on the
    // diverging scale centred on 0, with the towns' names.
    if (wanted('report-roadmap-map')) {
      await printed(context, html, 'report-roadmap-map', { selector: '#municipality-map .kk-print-map-item:nth-child(2)' });
    }
  }
  if (wanted('handout-maebashi') || wanted('nofukin-diff')) {
    const dir = path.join(work, 'handout');
    run(['handout', path.join(examples, 'gunma-kakutei'), '--provisional', path.join(examples, 'gunma'),
      '-m', '102016', '--out', dir, '--format', 'json', '--carry-forward']);
    if (wanted('handout-maebashi')) await printed(context, path.join(dir, 'handout-102016.html'), 'handout-maebashi');
    if (wanted('nofukin-diff')) await printed(context, path.join(dir, 'nofukin_diff.html'), 'nofukin-diff', { height: PRINT_HEIGHT_PX });
  }
}

// --lang and LANGUAGE: Chromium's own words and formats (a date box's 年/月/日 rather than
// mm/dd/yyyy) in Japanese, as a Japanese user's browser shows them; Debian's chromium-l10n
// holds them (scripts/install-deps.sh --screenshots).
const browser = await launchChromium(webDir, browserPath, {
  viewport: VIEWPORT, deviceScaleFactor: 1, args: ['--lang=ja-JP'],
  env: { ...process.env, LANG: 'ja_JP.UTF-8', LANGUAGE: 'ja' },
});
try {
  await webApp(browser.context);
  await reports(browser.context);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
if (failures) {
  console.log(`${failures} picture(s) not as expected`);
  process.exit(1);
}
