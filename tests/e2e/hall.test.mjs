// Classroom mode for a hall (issue 31): the stage on a projector's first screen, chart text sized for
// the room, legends that leave the plot its width, the QR code full screen, a student's phone, the
// printed handout, the header's Present entry and lesson steps that show what they name.
// What the charts draw is read back by recording the canvas' fillText calls (text, font, canvas):
// an oracle outside the chart code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, byId, playToEnd, panelsArrived, BASE, ARTIFACTS } from './helpers.mjs';

const JSQR = new URL('./node_modules/jsqr/dist/jsQR.js', import.meta.url).pathname;
const PROJECTORS = [[1024, 768], [1366, 768], [1920, 1080]];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Records every text drawn on a canvas: its canvas (test id, or 'offscreen' for a kept image), the
 *  text, its font size in device pixels and the canvas' pixel size. */
function recordTexts() {
  window.__drawn = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    if (window.__drawn.length < 100000) {
      const px = Number((/([\d.]+)px/.exec(this.font) ?? [])[1]);
      window.__drawn.push({ id: this.canvas?.dataset?.testid ?? 'offscreen', text: String(text), px, x, y, align: this.textAlign, baseline: this.textBaseline });
    }
    return fill.call(this, text, x, y, ...rest);
  };
}

async function openPage(query, options) {
  const context = await browser.newContext(options);
  await context.addInitScript(recordTexts);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`exception: ${e.message}`));
  await page.goto(BASE + query);
  await page.waitForSelector(byId('diagnosis'));
  await panelsArrived(page);
  page.closeAll = () => context.close();
  return page;
}

/** Draws every chart on screen again (the window a few pixels narrower, then as it was: a chart
 *  drawn for another size is drawn anew) and returns what was drawn at the window's size. */
async function redrawn(page) {
  const { width, height } = page.viewportSize();
  await page.setViewportSize({ width: width - 4, height });
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__drawn = []; });
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(400);
  return page.evaluate(() => window.__drawn);
}

/** Tick labels: numbers as the axes write them (0.25, 150, 20k, 1.5M, 3.2e10, -4). */
const isTick = (text) => /^-?\d[\d.,]*(e-?\d+|[kM])?$/.test(text);

/** The boxes of the first screen's parts, in CSS pixels of the unscrolled window. */
async function stage(page) {
  return page.evaluate(() => {
    const box = (selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height, bottom: y + height, right: x + width };
    };
    const headline = document.querySelector('[data-testid="headline"]');
    return {
      innerWidth, innerHeight, scrollY,
      scrollWidth: document.documentElement.scrollWidth,
      play: box('[data-testid="play"]'),
      reset: box('[data-testid="reset"]'),
      epoch: box('[data-testid="epoch"]'),
      headline: box('[data-testid="headline"]'),
      headlineText: headline?.textContent ?? '',
      headlineLineHeight: headline ? parseFloat(getComputedStyle(headline).lineHeight) || parseFloat(getComputedStyle(headline).fontSize) * 1.4 : 0,
      headlineCut: headline ? headline.scrollWidth > headline.clientWidth + 1 : true,
      banner: document.querySelector('[data-testid="diagnosis"]')?.textContent ?? '',
      loss: box('[data-testid="loss-chart"]'),
      fit: box('[data-testid="fit-chart"]'),
      units: box('[data-testid="units-chart"]'),
      textPx: Object.fromEntries(['loss-chart', 'fit-chart', 'units-chart', 'sweep-chart']
        .map((id) => [id, Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.textPx)])),
    };
  });
}

const inScreen = (b, v) => b && b.width > 0 && b.height > 0 && b.y >= 0 && b.x >= 0 && b.bottom <= v.innerHeight + 0.5 && b.right <= v.innerWidth + 0.5;
const overlaps = (a, b) => a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5;

