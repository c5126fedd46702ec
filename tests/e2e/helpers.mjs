// Shared set-up of the end-to-end tests: Debian's Chromium driven by playwright-core, the page
// served by scripts/test.sh under a sub-path (RELU_LAB_URL), and a record of console errors.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const BASE = process.env.RELU_LAB_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
  });
}

/** Opens the page at `query`, collecting console errors and uncaught exceptions in `page.problems`. */
export async function open(browser, query = '', { deviceScaleFactor = 1, width = 1400, height = 1000 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`exception: ${e.message}`));
  // A request the browser itself abandoned (a reload or a closed page while the advice's workers
  // load) is no failure; any other is (a missing file is also caught as its HTTP status below).
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(BASE + query);
  await page.waitForSelector('[data-testid=diagnosis]');
  await panelsArrived(page);
  return page;
}

/** Waits until every panel that comes in a chunk of its own (src/ui/chunk.rs) has arrived, or
 * failed to: the tests of what a panel does start from the whole page. */
export async function panelsArrived(page) {
  await page.waitForFunction(() => !document.querySelector('[data-chunk-loading]'), null, { timeout: 30_000, polling: 50 });
}

export const byId = (id) => `[data-testid="${id}"]`;

export async function diagnosis(page) {
  return page.getAttribute(byId('diagnosis'), 'data-state');
}

/** The run's fingerprint (the epoch counter's `data-fingerprint`), once the run has one. */
export async function fingerprint(page) {
  await page.waitForSelector(`${byId('epoch')}[data-fingerprint]`, { state: 'attached' });
  return page.getAttribute(byId('epoch'), 'data-fingerprint');
}

export async function epoch(page) {
  return Number(await page.getAttribute(byId('epoch'), 'data-epoch'));
}

/** Waits until the run stops by itself (end of its epochs or divergence). */
export async function playToEnd(page, timeout = 60_000) {
  await page.click(byId('play'));
  // The epoch counter says whether the run is playing (not a word of the page: any language).
  await page.waitForSelector(`${byId('epoch')}[data-running="false"]`, { timeout, state: 'attached' });
}

/** Pixels of a canvas whose colour is within `tolerance` of `rgb`: [{x, y}] in canvas pixels. */
export async function pixelsOf(page, testId, rgb, tolerance = 12) {
  return page.evaluate(([id, [r, g, b], tol]) => {
    const canvas = document.querySelector(`[data-testid="${id}"]`);
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const hits = [];
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) {
        hits.push({ x: (i / 4) % width, y: Math.floor(i / 4 / width) });
      }
    }
    return { width, height, hits };
  }, [testId, rgb, tolerance]);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** Runs the sweep the page is set to and returns its summary's cells (one object per line). */
export async function runSweep(page) {
  await page.click(byId('sweep-run'));
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid="sweep-progress"]');
    return p && p.dataset.total !== '0' && p.dataset.done === p.dataset.total
      && document.querySelector('[data-testid="sweep-summary"]').dataset.json;
  }, null, { timeout: 120_000, polling: 100 });
  return (await page.getAttribute(byId('sweep-summary'), 'data-json')).split('\n').map((l) => JSON.parse(l));
}
