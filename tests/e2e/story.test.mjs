// One story per run: every sentence the page says about a run agrees with its chart and with every
// other sentence. A formula or the learner's own points are named as themselves (never "y = 2x"),
// the advice's "learns with this seed" is what the banner then says, a converged banner quotes the
// progress line's training loss, and the Chinese page's advice speaks in the controls' words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byId, diagnosis, playToEnd, screenshot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Everything the page says, outside the lesson (whose steps speak of their own runs). */
async function pageWords(page) {
  return page.evaluate(() => {
    const copy = document.querySelector('.app').cloneNode(true);
    copy.querySelector('#lesson')?.remove();
    const titles = [...document.querySelectorAll('[title], [aria-label]')]
      .filter((e) => !e.closest('#lesson'))
      .map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`);
    return `${copy.textContent} ${titles.join(' ')}`;
  });
}

/** The rows of the fit chart's table (paused): [x, target, prediction] as numbers. */
async function fitTable(page) {
  await page.click(`${byId('fit-table')} summary`);
  await page.waitForSelector(`${byId('fit-table')} tbody tr`);
  const number = (text) => Number(text.replace(/,/g, '').replace('−', '-'));
  return page.$$eval(`${byId('fit-table')} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)))
    .then((rows) => rows.map((cells) => cells.map(number)));
}

/** What the advice says once it is measured for the run on screen. */
async function measuredAdvice(page, timeout = 240_000) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="advice-progress"]')
    && document.querySelector('[data-testid="advice-item"], [data-testid="advice-none"], [data-testid="advice-this-run"]'),
  null, { timeout, polling: 100 });
  return page.$$eval(byId('advice-item'), (list) => list.map((li) => ({ change: li.dataset.change, text: li.textContent })));
}