for (const [width, height] of PROJECTORS) {
  test(`${width}×${height} projector: after the question dies, play, the headline and the three charts fill the first screen, text sized for the room`, async () => {
    for (const lang of ['en', 'zh']) {
      const page = await openPage(`?class=1&preset=question&lang=${lang}`, { viewport: { width, height } });
      const where = `${width}×${height} ${lang}`;
      await playToEnd(page);
      await page.waitForFunction(() => document.querySelector('[data-testid="diagnosis"]').dataset.state === 'output_dead');
      await page.evaluate(() => scrollTo(0, 0));
      const drawn = await redrawn(page);
      const v = await stage(page);
      assert.equal(v.scrollY, 0);
      assert.ok(v.scrollWidth <= v.innerWidth, `nothing sideways: ${where}`);
      for (const name of ['play', 'reset', 'epoch', 'headline', 'loss', 'fit', 'units']) {
        assert.ok(inScreen(v[name], v), `${name} ${JSON.stringify(v[name])} in the first screen: ${where}`);
      }
      for (const [a, b] of [['loss', 'fit'], ['loss', 'units'], ['fit', 'units'], ['headline', 'loss'], ['headline', 'units'], ['play', 'headline']]) {
        assert.ok(!overlaps(v[a], v[b]), `${a} and ${b} overlap: ${where}`);
      }
      for (const name of ['loss', 'fit', 'units']) {
        assert.ok(v[name].height >= 0.5 * height, `${name} chart ${v[name].height.toFixed(0)}px high: ${where}`);
        assert.ok(v[name].width >= 0.28 * width, `${name} chart ${v[name].width.toFixed(0)}px wide: ${where}`);
      }
      // One line, whole, and what the banner says first.
      assert.ok(v.headline.height <= 2.2 * v.headlineLineHeight, `headline on one line (${v.headline.height}px): ${where}`);
      assert.ok(!v.headlineCut, `headline not cut: ${v.headlineText}: ${where}`);
      assert.ok(v.headlineText.length > 8 && v.banner.startsWith(v.headlineText), `headline "${v.headlineText}" opens the banner: ${where}`);
      // Tick labels at least 2.2% of the screen's height, as the canvas says and as drawn.
      for (const id of ['loss-chart', 'fit-chart', 'units-chart']) {
        assert.ok(v.textPx[id] >= 0.022 * height, `${id} data-text-px ${v.textPx[id]} under 2.2% of ${height}: ${where}`);
        // The fit chart's axes are drawn on its kept background image (offscreen), its lines over it.
        const ticks = drawn.filter((d) => (d.id === id || (id === 'fit-chart' && d.id === 'offscreen')) && isTick(d.text));
        assert.ok(ticks.length >= 3, `${id}: ${ticks.length} tick labels drawn: ${where}`);
        const smallest = Math.min(...ticks.map((d) => d.px));
        assert.ok(smallest >= 0.022 * height, `${id}: a tick label drawn at ${smallest}px: ${where}`);
        assert.ok(Math.abs(smallest - v.textPx[id]) < 0.6, `${id}: drawn ${smallest}px, data-text-px ${v.textPx[id]}: ${where}`);
      }
      // 128 dead units look like 128 dead units: the units chart's band is dark, row after row.
      const dark = await page.evaluate(() => {
        const canvas = document.querySelector('[data-testid="units-chart"]');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] === 90 && data[i + 1] === 90 && data[i + 2] === 90) count++;
        return count / (canvas.width * canvas.height);
      });
      assert.ok(dark >= 0.08, `dead units as a dark band: ${(dark * 100).toFixed(1)}% of the units chart: ${where}`);
      await page.screenshot({ path: `${ARTIFACTS}hall-${width}x${height}-${lang}.png` });
      assert.deepEqual(page.problems, [], where);
      await page.closeAll();
    }
  });
}

test('the sweep chart is sized for the room too', async () => {
  const [width, height] = [1920, 1080];
  const page = await openPage('?class=1&preset=question&seeds=4', { viewport: { width, height } });
  await page.evaluate(() => { window.__drawn = []; });
  await page.click(byId('sweep-run'));
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid="sweep-progress"]');
    return p && p.dataset.total !== '0' && p.dataset.done === p.dataset.total;
  }, null, { timeout: 120_000 });
  await page.waitForTimeout(300);
  const px = Number(await page.getAttribute(byId('sweep-chart'), 'data-text-px'));
  assert.ok(px >= 0.022 * height, `sweep chart data-text-px ${px}`);
  const ticks = (await page.evaluate(() => window.__drawn)).filter((d) => d.id === 'sweep-chart' && /^\d+%?$/.test(d.text));
  assert.ok(ticks.length >= 2, `${ticks.length} tick labels on the sweep chart`);
  const smallest = Math.min(...ticks.map((d) => d.px));
  assert.ok(smallest >= 0.022 * height, `sweep tick drawn at ${smallest}px`);
  await page.locator(byId('sweep-chart')).screenshot({ path: `${ARTIFACTS}hall-sweep-1920.png` });
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

