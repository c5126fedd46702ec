// Probe (not a test): where the page's main thread spends its time while playing at max speed under
// the phone profile (CPU 4x), by the V8 sampling profiler: self time per function (the wasm's own
// functions are unnamed in a release build; the JS glue's canvas calls are named __wbg_<call>_…).
//   node tests/e2e/probes/cpu-probe.mjs [DIST] [QUERY] [CPU]
import { launch } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const server = await serveGzip(process.argv[2] ?? 'dist');
const query = process.argv[3] ?? 'preset=standardized&epochs=100000';
const cpu = Number(process.argv[4] ?? 4);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
await page.goto(`${server.url}?${query}`);
await page.waitForSelector('[data-testid="play"]:not([disabled])');
await page.selectOption('[data-testid="speed"]', 'max');
// The charts in view: scroll the loss chart to the top of the screen.
await page.locator('[data-testid="loss-chart"]').scrollIntoViewIfNeeded();
await page.click('[data-testid="play"]');
await page.waitForTimeout(1000);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.waitForTimeout(4000);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
  self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((us / 1000).toFixed(1).padStart(8), 'ms', (100 * us / total).toFixed(1).padStart(5), '%', name);
await browser.close(); server.close?.(); process.exit(0);
