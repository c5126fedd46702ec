// Side by side and up close: a teacher's link with pinned runs, the pin button, and rewinding to the
// update that killed the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, open, byId, diagnosis, epoch, playToEnd, screenshot } from './helpers.mjs';

const RUNNER = new URL('../../target/release/examples/headless', import.meta.url).pathname;
const fingerprint = (link) => JSON.parse(execFileSync(RUNNER, [link], { encoding: 'utf8' }).trim().split('\n').at(-1))
  .summary.fingerprint;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a link with vs= opens with the comparison ready; each pinned run is the same run as its link alone', async () => {
  const pins = ['v=1&lr=0.001', 'v=1&xscale=standard&out=linear'];
  const link = `preset=question&epochs=8&${pins.map((p) => `vs=${encodeURIComponent(p)}`).join('&')}`;
  const page = await open(browser, `?${link}`);
  const items = page.locator(`${byId('pinned')} li`);
  assert.equal(await items.count(), 2);
  // Named in the words the page labels its widgets with, not link keys.
  assert.match(await items.nth(0).textContent(), /learning rate 0\.001/);
  assert.match(await items.nth(1).textContent(), /output activation linear, scale x standard/);
  await playToEnd(page);
  assert.equal(await epoch(page), 8);
  await page.waitForSelector(`${byId('pinned')} li[data-fingerprint]`);
  for (const [index, pin] of pins.entries()) {
    const alone = `preset=question&epochs=8&${pin.replace('v=1&', '')}`;
    assert.equal(await items.nth(index).getAttribute('data-fingerprint'), fingerprint(alone), alone);
  }
  // The main run is itself too.
  assert.equal(await page.getAttribute(byId('epoch'), 'data-fingerprint'), fingerprint('preset=question&epochs=8'));
  await screenshot(page, 'compare');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('keep training past the end: "Epoch 8/8", and the link opens that longer run, pinned runs too', async () => {
  const pin = 'v=1&lr=0.001';
  const page = await open(browser, `?preset=question&epochs=4&vs=${encodeURIComponent(pin)}`);
  await playToEnd(page);
  assert.equal(await epoch(page), 4);
  await playToEnd(page); // play again on a finished run: another 4 epochs
  assert.equal(await epoch(page), 8);
  assert.match(await page.textContent(byId('progress')), /^Epoch 8\/8 /);
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get('epochs'), '8', page.url());
  assert.equal(query.get('vs'), pin, 'the pin keeps its own settings');
  await page.waitForSelector(`${byId('pinned')} li[data-fingerprint]`);
  // The runs as the native runner trains 8 epochs from the start (the oracle).
  assert.equal(await page.getAttribute(byId('epoch'), 'data-fingerprint'), fingerprint('preset=question&epochs=8'));
  assert.equal(await page.locator(`${byId('pinned')} li`).first().getAttribute('data-fingerprint'),
    fingerprint('preset=question&epochs=8&lr=0.001'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('pin keeps a run while the settings change, and the link carries it', async () => {
  const page = await open(browser, '?preset=question&epochs=5');
  await page.click(byId('step-epoch'));
  await page.click(byId('pin'));
  await page.selectOption(byId('out'), 'linear');
  await page.selectOption(byId('xscale'), 'standard');
  const items = page.locator(`${byId('pinned')} li`);
  assert.equal(await items.count(), 1);
  assert.match(await items.first().textContent(), /output activation relu/);
  const search = await page.evaluate(() => location.search);
  assert.match(search, /vs=v%3D1%26out%3Drelu%26xscale%3Dnone|vs=v%3D1%26xscale%3Dnone%26out%3Drelu/);
  await page.click(byId('unpin-1'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="pinned"] li').length === 0);
  assert.doesNotMatch(await page.evaluate(() => location.search), /vs=/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('rewind on the question lands just before the killing update named in the banner', async () => {
  const page = await open(browser, '?preset=question');
  await playToEnd(page);
  assert.equal(await diagnosis(page), 'output_dead');
  const banner = await page.textContent(byId('diagnosis'));
  const killing = Number(banner.match(/update (\d+) \(epoch \d+\) moved/)[1]);
  await page.click(byId('rewind'));
  const next = await page.textContent(byId('next-update'));
  assert.match(next, new RegExp(`Next: update ${killing}\\.`));
  assert.match(next, /The network dies/);
  // One update before it: the run's own progress line says how far it got.
  assert.notEqual(await diagnosis(page), 'output_dead');
  await page.click(byId('replay-gentle'));
  await page.waitForSelector(byId('gentle-result'));
  await screenshot(page, 'rewind');
  await page.click(byId('step'));
  assert.equal(await diagnosis(page), 'output_dead', 'the update kills it');
  await page.click(`${byId('forensics')} summary`);
  const rows = page.locator(`${byId('forensics')} tbody tr`);
  assert.equal(await rows.count(), 128);
  assert.ok((await page.locator(`${byId('forensics')} td`, { hasText: `update ${killing}` }).count()) > 0,
    'units killed by that update are named in the table');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a far rewind replays across frames: the page stays live and the status line counts the updates', async () => {
  // A warm-up so slow that the rate reaches the killing range only after some 19,000 updates.
  const link = 'preset=question&epochs=4000&schedule=cosine&lr=0.000001&warmup_target=0.01&warmup_steps=100000000';
  const page = await open(browser, `?${link}`);
  await playToEnd(page, 300_000);
  assert.equal(await diagnosis(page), 'hidden_dead');
  const banner = await page.textContent(byId('diagnosis'));
  // Counted from 1, as the page names updates everywhere.
  const killing = Number(banner.match(/Update (\d+) \(epoch \d+\) killed it/)[1]);
  assert.ok(killing > 10_000, `the killing update is far into the run: ${killing}`);
  await page.evaluate(() => {
    window.framesSeen = 0;
    const tick = () => { window.framesSeen += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.click(byId('rewind'));
  await page.waitForSelector(`${byId('status')}[data-progress="true"]`, { timeout: 10_000 });
  const said = await page.textContent(byId('status'));
  const [, done, of] = said.match(/Rewinding: update (\d+) of (\d+)/) ?? [];
  // The updates replayed, of those before the killing one.
  assert.equal(Number(of), killing - 1, said);
  assert.ok(Number(done) < killing, said);
  // Frames keep coming while it replays (one long task would hold them back).
  const framesThen = await page.evaluate(() => window.framesSeen);
  await page.waitForFunction((then) => window.framesSeen > then + 5
    && document.querySelector('[data-testid="status"]').dataset.progress === 'true', framesThen,
  { timeout: 60_000, polling: 'raf' });
  await page.waitForSelector(`${byId('status')}[data-progress="false"]`, { timeout: 300_000, state: 'attached' });
  assert.match(await page.textContent(byId('next-update')), new RegExp(`Next: update ${killing}\\.`));
  assert.notEqual(await diagnosis(page), 'hidden_dead');
  await page.click(byId('step'));
  assert.equal(await diagnosis(page), 'hidden_dead', 'the next update kills it');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('with batch normalization the units table shows each unit\'s γ, β and moving statistics', async () => {
  const page = await open(browser, '?preset=standardized&bn=1&epochs=5');
  await playToEnd(page);
  await page.click(`${byId('forensics')} summary`);
  const headers = await page.$$eval(`${byId('forensics')} thead th`, (cells) => cells.map((c) => c.textContent));
  assert.ok(headers.some((h) => h.includes('γ, β')), headers.join(' | '));
  assert.ok(headers.some((h) => h.includes('moving mean')), headers.join(' | '));
  assert.ok(headers.some((h) => h.includes('√(var + ε)')), 'the input column names the normalisation');
  // After 30 updates γ and β have moved from Keras' start (1, 0) in some units.
  const gammas = await page.$$eval(`${byId('forensics')} tbody tr`, (rows) => rows.map((r) => r.cells[3].textContent));
  assert.equal(gammas.length, 128);
  assert.ok(gammas.some((g) => g !== '1, 0'), gammas.slice(0, 5).join(' | '));
  // Without it, no such column.
  const plain = await open(browser, '?preset=standardized&epochs=1');
  await playToEnd(plain);
  await plain.click(`${byId('forensics')} summary`);
  assert.equal(await plain.locator(`${byId('forensics')} thead th`, { hasText: 'γ' }).count(), 0);
  assert.deepEqual(page.problems, []);
  await plain.close();
  await page.close();
});

test('a run pinned while the main run is far along catches up across frames: the page stays live, the pin ends where the runner does', async () => {
  const epochs = 1500;
  const main = `preset=standardized&epochs=${epochs}`;
  const pin = 'v=1&lr=0.001';
  const page = await open(browser, `?${main}`);
  // Back lands on the same run with a pinned run beside it: the address history holds
  // [main with the pin, main], and the page shows the second.
  await page.evaluate(([withPin]) => {
    const here = location.search;
    history.replaceState(null, '', withPin);
    history.pushState(null, '', here);
  }, [`?${main}&vs=${encodeURIComponent(pin)}`]);
  await playToEnd(page, 300_000);
  assert.equal(await epoch(page), epochs);
  // Counts the animation frames the page gets from here on.
  await page.evaluate(() => {
    window.framesSeen = 0;
    const tick = () => { window.framesSeen += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.evaluate(() => history.back());
  // The pinned run starts from its seed, 1,500 epochs behind: the status line says how far it is, and
  // frames keep coming meanwhile (one long task would hold them all back).
  await page.waitForSelector(`${byId('status')}[data-progress="true"]`, { timeout: 10_000 });
  assert.match(await page.textContent(byId('status')), new RegExp(`Catching up pinned run 1: epoch \\d+ of ${epochs}`));
  const framesThen = await page.evaluate(() => window.framesSeen);
  await page.waitForFunction((then) => window.framesSeen > then + 5
    && document.querySelector('[data-testid="status"]').dataset.progress === 'true', framesThen, { timeout: 60_000, polling: 'raf' });
  // The main run waits while the pin catches up.
  assert.equal(await epoch(page), epochs);
  await page.waitForSelector(`${byId('status')}[data-progress="false"]`, { timeout: 300_000, state: 'attached' });
  const item = page.locator(`${byId('pinned')} li`);
  assert.equal(await item.count(), 1);
  await page.waitForSelector(`${byId('pinned')} li[data-fingerprint]`, { state: 'attached' });
  assert.equal(Number(await item.getAttribute('data-epoch')), epochs);
  assert.equal(await item.getAttribute('data-fingerprint'), fingerprint(`${main}&lr=0.001`));
  assert.equal(await epoch(page), epochs);
  assert.equal(await page.getAttribute(byId('epoch'), 'data-fingerprint'), fingerprint(main));
  assert.deepEqual(page.problems, []);
  await page.close();
});
