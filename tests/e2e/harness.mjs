// What kokuho's browser tests share: command-line options, the check counter, and headless
// Chromium (the system's /usr/bin/chromium through playwright-core from web/node_modules,
// with the flags this machine's closed network needs and a fresh profile).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The value after --name on the command line; exits 2 when missing without a fallback. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback !== undefined) return fallback;
  console.error(`usage: missing --${name}`);
  process.exit(2);
}

/** Counts checks, printing one line each; finish() prints the totals and exits 0 or 1. */
export function checks() {
  let passed = 0;
  let failed = 0;
  return {
    check(name, ok, detail = '') {
      if (ok) passed++;
      else failed++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}

/**
 * Launches headless Chromium with a fresh profile. Returns { context, close }; close() also
 * removes the profile. `options` go to launchPersistentContext (viewport, acceptDownloads …);
 * `options.args` are added to the flags below.
 */
export async function launchChromium(webDir, browserPath, { args = [], ...options } = {}) {
  const require = createRequire(path.join(webDir, 'package.json'));
  const { chromium } = require('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'kokuho-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
    locale: 'ja-JP',
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The address a started `kokuho serve --port 0` prints ("http://127.0.0.1:PORT", no slash);
 * rejects when the server exits first or prints none within timeoutMs.
 */
export function serveAddress(server, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kokuho serve did not start: ${out}`)), timeoutMs);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`kokuho serve exited (${code}): ${out}`)));
  });
}