/** A lower bound of a chart's plot width over its canvas' width: the span of its x axis' tick
 *  labels as drawn (centred on their ticks, which lie within the plot). */
async function plotShare(page, id) {
  const drawn = await redrawn(page);
  const xLabels = drawn.filter((d) => (d.id === id || (id === 'fit-chart' && d.id === 'offscreen'))
    && isTick(d.text) && d.align === 'center');
  const width = await page.evaluate((testId) => document.querySelector(`[data-testid="${testId}"]`).width, id);
  const xs = xLabels.map((d) => d.x);
  return xs.length >= 2 ? (Math.max(...xs) - Math.min(...xs)) / width : 0;
}

const FOUR_PINS = ['v=1&lr=0.001&opt=adam&xscale=standard', 'v=1&xscale=standard&yscale=standard&out=linear&hidden=64',
  'v=1&init=he_uniform&act=leaky_relu&batch=32', 'v=1&opt=adam&lr=0.01&clipnorm=1&seed=9']
  .map((p) => `vs=${encodeURIComponent(p)}`).join('&');

test('with four pinned runs of long names the plots keep 60% of their charts\' width, titles whole', async () => {
  const cases = [...PROJECTORS.map(([width, height]) => [`${width}×${height}`, { viewport: { width, height } }, '&class=1']),
    ['phone', PHONE, '']];
  for (const [name, options, classroom] of cases) {
    // 20 epochs: the loss chart's axis runs 0…20, whose ends are ticks however few labels it keeps.
    const page = await openPage(`?preset=question&epochs=20${classroom}&${FOUR_PINS}`, options);
    await playToEnd(page);
    await page.waitForSelector(`${byId('pinned')} li[data-fingerprint]`);
    for (const id of ['fit-chart', 'loss-chart']) {
      await page.locator(byId(id)).scrollIntoViewIfNeeded();
      const share = await plotShare(page, id);
      assert.ok(share >= 0.6, `${name}: the ${id}'s plot ${(share * 100).toFixed(0)}% of its width`);
    }
    // Every caption line drawn lies within its canvas: measured by the browser's own text metrics.
    const cut = await page.evaluate(() => {
      const out = [];
      for (const canvas of document.querySelectorAll('canvas[data-testid$="-chart"]')) {
        const context = canvas.getContext('2d');
        for (const d of window.__drawn.filter((t) => t.id === canvas.dataset.testid && t.text.length > 12)) {
          context.font = `${d.px}px sans-serif`;
          if (context.measureText(d.text).width > canvas.width) out.push(`${canvas.dataset.testid}: ${d.text}`);
        }
      }
      return out;
    });
    assert.deepEqual(cut, [], `${name}: texts wider than their chart`);
    await page.locator(byId('fit-chart')).screenshot({ path: `${ARTIFACTS}hall-pins-fit-${name}.png` });
    await page.locator(byId('loss-chart')).screenshot({ path: `${ARTIFACTS}hall-pins-loss-${name}.png` });
    assert.deepEqual(page.problems, [], name);
    await page.closeAll();
  }
});

