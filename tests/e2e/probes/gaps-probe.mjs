// Probe (not a test): the sequence of frame gaps and the page's publishes under the phone profile.
import { launch } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const server = await serveGzip(process.argv[2] ?? 'dist');
const base = server.url;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(`${base}?${process.argv[3] ?? 'preset=question&epochs=100000'}`);
await page.waitForSelector('[data-testid="play"]:not([disabled])');
await page.selectOption('[data-testid="speed"]', 'max');
await page.click('[data-testid="play"]');
await page.waitForTimeout(3000);
const rows = await page.evaluate(() => new Promise((done) => {
  const out = []; let last = performance.now();
  const tick = (t) => {
    const e = document.querySelector('[data-testid="epoch"]');
    out.push([+(t - last).toFixed(1), e.dataset.epoch, e.dataset.trainMs, e.dataset.quietBudgetMs, document.querySelector('.charts').dataset.drawMs]);
    last = t;
    if (out.length < 90) requestAnimationFrame(tick); else done(out);
  };
  requestAnimationFrame(tick);
}));
console.log(rows.map((r) => r.join(' ')).join('\n'));
await browser.close(); server.close?.(); process.exit(0);
