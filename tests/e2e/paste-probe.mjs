// Probe (not a test): how long the page takes from "Use these points" to the data in use, for 100,000
// pasted rows (issue 22's goal: parsing 100,000 rows in the browser <= 200 ms), desktop and phone CPU.
import { launch } from './helpers.mjs';
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
    const area = document.querySelector('[data-testid="data-paste"]');
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  const ms = await page.evaluate(() => new Promise((done) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      const used = document.querySelector('[data-testid="data-in-use"]');
      if (used && /100[,.]?000/.test(used.textContent)) { observer.disconnect(); done(performance.now() - start); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    document.querySelector('[data-testid="data-apply"]').click();
  }));
  console.log(`CPU ${cpu}x: 100,000 pasted rows in use after ${ms.toFixed(0)} ms`);
  await page.close();
}
await browser.close(); server.close?.(); process.exit(0);
