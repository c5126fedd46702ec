// Probe (not a test): screenshots of the page playing on the phone profile and the desktop, with the
// frame breakdown while the fit chart is on screen.
import { launch, ARTIFACTS } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const server = await serveGzip(process.argv[2] ?? 'dist');
const browser = await launch();
for (const [name, options, cpu] of [
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, 4],
  ['desktop', { viewport: { width: 1366, height: 900 } }, 1]]) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.goto(`${server.url}?preset=question&epochs=100000`);
  await page.waitForSelector('[data-testid="play"]:not([disabled])');
  await page.selectOption('[data-testid="speed"]', 'max');
  await page.click('[data-testid="play"]');
  await page.locator('[data-testid="fit-chart"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(3000);
  const parts = await page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('canvas[data-testid], [data-testid="epoch"], .charts')) {
      for (const [k, v] of Object.entries(el.dataset)) if (k.endsWith('Ms')) out[`${el.dataset.testid ?? 'charts'}.${k}`] = v;
    }
    return out;
  });
  console.log(name, JSON.stringify(parts));
  await page.screenshot({ path: `${ARTIFACTS}look-${name}-playing.png` });
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${ARTIFACTS}look-${name}-paused.png`, fullPage: name === 'desktop' });
  console.log(name, 'problems', problems);
  await context.close();
}
await browser.close(); server.close?.(); process.exit(0);
