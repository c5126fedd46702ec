// Sweeps as a teacher uses them: open a link with a sweep, run it in the page's workers, read the
// counts, open one run; the page's per-cell numbers equal the native runner's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, open, byId, diagnosis, screenshot, runSweep, playToEnd } from './helpers.mjs';

const RUNNER = new URL('../../target/release/examples/headless', import.meta.url).pathname;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function runner(link) {
  return execFileSync(RUNNER, ['--sweep', link], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => JSON.parse(l));
}

test('a sweep link runs in the page and counts exactly what the native runner counts', async () => {
  const link = 'preset=fewer-points&sweep=lr:0.001|0.1&seeds=40';
  const page = await open(browser, `?${link}`);
  assert.equal(await page.inputValue(byId('sweep-values-1')), '0.001|0.1');
  assert.equal(await page.inputValue(byId('sweep-seeds')), '40');
  const cells = await runSweep(page);
  const native = runner(link);
  const nativeCells = native.filter((l) => l.cell);
  assert.equal(native.filter((l) => l.run).length, 80);
  assert.deepEqual(cells, nativeCells);
  // Where updates kill: none at lr 0.001, some at 0.1; born dead at both (the same seeds).
  assert.equal(cells[0].cell.counts.killed, 0);
  assert.ok(cells[1].cell.counts.killed > 0, JSON.stringify(cells[1]));
  assert.equal(cells[0].cell.counts.born_dead, cells[1].cell.counts.born_dead);
  assert.ok(cells[0].cell.theory.born_dead > 0.5);
  await page.locator(byId('sweep')).scrollIntoViewIfNeeded();
  await screenshot(page, 'sweep-one-setting');

  // From a number to a run: the cell's seeds by outcome, and one of them opens in the lab.
  await page.click(byId('sweep-cell-2'));
  const killedSeed = native.find((l) => l.run?.values.lr === '0.1' && l.run.outcome === 'killed').run.seed;
  await page.click(byId(`sweep-open-${killedSeed}`));
  const search = await page.evaluate(() => location.search);
  assert.match(search, /lr=0\.1/);
  assert.equal(await page.inputValue(byId('seed')), String(killedSeed));
  await page.click(byId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.running === 'false');
  assert.equal(await diagnosis(page), 'output_dead');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a cell that does not run as written says so on the page, as the runner does', async () => {
  // 5000 training points of 999 and a formula NaN at every x: those cells run 999 and 2*x, and say why.
  for (const [link, checks] of [
    ['preset=question&epochs=2&sweep=train:100|5000;f:x^2|log(x-2000)&seeds=3', (cells, notices) => {
      assert.deepEqual(cells.map(({ cell }) => cell.values.train), ['100', '100', '999', '999']);
      assert.deepEqual(cells.map(({ cell }) => cell.notices.length), [0, 1, 1, 2]);
      assert.equal(cells[1].cell.values.f, '2*x');
      assert.deepEqual(notices.map((n) => n.count), [null, '1', '1', '2']);
      assert.match(notices[2].text, /train.*5000/s);
      assert.match(notices[3].text, /log\(x-2000\)/);
    }],
    // Two random points and sqrt(x): seeds whose points go below 0 train 2*x; the cell names each.
    ['data=randn&n=2&train=2&f=sqrt(x)&seed=2&epochs=2&sweep=lr:0.01|0.1&seeds=8', (cells, notices) => {
      assert.ok(cells[0].cell.notices.length > 0 && cells[0].cell.notices.length < 8, JSON.stringify(cells[0]));
      assert.ok(cells[0].cell.notices.every((n) => /^seed \d+: /.test(n)), JSON.stringify(cells[0]));
      assert.match(notices[0].text, /seed \d+: /);
    }],
  ]) {
    const page = await open(browser, `?${link}`);
    const cells = await runSweep(page);
    assert.deepEqual(cells, runner(link).filter((l) => l.cell), link);
    const notices = [];
    for (let i = 1; i <= cells.length; i += 1) {
      const box = page.locator(byId(`sweep-cell-notices-${i}`));
      notices.push((await box.count()) ? { count: await box.getAttribute('data-count'), text: await box.textContent() } : { count: null });
    }
    checks(cells, notices);
    if (link.startsWith('preset')) {
      await page.locator(byId('sweep-table')).scrollIntoViewIfNeeded();
      await screenshot(page, 'sweep-cell-notices');
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('two settings make a heat map; cancel stops a long sweep; the CSV has a line per run', async () => {
  const page = await open(browser, '?preset=standardized&out=relu&epochs=3&sweep=hidden:1|2|4;lr:0.01|1&seeds=30');
  const cells = await runSweep(page);
  assert.equal(cells.length, 6);
  for (const { cell } of cells) {
    const expected = 0.25 + 0.5 ** (Number(cell.values.hidden) + 1);
    assert.equal(cell.theory.born_dead, expected, JSON.stringify(cell.values));
  }
  assert.equal(await page.locator(byId('sweep-outcome')).count(), 1);
  await page.selectOption(byId('sweep-outcome'), 'born_dead');
  await page.locator(byId('sweep')).scrollIntoViewIfNeeded();
  await screenshot(page, 'sweep-heat-map');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('sweep-csv'))]);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'hidden,lr,seed,outcome,final_loss,death_epoch');
  assert.equal(lines.length, 1 + 6 * 30);

  await page.fill(byId('sweep-seeds'), '10000');
  await page.press(byId('sweep-seeds'), 'Enter');
  await page.click(byId('sweep-run'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sweep-progress"]').dataset.done) > 0);
  await page.click(byId('sweep-cancel'));
  await page.waitForFunction(() => document.querySelector('.sweep-progress').textContent.includes('cancelled'));
  const done = Number(await page.getAttribute(byId('sweep-progress'), 'data-done'));
  await page.waitForTimeout(500);
  assert.equal(Number(await page.getAttribute(byId('sweep-progress'), 'data-done')), done, 'nothing counted after cancel');
  // 3 cells × 10,000 seeds were asked for: cancelling stopped the sweep well before its end.
  const total = Number(await page.getAttribute(byId('sweep-progress'), 'data-total'));
  assert.ok(total >= 30_000, `the sweep planned ${total} runs`);
  assert.ok(done < total, `stopped early: ${done} of ${total}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the page stays live during a sweep', async () => {
  const page = await open(browser, '?preset=standardized&seeds=3000');
  await page.click(byId('sweep-run'));
  // Measure once the workers have started counting runs, not before.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sweep-progress"]').dataset.done) > 0,
    null, { timeout: 60_000 });
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const times = [];
    const tick = (t) => { times.push(t); if (times.length < 61) requestAnimationFrame(tick); else resolve(times); };
    requestAnimationFrame(tick);
  }));
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  assert.ok(median < 1000 / 50, `median frame ${median.toFixed(1)} ms while the workers run`);
  const still = Number(await page.getAttribute(byId('sweep-progress'), 'data-done'));
  const total = Number(await page.getAttribute(byId('sweep-progress'), 'data-total'));
  assert.ok(still < total, 'the frames were measured while the sweep was still running');
  await page.click(byId('sweep-cancel'));
  await page.close();
});

test('workers that cannot load: the sweep and the advice say so at once, and a later try runs', async () => {
  // The worker's files cannot be fetched (as offline before a sweep ever kept them). The service
  // worker is blocked so every request goes through the route.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const refuse = (route) => route.abort('internetdisconnected');
  await context.route(/worker(_loader|_bg)?\.(js|wasm)$/, refuse);
  await page.goto(`${process.env.RELU_LAB_URL ?? 'http://127.0.0.1:8080/'}?preset=question&epochs=30&sweep=lr:0.01|0.1&seeds=4`);
  await page.waitForSelector(byId('diagnosis'));
  await page.click(byId('sweep-run'));
  // Bounded: the failure is known from the first file's fetch, not from a timeout.
  await page.waitForSelector(`${byId('sweep-status')}.warning`, { timeout: 10_000 });
  assert.match(await page.textContent(byId('sweep-status')), /could not be loaded/);
  assert.equal(await page.isEnabled(byId('sweep-run')), true, 'the sweep can be run again');
  assert.equal(await page.getAttribute(byId('sweep-summary'), 'data-json'), null);
  // The advice of the ended run measures in the same workers: it says so too, and offers to retry.
  await playToEnd(page);
  await page.waitForSelector(byId('advice-workers-failed'), { timeout: 10_000 });
  assert.equal(await page.locator(byId('advice-progress')).count(), 0);
  await page.locator(byId('sweep')).scrollIntoViewIfNeeded();
  await screenshot(page, 'workers-failed');
  // Back online: the same buttons run both.
  await context.unroute(/worker(_loader|_bg)?\.(js|wasm)$/, refuse);
  const cells = await runSweep(page);
  assert.equal(cells.length, 2);
  assert.doesNotMatch(await page.textContent(byId('sweep-status')), /could not be loaded/);
  await page.click(byId('advice-start'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="advice-progress"]')
    && document.querySelector('[data-testid="advice-item"], [data-testid="advice-none"]'), null, { timeout: 120_000 });
  assert.equal(await page.locator(byId('advice-workers-failed')).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