test('on a phone, no two axis labels of a chart touch', async () => {
  const page = await openPage('?preset=question', PHONE);
  await playToEnd(page);
  for (const id of ['units-chart', 'loss-chart', 'fit-chart']) {
    await page.locator(byId(id)).scrollIntoViewIfNeeded();
    // Each label once (a chart may be drawn twice meanwhile).
    const seen = new Set();
    const drawn = (await redrawn(page)).filter((d) => (d.id === id || (id === 'fit-chart' && d.id === 'offscreen')) && isTick(d.text))
      .filter((d) => { const key = `${d.id} ${d.text} ${d.x} ${d.y}`; const fresh = !seen.has(key); seen.add(key); return fresh; });
    assert.ok(drawn.length >= 4, `${id}: ${drawn.length} labels`);
    // Labels drawn at one x with one alignment are one axis' y labels: one above the other, they
    // must be a text's height apart. Labels at one y are an x axis': their widths apart.
    const touching = [];
    const groups = new Map();
    for (const d of drawn) {
      const key = `${Math.round(d.x)} ${d.align}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(d);
    }
    for (const group of groups.values()) {
      group.sort((a, b) => a.y - b.y);
      for (let i = 1; i < group.length; i++) {
        if (group[i].y - group[i - 1].y < group[i].px) touching.push(`${group[i - 1].text}/${group[i].text}`);
      }
    }
    const widths = await page.evaluate((texts) => {
      const context = document.createElement('canvas').getContext('2d');
      return texts.map((d) => { context.font = `${d.px}px sans-serif`; return context.measureText(d.text).width; });
    }, drawn);
    const rows = new Map();
    drawn.forEach((d, i) => {
      const key = `${Math.round(d.y)}`;
      if (!rows.has(key)) rows.set(key, []);
      rows.get(key).push({ ...d, width: widths[i] });
    });
    for (const row of rows.values()) {
      if (row.length < 2) continue;
      row.sort((a, b) => a.x - b.x);
      for (let i = 1; i < row.length; i++) {
        if (row[i].x - row[i - 1].x < (row[i].width + row[i - 1].width) / 2) touching.push(`${row[i - 1].text}|${row[i].text}`);
      }
    }
    assert.deepEqual(touching, [], `${id}: labels that touch on a phone`);
  }
  await page.locator(byId('units-chart')).screenshot({ path: `${ARTIFACTS}hall-phone-units.png` });
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('the QR code full screen decodes to the share link, the link under it; the QR button says what it does', async () => {
  for (const [width, height] of PROJECTORS) {
    const page = await openPage('?class=1&preset=question', { viewport: { width, height } });
    const where = `${width}×${height}`;
    // In classroom mode the code shows at once: its button hides it, and says so.
    assert.ok(await page.isVisible(byId('qr')), where);
    assert.equal(await page.getAttribute(byId('qr-button'), 'aria-expanded'), 'true');
    assert.match(await page.textContent(byId('qr-button')), /Hide/, where);
    assert.doesNotMatch(await page.getAttribute(byId('qr-button'), 'title'), /^Show/, where);
    // The warning names the host the link has, in words.
    const warning = await page.textContent(byId('qr-local-warning'));
    const host = new URL(BASE).hostname;
    assert.ok(warning.includes(host), `the warning names ${host}: ${warning}`);
    assert.doesNotMatch(warning, /`|scripts\/|HOST=/, 'no backticks or shell commands');
    await page.click(byId('qr-fullscreen'));
    await page.waitForSelector(byId('qr-overlay'));
    const box = await page.locator(byId('qr-large')).boundingBox();
    assert.ok(box.height >= 0.6 * height, `full-screen code ${box.height.toFixed(0)}px high on ${height}`);
    assert.ok(box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, where);
    const link = await page.inputValue(byId('share-url'));
    assert.equal(await page.textContent(byId('qr-overlay-link')), link);
    const linkBox = await page.locator(byId('qr-overlay-link')).boundingBox();
    assert.ok(linkBox.y >= box.y + box.height - 1 && linkBox.y + linkBox.height <= height, `the link under the code, on screen: ${where}`);
    await page.addScriptTag({ path: JSQR });
    const decoded = await page.evaluate(async () => {
      const svg = document.querySelector('[data-testid="qr-large"]');
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
      return window.jsQR(context.getImageData(0, 0, size, size).data, size, size)?.data ?? null;
    });
    assert.equal(decoded, link, where);
    await page.screenshot({ path: `${ARTIFACTS}hall-qr-${width}x${height}.png` });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'qr-overlay-close', 'the dialog has the focus');
    await page.keyboard.press('Escape');
    await page.waitForSelector(byId('qr-overlay'), { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'qr-fullscreen', 'the focus back where it was');
    assert.deepEqual(page.problems, [], where);
    await page.closeAll();
  }
});

