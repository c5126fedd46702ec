// Soak (not part of the test command): plays the page at max speed for SOAK_MINUTES (default 30) and
// samples the JS heap and wasm memory every minute; fails if memory grows or a console error appears.
//   scripts/soak.sh   (builds, serves and runs this)
import { launch, open, BASE } from '../helpers.mjs';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
await context.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
});
const page = await context.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push(e.message));
await page.goto(`${BASE}?preset=standardized&epochs=1000000000`);
await page.waitForSelector('[data-testid="loss-chart"][data-last-loss]');
await page.click('[data-testid="play"]');
const samples = [];
// Runs stop by themselves at 10^6 epochs: press "keep training" whenever it stops, all along.
const keepPlaying = async () => {
  const running = await page.getAttribute('[data-testid="epoch"]', 'data-running');
  if (running !== 'true') await page.click('[data-testid="play"]');
};
for (let minute = 0; minute <= MINUTES; minute++) {
  for (let slice = 0; minute > 0 && slice < 6; slice++) {
    await page.waitForTimeout(10_000);
    await keepPlaying();
  }
  const sample = await page.evaluate(() => ({
    epoch: Number(document.querySelector('[data-testid="epoch"]').dataset.epoch),
    js_heap_mb: performance.memory ? +(performance.memory.usedJSHeapSize / 2 ** 20).toFixed(1) : null,
    wasm_memory_mb: window.__wasm ? +(window.__wasm.memory.buffer.byteLength / 2 ** 20).toFixed(1) : null,
  }));
  samples.push({ minute, ...sample });
  console.log(JSON.stringify(samples.at(-1)));
}
await browser.close();
// Flat: after the first five minutes, wasm memory does not grow and the JS heap stays within 2x.
const settled = samples.filter((s) => s.minute >= Math.min(5, MINUTES));
const grew = settled.at(-1).wasm_memory_mb > settled[0].wasm_memory_mb
  || settled.at(-1).js_heap_mb > 2 * settled[0].js_heap_mb + 5;
console.log(JSON.stringify({ minutes: MINUTES, problems, grew, first: samples[0], last: samples.at(-1) }));
process.exit(grew || problems.length ? 1 : 0);
