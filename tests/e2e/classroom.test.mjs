// From the teacher's laptop to a class of phones: the QR code of the link, the page on a phone's
// touch screen, and the printed handout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byId, epoch, screenshot, BASE, ARTIFACTS } from './helpers.mjs';

const JSQR = new URL('./node_modules/jsqr/dist/jsQR.js', import.meta.url).pathname;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Reads the page's QR code with jsQR (an independent decoder): draws the SVG onto a canvas. */
async function readQr(page) {
  await page.addScriptTag({ path: JSQR });
  return page.evaluate(async () => {
    const svg = document.querySelector('[data-testid="qr"]');
    const image = new Image();
    const loaded = new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; });
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await loaded;
    const size = 600;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const context = canvas.getContext('2d');
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, size, size);
    const pixels = context.getImageData(0, 0, size, size);
    return window.jsQR(pixels.data, size, size)?.data ?? null;
  });
}

test('the QR code is the share link, and follows it as the settings change', async () => {
  const page = await open(browser, '?preset=standardized&class=1');
  assert.ok(await page.isVisible(byId('qr')), 'shown at once in classroom mode');
  const size = await page.evaluate(() => document.querySelector('[data-testid="qr"]').getBoundingClientRect().width);
  assert.ok(size >= 300, `large on a projector: ${size}px`);
  assert.equal(await readQr(page), await page.inputValue(byId('share-url')));
  await page.fill(byId('lr'), '0.003');
  await page.press(byId('lr'), 'Enter');
  const link = await page.inputValue(byId('share-url'));
  assert.match(link, /lr=0\.003/);
  assert.equal(await readQr(page), link);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a phone: every control takes a finger, nothing scrolls sideways, the main flows work', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${BASE}?preset=question`);
  await page.waitForSelector(byId('diagnosis'));
  const layout = () => page.evaluate(() => {
    const small = [];
    for (const element of document.querySelectorAll('button, select, input, a[href], summary')) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || style.visibility === 'hidden' || element.closest('[hidden], .hidden, .visually-hidden')) continue;
      // A checkbox is hit through its label, which is the target.
      const target = element.type === 'checkbox' ? element.closest('label').getBoundingClientRect() : box;
      if (target.height < 44) small.push(`${element.outerHTML.slice(0, 80)} ${target.width.toFixed(0)}×${target.height.toFixed(0)}`);
    }
    return { small, overflow: document.scrollingElement.scrollWidth - window.innerWidth };
  });
  let { small, overflow } = await layout();
  assert.deepEqual(small, [], 'targets of at least 44 CSS pixels');
  assert.ok(overflow <= 0, `nothing scrolls sideways (${overflow}px too wide)`);
  // A preset, play, a lesson step, copy link: by touch.
  await page.selectOption(byId('preset'), 'standardized');
  await page.tap(byId('play'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch) >= 2);
  await page.tap(byId('lesson-step-2'));
  await page.waitForFunction(() => document.querySelector('[data-testid="diagnosis"]').dataset.state === 'output_dead', null, { timeout: 30_000 });
  assert.ok(await page.isVisible(byId('lesson-now')));
  await page.tap(byId('copy-link'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, await page.inputValue(byId('share-url')));
  ({ overflow } = await layout());
  assert.ok(overflow <= 0, `after playing, still nothing sideways (${overflow}px)`);
  await page.screenshot({ path: `${ARTIFACTS}phone.png`, fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a handout prints one A4 page with the step, the charts, the link and its QR code', async () => {
  const page = await open(browser, '?preset=question');
  await page.click(byId('lesson-step-2'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="play"]').textContent.includes('❚❚'), null, { timeout: 30_000 });
  assert.equal(await epoch(page), 20);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.isVisible(byId('qr')), 'the QR code prints');
  assert.ok(await page.isVisible(byId('lesson-now')), 'the step prints');
  assert.ok(!(await page.isVisible(byId('play'))), 'no controls on paper');
  const pdf = await page.pdf({ format: 'A4', path: `${ARTIFACTS}handout.pdf`, printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `one A4 page, not ${pages}`);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(page.problems, []);
  await page.close();
});
