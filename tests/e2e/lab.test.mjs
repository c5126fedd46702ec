// What a person does with the release page: open a preset, press play, read the banner and charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byId, diagnosis, epoch, playToEnd, pixelsOf, screenshot } from './helpers.mjs';

const TRAIN_BLUE = [0, 114, 178];
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the page loads under a sub-path and draws a chart that is not blank', async () => {
  const page = await open(browser);
  assert.equal(await diagnosis(page), 'not_started');
  const fit = await pixelsOf(page, 'fit-chart', TRAIN_BLUE);
  assert.ok(fit.hits.length > 500, `training points drawn: ${fit.hits.length} blue pixels`);
  const sharp = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="fit-chart"]');
    return c.width === Math.round(c.clientWidth * Math.min(devicePixelRatio, 2));
  });
  assert.ok(sharp, 'canvas backing store matches CSS size × devicePixelRatio (at most 2)');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('question: play ends with a dead output and a flat loss line', async () => {
  const page = await open(browser, '?preset=question');
  await playToEnd(page);
  assert.equal(await epoch(page), 20);
  assert.equal(await diagnosis(page), 'output_dead');
  const banner = await page.textContent(byId('diagnosis'));
  assert.match(banner, /pushed the output unit to 0 for every x/);
  assert.match(banner, /the output's input became ≤ 0 for every x/);
  assert.equal(banner.match(/Why/g).length, 1, 'the cause is given once');
  assert.match(banner, /481,200\.67/);
  const progress = await page.textContent(byId('progress'));
  assert.match(progress, /^Epoch 20\/20 600\/600 \[=+\] - loss: 481200\.6667 - acc: 0\.0000e\+00/);
  assert.match(await page.textContent(byId('accuracy-note')), /wrong metric for regression/);
  // The train loss line is flat over the last epochs: its blue pixels in the right half of the
  // chart all sit within a few pixels of one height.
  const loss = await pixelsOf(page, 'loss-chart', TRAIN_BLUE, 4);
  const right = loss.hits.filter((p) => p.x > loss.width * 0.45 && p.x < loss.width * 0.75 && p.y > loss.height * 0.15);
  assert.ok(right.length > 20, `line drawn on the right: ${right.length}`);
  const ys = right.map((p) => p.y).sort((a, b) => a - b);
  const median = ys[Math.floor(ys.length / 2)];
  const onLine = ys.filter((y) => Math.abs(y - median) <= 4).length;
  assert.ok(onLine >= 0.9 * ys.length, `flat: ${onLine} of ${ys.length} pixels within 4 px of y = ${median}`);
  assert.equal(await page.getAttribute(byId('units-chart'), 'data-dead'), '128');
  await screenshot(page, 'question-end');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('standardized: converges and the fitted line lies on y = 2x', async () => {
  const page = await open(browser, '?preset=standardized');
  await playToEnd(page);
  assert.equal(await diagnosis(page), 'converged');
  const rmse = Number(await page.getAttribute(byId('fit-chart'), 'data-fit-rmse'));
  assert.ok(rmse < 0.35, `RMS distance to y = 2x on the training inputs: ${rmse}`);
  // As a person sees it: in the middle of the chart the prediction (vermillion) runs along the
  // dashed target line (near-black), column by column.
  const prediction = await pixelsOf(page, 'fit-chart', [213, 94, 0], 10);
  const target = await pixelsOf(page, 'fit-chart', [30, 30, 30], 4);
  // The middle of the plotting area: away from the caption, the legend and the axis labels.
  const middle = (hits, w) => hits.filter((p) => p.x > w * 0.4 && p.x < w * 0.6 && p.y > prediction.height * 0.12 && p.y < prediction.height * 0.85);
  const meanY = (hits) => hits.reduce((s, p) => s + p.y, 0) / hits.length;
  const [p, t] = [middle(prediction.hits, prediction.width), middle(target.hits, target.width)];
  assert.ok(p.length > 20 && t.length > 5, `both lines drawn in the middle: ${p.length}, ${t.length}`);
  assert.ok(Math.abs(meanY(p) - meanY(t)) < 0.02 * prediction.height, `prediction y ${meanY(p)} vs target y ${meanY(t)}`);
  await screenshot(page, 'standardized-end');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('step, reset and the keyboard drive the run', async () => {
  const page = await open(browser, '?preset=standardized');
  await page.click(byId('step'));
  assert.match(await page.textContent(byId('progress')), /^Epoch 1\/20 100\/600 \[=====>/);
  await page.click(byId('step-epoch'));
  assert.equal(await epoch(page), 1);
  const first = await page.textContent(byId('progress'));
  await page.click(byId('reset'));
  assert.equal(await epoch(page), 0);
  await page.click(byId('step-epoch'));
  assert.equal(await page.textContent(byId('progress')), first, 'reset reproduces the run');
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('r');
  assert.equal(await epoch(page), 0);
  await page.keyboard.press('s');
  assert.match(await page.textContent(byId('progress')), /100\/600/);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch) >= 20, null, { timeout: 30_000 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the browser run is bit-identical to the native headless runner', async () => {
  const { execFileSync } = await import('node:child_process');
  const runner = new URL('../../target/release/examples/headless', import.meta.url).pathname;
  for (const link of ['preset=standardized&epochs=5', 'preset=question&seed=3', 'preset=adam&epochs=12&act=tanh']) {
    const lines = execFileSync(runner, [link], { encoding: 'utf8' }).trim().split('\n');
    const native = JSON.parse(lines.at(-1)).summary.fingerprint;
    const page = await open(browser, `?${link}`);
    await playToEnd(page);
    await page.waitForSelector(`${byId('epoch')}[data-fingerprint]`);
    assert.equal(await page.getAttribute(byId('epoch'), 'data-fingerprint'), native, link);
    await page.close();
  }
});

test('a panic shows an error panel with a reload button, not a blank page', async () => {
  const page = await open(browser);
  await page.evaluate(() => { try { window.wasmBindings.debug_panic(); } catch (_) { /* the trap */ } });
  const panel = page.locator('[data-testid="panic"]');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /internal error.*debug_panic called/s);
  // The message alone: the page's build keeps no file and line of a panic (.cargo/config.toml).
  assert.doesNotMatch(text, /panicked at|redacted/);
  assert.equal(await panel.locator('button').textContent(), 'Reload the page');
  await page.close();
});

test('layers: add and remove a layer, set its width, and pick the layer the units chart shows', async () => {
  const page = await open(browser, '?preset=standardized&hidden=8');
  await page.click(byId('add-layer'));
  assert.equal(await page.inputValue(byId('hidden')), '8,8');
  await page.fill(byId('layer-width-2'), '3');
  await page.press(byId('layer-width-2'), 'Enter');
  assert.equal(await page.inputValue(byId('hidden')), '8,3');
  assert.match(await page.evaluate(() => location.search), /hidden=8,3/);
  await page.click(byId('units-layer-2'));
  await page.click(byId('step-epoch'));
  const dead = await page.getAttribute(byId('units-chart'), 'data-dead-by-layer');
  assert.match(dead, /^\d+,\d+$/, `dead units per layer: ${dead}`);
  await screenshot(page, 'two-layers');
  await page.click(byId('remove-layer'));
  assert.equal(await page.inputValue(byId('hidden')), '8');
  assert.equal(await page.locator(byId('units-layer-1')).count(), 0, 'no picker for one layer');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the log preset prints the learner\'s numbers on 99,999 points and the page stays live', async () => {
  const page = await open(browser, '?preset=log');
  await page.click(byId('play'));
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const times = [];
    const tick = (t) => { times.push(t); if (times.length < 61) requestAnimationFrame(tick); else resolve(times); };
    requestAnimationFrame(tick);
  }));
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  assert.ok(gaps[30] < 1000 / 50, `median frame ${gaps[30].toFixed(1)} ms while training on 79,999 rows`);
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.running === 'false',
    null, { timeout: 120_000 });
  assert.equal(await epoch(page), 20);
  assert.equal(await diagnosis(page), 'softmax_output');
  const progress = await page.textContent(byId('progress'));
  assert.match(progress, /^Epoch 20\/20 79999\/79999 \[=+\] - loss: 8533120001\.0000 - acc: 0\.0000e\+00 - val_loss: 32532613337\.0000 - val_acc: 0\.0000e\+00$/);
  const log = await page.textContent(byId('learner-log'));
  assert.match(log, /8533120007\.8465/);
  assert.match(log, /relative differences 8\.0e-10 and 3\.8e-10/);
  assert.match(await page.textContent(byId('diagnosis')), /softmax over one unit/);
  await screenshot(page, 'log-preset');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a run of epochs=0 (its initial state) plays one epoch on play, and its link then holds it', async () => {
  const page = await open(browser, '?preset=standardized&epochs=0');
  assert.equal(await epoch(page), 0);
  await playToEnd(page);
  assert.equal(await epoch(page), 1);
  assert.match(await page.textContent(byId('progress')), /^Epoch 1\/1 /);
  assert.equal(new URL(page.url()).searchParams.get('epochs'), '1');
  assert.deepEqual(page.problems, []);
  await page.close();
});
