// Probe (not a test): classroom mode as a teacher sees it at the projector sizes and on a phone: the
// learner's program played to its end, the first screen saved as artifacts/classroom-<w>x<h>.png.
//   node tests/e2e/probes/classroom-probe.mjs [DIST] [QUERY]
import { launch } from '../helpers.mjs';
import { serveGzip } from './static-gzip.mjs';
const server = await serveGzip(process.argv[2] ?? 'dist');
const query = process.argv[3] ?? 'class=1&preset=question';
const browser = await launch();
const sizes = [[1024, 768], [1366, 768], [1920, 1080], [390, 844]];
for (const [width, height] of sizes) {
  const phone = width < 600;
  const context = await browser.newContext({
    viewport: { width, height }, ...(phone ? { deviceScaleFactor: 3, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`${server.url}?${query}`);
  await page.waitForSelector('[data-testid="play"]:not([disabled])');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]')?.dataset.running !== 'true'
    && Number(document.querySelector('[data-testid="epoch"]')?.dataset.epoch) > 0, null, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: new URL(`../artifacts/classroom-${width}x${height}.png`, import.meta.url).pathname });
  console.log(`${width}×${height}: saved; console errors: ${problems.length ? problems.join(' | ') : 'none'}`);
  await context.close();
}
await browser.close(); server.close?.(); process.exit(0);
