// Probe (not a test): how long the page takes from "Use these points" to the data in use, for 100,000
// pasted rows (issue 22's goal: parsing 100,000 rows in the browser <= 200 ms), desktop and phone CPU.
import { launch } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const server = await serveGzip(process.argv[2] ?? 'dist');
const browser = await launch();
const rows = ['x,y'];
for (let i = 0; i < 100000; i++) rows.push(`${(i / 1000).toFixed(3)},${(Math.sin(i / 5000) * 3).toFixed(4)}`);
const text = rows.join('\n');
for (const cpu of [1, 4]) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.goto(`${server.url}?epochs=1`);
  await page.waitForSelector('[data-testid="play"]:not([disabled])');
  await page.click('[data-testid="own-data"] summary');
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const area = document.querySelector('[data-testid="data-paste"]');
    area.focus();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  // As after a person's paste: the box has shown the text before the button is pressed.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
  const events = [];
  const trace = process.env.TRACE === '1';
  let finished;
  if (trace) {
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    finished = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  }
  const ms = await page.evaluate(() => new Promise((done) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      const used = document.querySelector('[data-testid="data-in-use"]');
      if (used && /100[,.]?000/.test(used.textContent)) { observer.disconnect(); done(performance.now() - start); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    document.querySelector('[data-testid="data-apply"]').click();
  }));
  const readMs = await page.getAttribute('[data-testid="data-in-use"]', 'data-read-ms');
  console.log(`CPU ${cpu}x: 100,000 pasted rows in use after ${ms.toFixed(0)} ms (reading them: ${readMs} ms)`);
  if (trace) {
    await cdp.send('Tracing.end');
    await finished;
    // The main thread's longest kinds of work while the points were applied (TRACE=1).
    const threads = new Map();
    for (const e of events) if (e.name === 'FunctionCall' || e.name === 'EventDispatch') threads.set(`${e.pid}:${e.tid}`, (threads.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const main = [...threads].sort((a, b) => b[1] - a[1])[0][0];
    const sums = new Map();
    for (const e of events) {
      if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
      sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur);
    }
    for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((us / 1000).toFixed(1).padStart(8), 'ms', name);
    const long = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur > 50000 && !['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name));
    for (const e of long.slice(0, 20)) console.log('  long', (e.dur / 1000).toFixed(0), 'ms', e.name, JSON.stringify(e.args?.data ?? {}).slice(0, 160));
  }
  await page.close();
}
await browser.close(); server.close?.(); process.exit(0);