test('a formula is drawn, tabled, measured and named as itself, never as y = 2x', async () => {
  const page = await open(browser, '?f=abs(x)&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&hidden=16&opt=adam&lr=0.02&epochs=150&metric=mae');
  const before = await page.textContent(byId('banner-headline'));
  assert.match(before, /y = abs\(x\)/);
  await playToEnd(page, 120_000);
  const words = await pageWords(page);
  assert.ok(!/y = 2x/.test(words), 'the page says y = 2x about an abs(x) run');
  assert.match(await page.textContent(byId('banner-headline')), /y = abs\(x\)/);
  // The table's target column is |x| at each x (the oracle: Math.abs), not 2x.
  const rows = await fitTable(page);
  assert.ok(rows.length >= 5);
  for (const [x, target] of rows) assert.ok(Math.abs(target - Math.abs(x)) <= 0.002 + 0.001 * Math.abs(x), `${x} → ${target}`);
  // Each column in one form: every cell with as many decimals (not "0" above "0.8").
  const cells = await page.$$eval(`${byId('fit-table')} tbody tr`, (trs) => trs.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  for (let c = 0; c < 3; c++) {
    const decimals = new Set(cells.map((row) => (row[c].split('.')[1] ?? '').length));
    assert.equal(decimals.size, 1, `column ${c}: ${cells.map((row) => row[c]).join(' ')}`);
  }
  // The preset menu names what the run is about: its own target.
  assert.match(await page.textContent(byId('preset-custom')), /y = abs\(x\)/);
  // The chart's measured distance is to |x| too: a trained network lies near it, far closer than 2x.
  const rmse = Number(await page.getAttribute(byId('fit-chart'), 'data-fit-rmse'));
  assert.ok(rmse < 0.2, `rmse to abs(x): ${rmse}`);
  await screenshot(page, 'story-formula');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("an advised change that learns with this seed makes a run the banner calls converged, and the advice agrees", async () => {
  const page = await open(browser, '?preset=question');
  await playToEnd(page);
  const items = await measuredAdvice(page);
  assert.ok(items.length > 0, 'the learner program gets advice');
  // The advice speaks in the controls' words, not link keys.
  for (const item of items) assert.ok(!/[a-z_]+=/.test(item.text), item.text);
  await page.click(`${byId('advice-item')}:first-child ${byId('advice-apply')}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="diagnosis"]').dataset.state === 'not_started');
  // The menu no longer claims the untouched preset.
  await page.waitForSelector(`${byId('preset-custom')}`, { state: 'attached' });
  assert.equal(await page.$eval(byId('preset'), (s) => s.selectedOptions[0]?.dataset.testid), 'preset-custom');
  await playToEnd(page);
  assert.equal(await diagnosis(page), 'converged');
  await measuredAdvice(page);
  assert.equal(await page.$(byId('advice-none')), null, 'the advice says nothing learns beside a converged banner');
  assert.match(await page.textContent(byId('advice-this-run')), /This run learns: \d+ of \d+ seeds/);
  // The converged banner quotes the training loss the progress line prints.
  const banner = await page.textContent(`${byId('diagnosis')} .detail`);
  const progress = await page.textContent(byId('progress'));
  const quoted = Number(banner.match(/training loss ([\d.,e-]+)/i)[1].replace(/,/g, ''));
  const printed = Number(progress.match(/ loss: ([\d.e+-]+)/)[1]);
  assert.ok(Math.abs(quoted - printed) <= 0.005 * Math.abs(printed) + 0.006, `banner ${quoted}, progress ${printed}`);
  await screenshot(page, 'story-applied');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the learner's own noisy points are said to fit at their noise floor, and named as their points", async () => {
  const page = await open(browser, '?xscale=standard&yscale=standard&out=linear&opt=adam&lr=0.01&hidden=16&epochs=150&batch=32&metric=mae');
  // Body mass against flipper length: a line plus scatter no model can explain (seeded, plain JS).
  let state = 11;
  const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const lines = ['flipper_length_mm,body_mass_g'];
  for (let i = 0; i < 342; i += 1) {
    const flipper = Math.round(172 + 59 * random());
    lines.push(`${flipper},${Math.round(50 * flipper - 5780 + 390 * normal())}`);
  }
  await page.click(`${byId('own-data')} summary`);
  await page.fill(byId('data-paste'), lines.join('\n'));
  await page.click(byId('data-apply'));
  await page.waitForFunction(() => location.search.includes('data=own'));
  await playToEnd(page, 120_000);
  assert.equal(await diagnosis(page), 'converged');
  const headline = await page.textContent(byId('banner-headline'));
  assert.match(headline, /your 342 points/);
  const detail = await page.textContent(`${byId('diagnosis')} .detail`);
  assert.match(detail, /noise floor/);
  // The headline gives R², the detail the numbers behind it: R² once.
  assert.match(headline, /R²/);
  assert.ok(!/R²/.test(detail), `R² again in the detail: ${detail}`);
  assert.ok(!/y = 2x/.test(await pageWords(page)), 'own points are called y = 2x');
  // The chart draws no target for own points, and its screen-reader label says none either.
  const label = await page.getAttribute(byId('fit-chart'), 'aria-label');
  assert.ok(label && !/target/.test(label), `the fit chart's label: ${label}`);
  // The table's targets are the points themselves: each row's target is a pasted y at that x.
  const pasted = new Map();
  for (const line of lines.slice(1)) {
    const [x, y] = line.split(',').map(Number);
    pasted.set(x, [...(pasted.get(x) ?? []), y]);
  }
  for (const [x, target] of await fitTable(page)) {
    assert.ok((pasted.get(x) ?? []).some((y) => Math.abs(y - target) <= 0.5 + 1e-3 * Math.abs(y)), `${x} → ${target}`);
  }
  await screenshot(page, 'story-own-noisy');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the Chinese page speaks of settings in its own words: no backtick, no link key in the advice', async () => {
  const page = await open(browser, '?preset=question&lang=zh');
  await playToEnd(page);
  await measuredAdvice(page);
  const advice = await page.textContent(byId('advice'));
  assert.ok(!advice.includes('`'), advice);
  assert.ok(!/\b(xscale|yscale|opt|lr|out|act|init|hidden|stop|train|f|pts|vsplit)\s*=/.test(advice), advice);
  const words = await pageWords(page);
  assert.ok(!words.includes('`'), 'a backtick on the Chinese page');
  assert.deepEqual(page.problems, []);
  await page.close();
});
