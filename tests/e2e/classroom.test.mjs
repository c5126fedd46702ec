// From the teacher's laptop to a class of phones: the QR code of the link, the page on a phone's
// touch screen, and the printed handout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, open, byId, epoch, screenshot, panelsArrived, BASE, ARTIFACTS } from './helpers.mjs';

/** The accessibility rules the a11y tests hold the page to (WCAG 2.2 AA). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeViolations = async (page) => (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations
  .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);

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

/** Boxes of what a teacher looks at, in CSS pixels of the first screen (the page is not scrolled). */
async function projectorView(page) {
  return page.evaluate(() => {
    const box = (selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height, bottom: y + height, right: x + width };
    };
    const sweepInputs = [...document.querySelectorAll('[data-testid^="sweep-values-"], [data-testid^="sweep-key-"], [data-testid="sweep-seeds"]')]
      .map((element) => ({ id: element.dataset.testid, width: element.getBoundingClientRect().width }));
    return {
      innerWidth, innerHeight, scrollY,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize),
      transport: box('.transport'),
      banner: box('[data-testid="diagnosis"]'),
      loss: box('[data-testid="loss-chart"]'),
      fit: box('[data-testid="fit-chart"]'),
      lossFigure: box('.chart:has([data-testid="loss-chart"])'),
      fitFigure: box('.chart:has([data-testid="fit-chart"])'),
      charts: box('.charts'),
      preset: box('[data-testid="preset"]'),
      shortcuts: box('[data-testid="shortcuts"]'),
      sweepInputs,
    };
  });
}

const overlaps = (a, b) => a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;

for (const [width, height] of [[1024, 768], [1366, 768], [1920, 1080]]) {
  test(`classroom mode on a ${width}×${height} projector: the stage in the first screen, the settings reachable below, no axe violation`, async () => {
    for (const query of ['?class=1&preset=question', '?class=1&preset=question&lang=zh']) {
      const page = await open(browser, query, { width, height });
      await page.waitForSelector(byId('fit-chart'));
      const v = await projectorView(page);
      const where = `${query} at ${width}×${height}`;
      assert.equal(v.scrollY, 0);
      assert.ok(v.rootFont >= 20, `projector-sized text (${v.rootFont}px): ${where}`);
      assert.ok(v.scrollWidth <= v.innerWidth, `nothing scrolls sideways (${v.scrollWidth}px): ${where}`);
      for (const name of ['loss', 'fit']) {
        const chart = v[name];
        assert.ok(chart.width >= 0.28 * v.innerWidth, `${name} chart ${chart.width.toFixed(0)}px wide, under 28% of ${v.innerWidth}: ${where}`);
        assert.ok(chart.height >= 0.5 * v.innerHeight, `${name} chart ${chart.height.toFixed(0)}px high: ${where}`);
        assert.ok(chart.y >= 0 && chart.bottom <= v.innerHeight, `${name} chart (${chart.y.toFixed(0)}–${chart.bottom.toFixed(0)}) in the first screen: ${where}`);
      }
      assert.ok(v.transport.width > 0 && v.transport.y >= 0 && v.transport.bottom <= v.innerHeight, `transport in the first screen: ${where}`);
      const pairs = [['transport', 'lossFigure'], ['transport', 'fitFigure'], ['lossFigure', 'fitFigure']];
      for (const [a, b] of pairs) assert.ok(!overlaps(v[a], v[b]), `${a} and ${b} overlap: ${where}`);
      // The settings follow the stage: on the page, inside the document, reached by scrolling.
      assert.ok(v.preset.width > 0 && v.preset.height > 0, `preset menu shown: ${where}`);
      assert.ok(v.preset.y >= v.lossFigure.y && v.preset.y + v.scrollY + v.preset.height <= v.scrollHeight, `preset menu inside the document, after the stage: ${where}`);
      assert.ok(v.sweepInputs.length >= 3, where);
      for (const input of v.sweepInputs) assert.ok(input.width >= 150, `sweep input ${input.id} ${input.width.toFixed(0)}px: ${where}`);
      assert.deepEqual(await axeViolations(page), [], `axe at ${where}`);
      assert.deepEqual(page.problems, [], where);
      await page.close();
    }
  });
}

test('a phone that opens a classroom link gets the phone layout: no sideways scroll, phone-sized text, hidden panels hidden', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${BASE}?class=1&hide=data,training&preset=question`);
  await page.waitForSelector(byId('fit-chart'));
  // The settings (and the preset menu in them) come in a chunk of their own.
  await panelsArrived(page);
  const v = await projectorView(page);
  assert.ok(v.scrollWidth <= v.innerWidth, `nothing scrolls sideways (${v.scrollWidth}px in ${v.innerWidth})`);
  assert.ok(v.rootFont < 20, `phone-sized text, not a projector's (${v.rootFont}px)`);
  assert.ok(v.loss.width >= 0.8 * v.innerWidth, `charts the phone's width (${v.loss.width.toFixed(0)}px)`);
  assert.ok(!(await page.isVisible(byId('xscale'))), 'the data panel the teacher hid stays hidden');
  assert.ok(!(await page.isVisible(byId('lr'))), 'the training panel the teacher hid stays hidden');
  assert.ok(await page.isVisible(byId('preset')), 'the preset menu stays');
  assert.ok(!(await page.isVisible(byId('shortcuts'))), 'no keyboard hint on a touch screen');
  assert.deepEqual(await axeViolations(page), [], 'axe on the phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the lesson\'s over-fitting run says "over-fitting" over the charts in classroom mode', async () => {
  const page = await open(browser, '?class=1&f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=110&train=110&vsplit=0.9&noise=0.3&out=linear&epochs=3000&opt=adam', { width: 1280, height: 720 });
  await page.click(byId('play'));
  await page.waitForSelector(`${byId('epoch')}[data-running="false"]`, { timeout: 120_000, state: 'attached' });
  const line = await page.textContent(byId('headline'));
  assert.match(line, /^Over-fitting: the validation loss is \d+ times the training loss\.$/);
  assert.match(await page.textContent(byId('diagnosis')), /\(over-fitting\)/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
