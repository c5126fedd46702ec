// The advice's trials run in the page's worker pool (the sweep's workers), not on the page's thread:
// the page gives the runner's advice for the same link, its frames keep coming while a slow preset is
// measured, the advice shares the workers with a sweep, a new setting drops a stale measurement, and
// the learner's own points reach the workers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { launch, open, byId, playToEnd } from './helpers.mjs';

const RUNNER = new URL('../../target/release/examples/headless', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Waits until the advice for the run on screen is measured; returns its items. */
async function measuredAdvice(page, timeout = 180_000) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="advice-progress"]')
    && document.querySelector('[data-testid="advice-item"], [data-testid="advice-none"], [data-testid="advice-this-run"]'), null, { timeout, polling: 100 });
  return page.$$eval(byId('advice-item'), (list) => list.map((li) => ({ change: li.dataset.change, share: Number(li.dataset.share) })));
}

const workerRuns = async (page) => Number(await page.getAttribute(byId('advice'), 'data-worker-runs'));

test("the page's advice on the learner program is the runner's, measured in the workers", async () => {
  const page = await open(browser, '?preset=question');
  await playToEnd(page);
  const items = await measuredAdvice(page);
  const { status, stdout, stderr } = spawnSync(RUNNER, ['--advice', 'preset=question'], { encoding: 'utf8' });
  assert.equal(status, 0, stderr);
  const runner = JSON.parse(stdout.trim().split('\n').at(-1)).summary.advice.map((a) => ({ change: a.change, share: a.share }));
  assert.ok(runner.length > 0, 'the runner advises something for the learner program');
  assert.deepEqual(items, runner);
  // Every advised change was run on 20 seeds, each run of it in a worker (and the run itself and
  // every candidate once on this seed before that).
  assert.ok(await workerRuns(page) >= 1 + items.length * 20, `${await workerRuns(page)} runs in the workers`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the page stays live while the advice measures a slow preset: the trials run in the workers', async () => {
  const page = await open(browser, '?preset=adam');
  // One worker: the other core stays the page's, as on a two-core laptop with a sweep running.
  await page.evaluate(() => { window.RELU_LAB_WORKERS = 1; });
  // The adam preset is small enough to be measured unasked once its run ends (no click: the button
  // goes as the measurement starts, and a click on a button going waits out its own timeout).
  await playToEnd(page, 120_000);
  // Once the workers have sent runs back, and while the measurement goes on: the page keeps
  // answering. 20 animation frames must come while it still measures, the workers' count of runs
  // growing between the first and the last of them: a page blocked by the trials would draw them
  // only after the measurement (or never). Bounded: no frames within 20 s is a failure, not a wait.
  // How fast the frames come is the benchmark's business. (The measurement lasts 1.1–1.5 s after
  // the workers' first run on this machine, 2026-12-07: 60 frames, a second, sometimes outlasted it.)
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="advice"]').dataset.workerRuns) > 0
    && document.querySelector('[data-testid="advice-progress"]'), null, { timeout: 120_000, polling: 50 });
  // Timed out in the page (a page blocked, then freed, fires its timer first) and here (one blocked
  // for good never answers).
  const bound = new Promise((resolve) => { setTimeout(() => resolve(null), 30_000).unref(); });
  const frames = await Promise.race([bound, page.evaluate(() => Promise.race([
    new Promise((resolve) => {
      const seen = [];
      const tick = () => {
        seen.push({
          runs: Number(document.querySelector('[data-testid="advice"]').dataset.workerRuns),
          measuring: Boolean(document.querySelector('[data-testid="advice-progress"]')),
        });
        if (seen.length < 20) requestAnimationFrame(tick); else resolve(seen);
      };
      requestAnimationFrame(tick);
    }),
    new Promise((resolve) => { setTimeout(() => resolve(null), 20_000); }),
  ]))]);
  assert.ok(frames, 'no 20 frames within 20 s while the advice measured');
  assert.equal(frames.length, 20);
  assert.ok(frames.every((f) => f.measuring), 'the frames came while the advice was still measuring');
  assert.ok(frames.at(-1).runs > frames[0].runs, `the trials went on in the workers meanwhile (${frames[0].runs} → ${frames.at(-1).runs})`);
  const items = await measuredAdvice(page);
  for (const item of items) assert.ok(item.share > 0 && item.share <= 1, JSON.stringify(item));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the advice does not wait for a running sweep: they share the workers', async () => {
  const page = await open(browser, '?preset=question&sweep=lr:0.01|0.001&seeds=5000');
  await page.click(byId('sweep-run'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sweep-progress"]').dataset.done) > 0,
    null, { timeout: 60_000 });
  await playToEnd(page);
  const items = await measuredAdvice(page);
  assert.ok(items.some((i) => i.change === 'opt=adam'), JSON.stringify(items));
  const done = Number(await page.getAttribute(byId('sweep-progress'), 'data-done'));
  const total = Number(await page.getAttribute(byId('sweep-progress'), 'data-total'));
  assert.equal(total, 2 * 5000);
  assert.ok(done > 0 && done < total, `the advice was measured while the sweep ran (${done} of ${total})`);
  // The sweep goes on after the advice, and cancelling it leaves the advice in place.
  await page.waitForFunction((d) => Number(document.querySelector('[data-testid="sweep-progress"]').dataset.done) > d,
    done, { timeout: 30_000 });
  await page.click(byId('sweep-cancel'));
  assert.equal((await measuredAdvice(page)).length, items.length);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a new setting drops the measurement in progress, and the advice is measured for the new run', async () => {
  const page = await open(browser, '?preset=adam');
  await page.evaluate(() => { window.RELU_LAB_WORKERS = 1; });
  await playToEnd(page, 120_000);
  await page.waitForSelector(byId('advice-progress'), { timeout: 60_000 });
  // Another preset: the adam measurement is dropped at once (its jobs with it), and the new run's
  // advice is measured once it has ended.
  await page.selectOption(byId('preset'), 'question');
  await page.waitForSelector(byId('advice-progress'), { state: 'detached', timeout: 2_000 });
  await playToEnd(page);
  const items = await measuredAdvice(page);
  assert.ok(items.some((i) => i.change === 'opt=adam'), JSON.stringify(items));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the advice on the learner's own points is the runner's for the same link", async () => {
  const points = [];
  for (let i = -10; i <= 10; i += 1) points.push(`${i / 10},${Math.abs(i) * 100}`);
  const page = await open(browser, '?epochs=100&hidden=4&out=linear');
  // The box comes in a chunk of its own once the page is live (src/ui/chunk.rs).
  await page.waitForSelector(byId('own-data'), { state: 'attached' });
  await page.$eval(byId('own-data'), (details) => { details.open = true; });
  await page.fill(byId('data-paste'), `x,y\n${points.join('\n')}\n`);
  await page.click(byId('data-apply'));
  await page.waitForFunction(() => location.search.includes('data=own'));
  const link = (await page.evaluate(() => location.search)).slice(1);
  await playToEnd(page);
  const items = await measuredAdvice(page);
  const { status, stdout, stderr } = spawnSync(RUNNER, ['--advice', link], { encoding: 'utf8' });
  assert.equal(status, 0, stderr);
  const runner = JSON.parse(stdout.trim().split('\n').at(-1)).summary.advice.map((a) => ({ change: a.change, share: a.share }));
  // No single change saves this run: the advice is a pair, measured in the pairs' round.
  assert.ok(runner.length > 0, 'the runner advises something for these points');
  assert.ok(runner.every((a) => a.change.includes('&')), JSON.stringify(runner));
  assert.deepEqual(items, runner);
  assert.deepEqual(page.problems, []);
  await page.close();
});
