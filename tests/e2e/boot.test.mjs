// The first paint: index.html shows the page's frame and question while the wasm is on its way, in
// the page's language, and says so when the wasm cannot load instead of leaving a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE, byId } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page whose wasm requests wait until `release()` is called (or fail, with `fail`). */
async function held(query, { fail = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await context.route(/\.wasm$/, async (route) => {
    if (fail) return route.abort('internetdisconnected');
    await released;
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(BASE + query, { waitUntil: 'domcontentloaded' });
  return { page, release, context };
}

test('before the wasm arrives the frame, the question and "loading" are on screen; the page then replaces them', async () => {
  const { page, release, context } = await held('');
  const status = page.locator(byId('boot-status'));
  await status.waitFor({ state: 'visible' });
  assert.match(await status.innerText(), /Loading/);
  assert.match(await page.locator('#boot .tagline').innerText(), /output 0\?/);
  // Nothing of the app yet: the first paint is index.html's own.
  assert.equal(await page.locator(byId('diagnosis')).count(), 0);
  release();
  await page.waitForSelector(byId('diagnosis'));
  assert.equal(await page.locator('#boot').count(), 0, 'the first paint is gone once the page mounts');
  // One header, the app's.
  assert.equal(await page.locator('header.top').count(), 1);
  await context.close();
});

test('the first paint speaks Chinese on a Chinese link', async () => {
  const { page, release, context } = await held('?lang=zh');
  const status = page.locator(byId('boot-status'));
  await status.waitFor({ state: 'visible' });
  const text = await status.innerText();
  assert.match(text, /[\u4e00-\u9fff]/, text);
  assert.doesNotMatch(text, /Loading/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  release();
  await page.waitForSelector(byId('diagnosis'));
  await context.close();
});

test('a wasm that cannot be fetched gives a visible message, not a blank page', async () => {
  const { page, context } = await held('', { fail: true });
  const failed = page.locator(byId('boot-failed'));
  await failed.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await failed.innerText();
  assert.match(text, /could not load/);
  assert.doesNotMatch(text, /\{\}/, 'the reason is filled in');
  assert.equal(await page.locator(byId('boot-status')).isVisible(), false);
  await context.close();
});

test('a load says nothing in the console: no error and no warning', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const said = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') said.push(`${m.type()}: ${m.text()}`); });
  await page.goto(`${BASE}?preset=question`);
  await page.waitForSelector(`${byId('play')}:not([disabled])`);
  await page.waitForFunction(() => !document.querySelector('[data-chunk-loading]'), null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  assert.deepEqual(said, []);
  await context.close();
});
