// Browser benchmark of the release page (not a test): prints JSON to compare across commits.
//   scripts/bench.sh [--dist DIR] [--devices]   (builds unless --dist, then runs this and the native one)
//   node tests/e2e/probes/bench.mjs [--dist DIR] [--only page|devices] [--profiles desktop,laptop,phone]
//     [--runs question,standardized,hidden_32x4|none] [--seconds 8]
// Serves DIR (default dist/) itself, gzipped, under /relu-lab/ (static-gzip.mjs).
// The page part measures: the core's epochs/s inside wasm; the live page at max speed with all charts
// (frame time median and p95, fps, epochs/s); chart redraw time with a 10^5-epoch history (thinned to
// its cap of 20,000 entries, as the page keeps it); load to first chart; gzipped size of what the
// page transfers, and of the sweep worker it loads when a sweep first runs; a 1,000-seed sweep of
// `question` with one worker and with two (BENCH_ONLY=core stops after the sweeps).
// The devices part (bench-devices.mjs): desktop, laptop (CPU 4x) and phone (390x844, DPR 3, touch,
// CPU 4x, slow 4G) profiles, each a first visit: bytes before play, time to ready, frames/s, live
// epochs/s on question, standardized and hidden=32,32,32,32; a Markdown row and a JSON line each.
import { launch } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
import { benchProfile, PROFILES, RUNS, TABLE_HEAD, tableRow } from './bench-devices.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const dist = resolve(option('dist', new URL('../../../dist/', import.meta.url).pathname)) + '/';
const only = option('only', process.env.BENCH_ONLY === 'devices' ? 'devices' : 'all');
const profiles = option('profiles', Object.keys(PROFILES).join(',')).split(',').filter(Boolean);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DEVICE_SECONDS = Number(option('seconds', 8));
// --runs question,standardized (a subset of RUNS; --runs none: the first visit only).
const runs = Object.fromEntries(Object.entries(RUNS)
  .filter(([name]) => option('runs', Object.keys(RUNS).join(',')).split(',').includes(name)));

const server = await serveGzip(dist);
const BASE = server.url;
const browser = await launch();

async function devices() {
  const machine = `${cpus().length} cores, ${cpus()[0]?.model.trim()}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
  const when = new Date().toISOString().slice(0, 16) + 'Z';
  const rows = [];
  for (const name of profiles) {
    // A browser of its own per profile: a page that brings one down takes no other profile with it.
    const own = await launch();
    const result = await benchProfile(own, server, name, { seconds: DEVICE_SECONDS, runs })
      .catch((error) => ({ profile: name, error: error.message.split('\n')[0] }));
    await own.close().catch(() => {});
    result.date = when;
    result.machine = machine;
    result.dist = dist;
    console.log(JSON.stringify(result));
    rows.push(tableRow(result));
  }
  console.log(`\n${when}, ${machine}; dist ${dist} served gzipped (level 9); ${DEVICE_SECONDS} s per run;`
    + ' frames/s for question / standardized / hidden 32,32,32,32\n');
  console.log([TABLE_HEAD, ...rows].join('\n'));
}

if (only === 'devices') {
  await devices();
  await browser.close();
  await server.close();
  process.exit(0);
}

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
  await server.close();
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
  && document.querySelector('[data-testid="epoch"]').dataset.running === 'false', null, { timeout: 600_000, polling: 500 });
const redraws = [];
for (let i = 0; i < 10; i++) {
  await page.click(i % 2 ? '[data-testid="show-loss"]' : '[data-testid="show-metric"]');
  redraws.push(Number(await page.evaluate(() => document.querySelector('.charts').dataset.drawMs)));
}
redraws.sort((a, b) => a - b);
result.chart_redraw_ms_1e5_epochs_median = redraws[5];
console.log(JSON.stringify(result, null, 2));
await context.close();
if (only === 'all') await devices();
await browser.close();
await server.close();