test('a phone opening a classroom link gets the student\'s view: no QR panel, no warning', async () => {
  const page = await openPage('?class=1&preset=question', PHONE);
  await page.waitForSelector(byId('fit-chart'));
  assert.ok(!(await page.isVisible(byId('qr'))), 'no QR code on the student\'s phone');
  assert.equal(await page.locator(byId('qr-local-warning')).count(), 0, 'no warning about this computer');
  assert.equal(await page.getAttribute(byId('qr-button'), 'aria-expanded'), 'false');
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `nothing sideways (${overflow}px)`);
  await page.screenshot({ path: `${ARTIFACTS}hall-phone-student.png` });
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a handout prints the charts drawn again at print size, of the run now, in their proportions, on one A4 page', async () => {
  for (const lang of ['en', 'zh']) {
    const page = await openPage(`?class=1&preset=question&lang=${lang}`, { viewport: { width: 1366, height: 768 } });
    await playToEnd(page);
    // The units chart off screen while the run ends: printing must not take its old picture.
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await page.click(`${byId('forensics')} summary`);
    const deadRows = await page.locator(`${byId('forensics')} tr.dead`).count();
    await page.evaluate(() => { window.__drawn = []; });
    // Printed from the browser's menu: the browser says `beforeprint`.
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(200);
    const charts = await page.evaluate(() => ['loss-chart', 'fit-chart', 'units-chart'].map((id) => {
      const canvas = document.querySelector(`[data-testid="${id}"]`);
      const box = canvas.getBoundingClientRect();
      return { id, drawn: canvas.width / canvas.height, shown: box.width / box.height, width: box.width };
    }));
    for (const c of charts) {
      assert.ok(c.width > 100, `${c.id} printed ${c.width}px wide`);
      assert.ok(Math.abs(c.shown / c.drawn - 1) < 0.02, `${c.id} drawn ${c.drawn.toFixed(3)}, printed ${c.shown.toFixed(3)}: ${lang}`);
    }
    const drawn = await page.evaluate(() => window.__drawn);
    const caption = drawn.filter((d) => d.id === 'units-chart').map((d) => d.text).join(' | ');
    assert.ok(caption.includes(`${deadRows}`) && deadRows > 0, `the printed units chart says ${deadRows} dead: ${caption.slice(0, 200)}`);
    // No developer text on paper.
    const paper = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(paper, /`|scripts\/|HOST=|localhost/, `developer text printed: ${lang}`);
    assert.ok(await page.isVisible(byId('qr')), 'the QR code prints');
    const pdf = await page.pdf({ format: 'A4', path: `${ARTIFACTS}hall-handout-${lang}.pdf`, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `one A4 page, not ${pages}: ${lang}`);
    await page.screenshot({ path: `${ARTIFACTS}hall-handout-${lang}.png`, fullPage: true });
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    // The steps with the most words on paper (the rewound update's; the learner's posted log
    // beside this run's) still print on one page.
    for (const step of [3, 11]) {
      await page.click(byId(`lesson-step-${step}`));
      await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.running !== 'true'
        && !document.querySelector('[data-testid="play"]').disabled, null, { timeout: 120_000 });
      await page.waitForTimeout(300);
      await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      const sheet = await page.pdf({ format: 'A4', path: `${ARTIFACTS}hall-handout-${lang}-step${step}.pdf` });
      const sheets = (sheet.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.equal(sheets, 1, `step ${step} on one A4 page, not ${sheets}: ${lang}`);
      await page.evaluate(() => dispatchEvent(new Event('afterprint')));
      await page.emulateMedia({ media: 'screen' });
    }
    assert.deepEqual(page.problems, [], lang);
    await page.closeAll();
  }
});

test('Present in the header turns classroom mode on at the top; the hidden panels change while presenting', async () => {
  const page = await openPage('?preset=question', { viewport: { width: 1366, height: 768 } });
  await page.evaluate(() => scrollTo(0, 900));
  await page.click(byId('present'));
  await page.waitForSelector('.app.classroom');
  await page.waitForFunction(() => scrollY === 0);
  assert.match(await page.evaluate(() => location.search), /class=1/);
  for (const panel of ['data', 'network', 'training', 'preset']) {
    await page.check(byId(`hide-${panel}`));
  }
  await page.waitForFunction(() => !document.querySelector('[data-testid="lr"]') || document.querySelector('[data-testid="lr"]').getBoundingClientRect().width === 0);
  // With every settings panel hidden, the hidden panels can still be shown again.
  assert.ok(await page.isVisible(byId('hide-training')), 'the hide list stays reachable');
  await page.uncheck(byId('hide-training'));
  await page.waitForSelector(`${byId('lr')}`, { state: 'visible' });
  assert.match(await page.evaluate(() => location.search), /hide=/);
  await page.click(byId('leave-classroom'));
  await page.waitForSelector('.app:not(.classroom)');
  assert.ok(await page.isVisible(byId('present')));
  // The classroom box in the settings does the same as Present: the page goes to its top.
  await page.locator(byId('class')).scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => scrollY > 0));
  await page.check(byId('class'));
  await page.waitForSelector('.app.classroom');
  await page.waitForFunction(() => scrollY === 0);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a step that shows something far from its words keeps the words and the next step in view above it (1280×720)', async () => {
  const [width, height] = [1280, 720];
  const page = await openPage('?class=1&preset=question', { viewport: { width, height } });
  // The rewound update's units chart, the sweeps, the learner's posted line under the banner.
  const named = { 3: 'units-chart', 9: 'sweep-chart', 11: 'learner-log', 13: 'sweep-chart' };
  for (const [step, id] of Object.entries(named)) {
    await page.click(byId(`lesson-step-${step}`));
    await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').dataset.running !== 'true'
      && !document.querySelector('[data-testid="play"]').disabled, null, { timeout: 120_000 });
    await page.waitForTimeout(800);
    const words = await page.locator(byId('lesson-now')).boundingBox();
    const next = await page.locator(byId('lesson-next')).boundingBox();
    const shown = await page.locator(byId(id)).boundingBox();
    const seen = (b) => b.y >= 0 && b.y + b.height <= height;
    assert.ok(seen(words), `step ${step}: its words in view (${words.y.toFixed(0)}–${(words.y + words.height).toFixed(0)})`);
    assert.ok(seen(next), `step ${step}: the next step's button in view`);
    assert.ok(shown.y >= words.y + words.height - 1 && shown.y + shown.height <= height,
      `step ${step}: ${id} in view under the words (${shown.y.toFixed(0)}–${(shown.y + shown.height).toFixed(0)}, words end ${(words.y + words.height).toFixed(0)})`);
    await page.screenshot({ path: `${ARTIFACTS}hall-step${step}-1280x720.png` });
  }
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('lesson steps bring what they name into view: the units chart for the rewound update, the sweep', async () => {
  const [width, height] = [1024, 768];
  const page = await openPage('?class=1&preset=question', { viewport: { width, height } });
  await page.click(byId('lesson-step-3'));
  await page.waitForSelector(byId('next-update'), { timeout: 60_000 });
  await page.waitForTimeout(500);
  const units = await page.locator(byId('units-chart')).boundingBox();
  assert.ok(units.y >= 0 && units.y + units.height <= height, `units chart in view (${units.y.toFixed(0)}–${(units.y + units.height).toFixed(0)})`);
  const next = await page.locator(byId('next-update')).boundingBox();
  assert.ok(next.y >= 0 && next.y + next.height <= height, 'what the next update does, in view');
  // After the rewind the loss chart shows the run up to that update, not an empty chart.
  const lossTexts = (await redrawn(page)).filter((d) => d.id === 'loss-chart').map((d) => d.text);
  assert.ok(lossTexts.some((t) => /update \d+/.test(t)), `the loss chart marks the update: ${lossTexts.join(' | ')}`);
  assert.ok(!lossTexts.some((t) => /Press play/.test(t)), 'not an empty chart');
  await page.screenshot({ path: `${ARTIFACTS}hall-step3-1024.png` });
  await page.click(byId('lesson-step-9'));
  await page.waitForTimeout(800);
  const sweep = await page.locator(byId('sweep-chart')).boundingBox();
  assert.ok(sweep.y >= 0 && sweep.y < height - 100, `sweep chart in view (${sweep.y.toFixed(0)})`);
  await page.screenshot({ path: `${ARTIFACTS}hall-step9-1024.png` });
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
