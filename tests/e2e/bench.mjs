// Browser benchmark of the release page (not a test): prints one JSON object to compare across commits.
//   scripts/bench.sh            (builds, serves and runs this, plus the native benchmark)
// Measures: the core's epochs/s inside wasm; the live page at max speed with all charts (frame time
// median and p95, fps, epochs/s); chart redraw time with a 10^5-epoch history (thinned to its cap of
// 20,000 entries, as the page keeps it); load to first chart; gzipped size of what the page
// transfers, and of the sweep worker it loads when a sweep first runs; a 1,000-seed sweep of
// `question` with one worker and with two.
import { launch, BASE } from './helpers.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const result = { url: BASE, date: new Date().toISOString(), seconds: SECONDS };

const t0 = Date.now();
await page.goto(`${BASE}?preset=question&epochs=1000000`);
await page.waitForSelector('[data-testid="loss-chart"][data-last-loss]');
await page.waitForFunction(() => document.querySelector('.charts')?.dataset.drawMs !== undefined);
result.load_to_first_chart_ms = Date.now() - t0;

result.wasm_core_epochs_per_s = {};
for (const preset of ['question', 'standardized', 'adam', 'fewer-points']) {
  result.wasm_core_epochs_per_s[preset] = Math.round(await page.evaluate(
    (p) => window.wasmBindings.bench_epochs(`preset=${p}`, 2000), preset));
}

const dist = new URL('../../dist/', import.meta.url).pathname;
const gzipped = (files) => files.reduce((sum, f) => sum + gzipSync(readFileSync(dist + f), { level: 9 }).length, 0);
const files = readdirSync(dist).filter((f) => !f.startsWith('.'));
result.transfer_gzip_bytes = gzipped(files.filter((f) => !f.startsWith('worker')));
result.sweep_worker_gzip_bytes = gzipped(files.filter((f) => f.startsWith('worker')));

// A 1,000-seed sweep of the question (20 epochs each), timed from the click to the last count: the
// first run (it starts the workers) and the best of three after it.
async function sweep(workers) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const tab = await context.newPage();
  await tab.addInitScript((n) => { window.RELU_LAB_WORKERS = n; }, workers);
  await tab.goto(`${BASE}?preset=question&seeds=1000`);
  await tab.waitForSelector('[data-testid="sweep-run"]');
  const times = [];
  for (let i = 0; i < 4; i++) {
    const start = Date.now();
    await tab.click('[data-testid="sweep-run"]');
    await tab.waitForFunction(() => {
      const p = document.querySelector('[data-testid="sweep-progress"]');
      return p && p.dataset.total === '1000' && p.dataset.done === '1000';
    }, null, { timeout: 120_000, polling: 5 });
    times.push(Date.now() - start);
  }
  await context.close();
  return { first_ms: times[0], best_ms: Math.min(...times.slice(1)) };
}
result.sweep_question_1000_seeds = { one_worker: await sweep(1), two_workers: await sweep(2) };
result.sweep_question_1000_seeds.speedup = +(result.sweep_question_1000_seeds.one_worker.best_ms
  / result.sweep_question_1000_seeds.two_workers.best_ms).toFixed(2);
if (process.env.BENCH_ONLY === 'core') {
  console.log(JSON.stringify(result, null, 2));
  await browser.close();
  process.exit(0);
}

// The live page at max speed with every chart redrawn each frame.
async function live(query) {
  await page.goto(`${BASE}?${query}`);
  await page.waitForSelector('[data-testid="loss-chart"][data-last-loss]');
  await page.click('[data-testid="play"]');
  return page.evaluate(async (seconds) => {
    const times = [];
    const draws = [];
    const epoch = () => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch);
    const startEpoch = epoch();
    const start = performance.now();
    await new Promise((done) => {
      const tick = (t) => {
        times.push(t);
        draws.push(Number(document.querySelector('.charts').dataset.drawMs));
        if (t - start < seconds * 1000) requestAnimationFrame(tick); else done();
      };
      requestAnimationFrame(tick);
    });
    const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
    const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
    const sortedDraws = draws.filter(Number.isFinite).sort((a, b) => a - b);
    return {
      frame_ms_median: +q(0.5).toFixed(2), frame_ms_p95: +q(0.95).toFixed(2),
      fps_median: +(1000 / q(0.5)).toFixed(1),
      epochs_per_s: Math.round((epoch() - startEpoch) / ((performance.now() - start) / 1000)),
      chart_draw_ms_median: sortedDraws[Math.floor(sortedDraws.length / 2)],
      epochs_reached: epoch(),
    };
  }, SECONDS);
}
result.live_question = await live('preset=question&epochs=1000000');
result.live_standardized = await live('preset=standardized&epochs=1000000');

// Redraw time with a 10^5-epoch history: fewer-points trains 10^5 epochs in seconds, then pauses.
await page.goto(`${BASE}?preset=fewer-points&epochs=100000`);
await page.click('[data-testid="play"]');
await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch) >= 100000
  && !document.querySelector('[data-testid="play"]').textContent.includes('Pause'), null, { timeout: 600_000, polling: 500 });
const redraws = [];
for (let i = 0; i < 10; i++) {
  await page.click(i % 2 ? '[data-testid="show-loss"]' : '[data-testid="show-metric"]');
  redraws.push(Number(await page.evaluate(() => document.querySelector('.charts').dataset.drawMs)));
}
redraws.sort((a, b) => a - b);
result.chart_redraw_ms_1e5_epochs_median = redraws[5];
console.log(JSON.stringify(result, null, 2));
await browser.close();
