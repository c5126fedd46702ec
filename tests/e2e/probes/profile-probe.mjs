// Probe (not a test): CPU profile of the page playing under the phone profile; top self time.
import { launch } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const dist = process.argv[2] ?? 'dist';
const query = process.argv[3] ?? 'preset=question&epochs=100000';
const server = await serveGzip(dist);
const base = server.url ?? `http://127.0.0.1:${server.address().port}/relu-lab/`;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(`${base}?${query}`);
await page.waitForSelector('[data-testid="play"]:not([disabled])');
await page.selectOption('[data-testid="speed"]', 'max');
await page.waitForTimeout(500);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const finished = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await page.click('[data-testid="play"]');
await page.waitForTimeout(1000);
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.waitForTimeout(4000);
await cdp.send('Tracing.end');
await finished;
// Main thread of the renderer: the thread with most FunctionCall events.
const threads = new Map();
for (const e of events) if (e.name === 'FunctionCall') threads.set(`${e.pid}:${e.tid}`, (threads.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
const main = [...threads].sort((a, b) => b[1] - a[1])[0][0];
const sums = new Map(); const counts = new Map();
for (const e of events) {
  if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
  sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur); counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
}
const frames = events.filter((e) => e.name === 'FireAnimationFrame' && `${e.pid}:${e.tid}` === main).length;
console.log('main', main, 'animation frames', frames);
for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((us / 1000).toFixed(1).padStart(8), 'ms', String(counts.get(name)).padStart(6), name);
await browser.close(); server.close?.();
process.exit(0);
