// Probe (not a test): the seed's presets played as a person would, on a desktop and on a phone (390x844,
// touch, DPR 3, CPU 4x slower through Emulation.setCPUThrottlingRate); full-page screenshots to look at.
import { launch, ARTIFACTS } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const server = await serveGzip(process.argv[2] ?? 'dist');
const presets = (process.argv[3] ?? 'question,fewer-points,standardized,adam,log').split(',');
const profiles = (process.argv[4] ?? 'desktop,phone').split(',');
const browser = await launch();
const PROFILES = {
  desktop: [{ viewport: { width: 1366, height: 900 } }, 1],
  phone: [{ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, 4],
};
for (const name of profiles) {
  const [options, cpu] = PROFILES[name];
  for (const preset of presets) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const t0 = Date.now();
    await page.goto(`${server.url}?preset=${preset}`);
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 120_000 });
    const ready = Date.now() - t0;
    const t1 = Date.now();
    await page.click('[data-testid="play"]');
    await page.waitForSelector('[data-testid="epoch"][data-running="false"]', { timeout: 240_000 });
    const played = Date.now() - t1;
    await page.waitForTimeout(1500);
    const facts = await page.evaluate(() => ({
      state: document.querySelector('[data-testid="diagnosis"]')?.dataset.state,
      epoch: document.querySelector('[data-testid="epoch"]')?.textContent.trim(),
      loss: document.querySelector('[data-testid="loss-chart"]')?.dataset.lastLoss,
      dead: document.querySelector('[data-testid="units-chart"]')?.dataset.dead,
      advice: [...document.querySelectorAll('[data-testid="advice-item"]')].map((e) => `${e.dataset.change} (${e.dataset.share})`),
      banner: document.querySelector('[data-testid="diagnosis"]')?.textContent.trim().slice(0, 160),
    }));
    console.log(JSON.stringify({ profile: name, preset, ready_ms: ready, play_ms: played, ...facts, problems }));
    await page.screenshot({ path: `${ARTIFACTS}person-${name}-${preset}.png`, fullPage: name === 'desktop' });
    if (name === 'phone') {
      await page.locator('[data-testid="loss-chart"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}person-${name}-${preset}-charts.png` });
    }
    await context.close();
  }
}
await browser.close(); server.close?.(); process.exit(0);
