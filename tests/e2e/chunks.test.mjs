// The panels the first screen does not need come in chunks of wasm fetched once the page is live
// (src/ui/chunk.rs, scripts/split.py): the page plays before they arrive, and a chunk that cannot
// be fetched leaves a message and a button to try again in its panel's place, never a dead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, byId, epoch, screenshot, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The split panels, by a test id in each; the QR code's chunk is asked for by the share bar's.
const PANELS = ['advice', 'sweep', 'lesson', 'keras-panel', 'own-data', 'qr', 'forensics', 'share-url', 'pin'];
const NESTED = ['qr'];
// The chunks' file names (scripts/split.py): split_<name>-<hash>.wasm and shared chunk_<n>-<hash>.wasm.
const CHUNK = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{1,16}\.wasm$/;

async function present(page, ids) {
  return page.evaluate((list) => list.filter((id) => document.querySelector(`[data-testid="${id}"]`)), ids);
}

test('every panel arrives in its chunk, fetched after the page itself', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(BASE);
  await page.waitForSelector(byId('diagnosis'));
  await page.waitForFunction((list) => list.every((id) => document.querySelector(`[data-testid="${id}"]`)),
    PANELS, { timeout: 30_000, polling: 100 });
  const chunks = fetched.filter((path) => CHUNK.test(path));
  const pageWasm = fetched.findIndex((path) => /\/relu-lab-[0-9a-f]+_bg\.wasm$/.test(path));
  assert.ok(chunks.length >= PANELS.length, `one chunk or more per split panel: ${JSON.stringify(fetched)}`);
  assert.ok(pageWasm >= 0 && fetched.findIndex((path) => CHUNK.test(path)) > pageWasm,
    `the chunks are asked for after the page's wasm: ${JSON.stringify(fetched)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the chunks out of reach the page still plays, says so in each panel\'s place, and a retry brings the panels', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.route(CHUNK, (route) => route.abort('internetdisconnected'));
  await page.goto(BASE);
  await page.waitForSelector(byId('diagnosis'));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chunk-failed"]').length === n,
    PANELS.length - NESTED.length, { timeout: 30_000, polling: 100 });
  assert.deepEqual(await present(page, PANELS), [], 'no split panel is there');
  const message = await page.textContent(byId('chunk-failed'));
  assert.match(message, /could not be loaded/);
  assert.ok(await page.isVisible(byId('chunk-failed')), 'the message is on screen, not hidden');
  await screenshot(page, 'chunks-failed');

  // The first screen works without them: the run trains.
  const start = await epoch(page);
  await page.click(byId('play'));
  await page.waitForFunction((e) => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch) > e,
    start, { timeout: 30_000, polling: 100 });

  // Back online: each panel's button fetches its chunk again.
  await page.unroute(CHUNK);
  while (await page.$(byId('chunk-retry'))) {
    const before = await page.$$eval(byId('chunk-retry'), (b) => b.length);
    await page.locator(`${byId('chunk-retry')}:visible`).first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chunk-retry"]').length < n,
      before, { timeout: 30_000, polling: 100 });
  }
  await page.waitForFunction((list) => list.every((id) => document.querySelector(`[data-testid="${id}"]`)),
    PANELS, { timeout: 30_000, polling: 100 });
  await context.close();
});

test('a run beyond plain ReLU waits for its training code\'s chunk: out of reach, play says so; back, play trains it', async () => {
  const KERNELS = /\/split_kernels-[0-9a-f]{1,16}\.wasm$/;
  // No service worker: it would keep the chunk on the first visit, out of the route's reach.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route(KERNELS, (route) => route.abort('internetdisconnected'));
  await page.goto(`${BASE}?preset=standardized&act=tanh&bn=1&epochs=3`);
  await page.waitForSelector(byId('diagnosis'));
  await page.waitForSelector(`${byId('play')}:not([disabled])`);
  await page.click(byId('play'));
  await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('[data-testid="status"]').textContent),
    null, { timeout: 30_000, polling: 100 });
  assert.match(await page.textContent(byId('status')), /Press play to try again/);
  assert.equal(await epoch(page), 0, 'nothing trained without its code');
  assert.equal(await page.getAttribute(byId('epoch'), 'data-running'), 'false');

  await page.unroute(KERNELS);
  await page.click(byId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.epoch === '3',
    null, { timeout: 30_000, polling: 100 });

  // A finished run (epochs=0: its initial state) plays one more epoch; out of the chunk's reach,
  // the link must not claim that epoch before it can be played.
  await page.route(KERNELS, (route) => route.abort('internetdisconnected'));
  await page.goto(`${BASE}?preset=standardized&act=tanh&epochs=0`);
  await page.waitForSelector(`${byId('play')}:not([disabled])`);
  await page.click(byId('play'));
  await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('[data-testid="status"]').textContent),
    null, { timeout: 30_000, polling: 100 });
  assert.equal(new URL(page.url()).searchParams.get('epochs'), '0', 'the link keeps the epochs that were played');
  await page.unroute(KERNELS);
  await page.click(byId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.epoch === '1',
    null, { timeout: 30_000, polling: 100 });
  assert.equal(new URL(page.url()).searchParams.get('epochs'), '1');
  assert.deepEqual(problems, [], 'no panic');
  await context.close();
});
