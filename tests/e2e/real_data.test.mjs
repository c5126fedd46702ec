// Real data as people bring it (issue 32): a penguins-like CSV with text columns, a header and NA
// rows, pasted whole or opened; columns chosen by name; bad lines skipped by choice and said; the
// page's run and the runner's on the same file and columns give the same fingerprint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { launch, open, byId, fingerprint, playToEnd, screenshot } from './helpers.mjs';

const RUNNER = new URL('../../target/release/examples/headless', import.meta.url).pathname;
const PENGUINS = new URL('../fixtures/penguins.csv', import.meta.url).pathname;
const PENGUINS_TEXT = readFileSync(PENGUINS, 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openBox(page) {
  // The box comes in a chunk of its own once the page is live (src/ui/chunk.rs).
  await page.waitForSelector(byId('own-data'), { state: 'attached' });
  await page.$eval(byId('own-data'), (details) => { details.open = true; });
}

/** The select's options as [value, text, disabled]. */
async function options(page, id) {
  return page.$$eval(`${byId(id)} option`, (list) => list.map((o) => [o.value, o.textContent, o.disabled]));
}

test('a penguins CSV pasted whole: columns by name, bad lines skipped by choice, and the runner trains the same run', async () => {
  const page = await open(browser, '?out=linear&xscale=standard&yscale=standard&hidden=8&opt=adam&lr=0.01&epochs=15');
  await openBox(page);
  // Pasted as a person pastes (a paste event carrying the text).
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const box = document.querySelector('[data-testid="data-paste"]');
    box.focus();
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    if (!box.value) { box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); }
  }, PENGUINS_TEXT);
  await page.click(byId('data-apply'));
  // The columns are offered by name; words are offered but cannot be taken.
  await page.waitForSelector(byId('data-x-column'));
  const xs = await options(page, 'data-x-column');
  assert.deepEqual(xs.map(([, text]) => text.replace(/ \(.*\)$/, '')), ['species', 'island', 'bill_length_mm',
    'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'year']);
  assert.deepEqual(xs.filter(([, , disabled]) => disabled).map(([, text]) => text.split(' ')[0]), ['species', 'island', 'sex']);
  // By default the first two columns of numbers, and the page says so.
  assert.equal(await page.$eval(byId('data-x-column'), (s) => s.selectedOptions[0].textContent), 'bill_length_mm');
  assert.equal(await page.$eval(byId('data-y-column'), (s) => s.selectedOptions[0].textContent), 'bill_depth_mm');
  const chosen = await page.textContent(byId('data-columns-chosen'));
  assert.match(chosen, /bill_length_mm/);
  assert.match(chosen, /first two columns of numbers/);
  // Two lines are NA in those columns: named, nothing applied, and a button offers to skip them.
  await page.waitForSelector(byId('data-skip-bad'));
  assert.equal(await page.textContent(byId('data-skip-bad')), 'Skip the 2 lines whose x or y is not a number: 5, 341');
  assert.ok(!(await page.evaluate(() => location.search)).includes('data=own'), 'nothing applied yet');
  // Choose other columns by name: the same two lines, offered again.
  await page.selectOption(byId('data-x-column'), { label: 'flipper_length_mm' });
  await page.selectOption(byId('data-y-column'), { label: 'body_mass_g' });
  await page.waitForFunction(() => document.querySelector('[data-testid="data-skip-bad"]')?.textContent.includes('5, 341'));
  await page.click(byId('data-skip-bad'));
  await page.waitForFunction(() => location.search.includes('data=own'));
  assert.match(await page.textContent(byId('data-in-use')), /342/);
  const skipped = await page.textContent(byId('data-skipped'));
  assert.match(skipped, /Skipped 2 lines whose x or y is not a number: 5, 341/);
  const search = decodeURIComponent(await page.evaluate(() => location.search));
  assert.ok(search.includes('xcol=flipper_length_mm') && search.includes('ycol=body_mass_g'), search);
  // Own data: the formula box is disabled and says why; noise is not offered.
  assert.equal(await page.$eval(byId('formula'), (input) => input.disabled), true);
  assert.match(await page.textContent(byId('formula-own-data')), /own y/);
  assert.equal(await page.isVisible(byId('noise')), false);
  // Sorted by species: the validation rows are the heaviest birds, and the page says so.
  const sorted = await page.textContent(byId('data-sorted'));
  assert.match(sorted, /validation/);
  assert.match(sorted, /sorted/);
  await screenshot(page, 'real-data-penguins');
  await page.click(byId('data-shuffle'));
  await page.waitForFunction(() => location.search.includes('shuffle=1'));
  assert.equal(await page.locator(byId('data-sorted')).count(), 0, 'shuffled: the parts are alike');
  await playToEnd(page);
  const mine = await fingerprint(page);
  const link = (await page.evaluate(() => location.search)).slice(1);
  // The runner, on the file itself, with the columns by name and the bad lines skipped.
  const run = spawnSync(RUNNER, ['--data', PENGUINS, '--x', 'flipper_length_mm', '--y', 'body_mass_g', '--skip-bad', link],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /Skipped 2 lines whose x or y is not a number: 5, 341/);
  const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)).summary;
  assert.equal(summary.fingerprint, mine, 'the page and the runner train the same run');
  // The names label the fit chart's table and the Keras program.
  const keras = await page.textContent(byId('keras-code'));
  assert.match(keras, /# x: flipper_length_mm, y: body_mass_g/);
  assert.match(keras, /metrics=\['mae'\]/);
  assert.match(keras, /order = np\.random\.permutation/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a penguins file opened: read by its columns in the Keras program; a PNG is refused unread, opened or dropped', async () => {
  const page = await open(browser, '?out=linear&epochs=2');
  await openBox(page);
  await page.setInputFiles(byId('data-file'), PENGUINS);
  await page.waitForSelector(byId('data-skip-bad'));
  await page.click(byId('data-skip-bad'));
  await page.waitForFunction(() => location.search.includes('file=penguins.csv'));
  const keras = await page.textContent(byId('keras-code'));
  assert.match(keras, /data = pd\.read_csv\('penguins\.csv'/);
  assert.match(keras, /x = data\['bill_length_mm'\]/);
  assert.match(keras, /assert len\(x\) == 342/);
  const before = await page.inputValue(byId('data-paste'));
  // A PNG (its signature and a few bytes): refused before it is read, on open and on drop.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await page.setInputFiles(byId('data-file'), { name: 'chart.png', mimeType: 'image/png', buffer: png });
  await page.waitForFunction(() => /not a text file/.test(document.querySelector('[data-testid="own-data"] [role="alert"]')?.textContent ?? ''));
  assert.equal(await page.inputValue(byId('data-paste')), before, 'the PNG was not read into the box');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], 'x.csv', { type: 'text/csv' }));
    for (const type of ['dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  });
  await page.waitForFunction(() => /not a text file/.test(document.querySelector('[data-testid="own-data"] [role="alert"]')?.textContent ?? ''));
  assert.equal(await page.inputValue(byId('data-paste')), before);
  assert.ok((await page.evaluate(() => location.search)).includes('file=penguins.csv'), 'the data in use stays');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('many bad lines: the list shows the first and how many more, inside its box', async () => {
  const page = await open(browser, '?out=linear&epochs=2');
  await openBox(page);
  const lines = ['x,y'];
  for (let i = 0; i < 400; i += 1) lines.push(i % 4 === 0 ? `${i},${2 * i},ok` : `${i},NA,${'z'.repeat(120)}`);
  await page.fill(byId('data-paste'), lines.join('\n'));
  await page.click(byId('data-apply'));
  await page.waitForSelector(`${byId('data-errors')} li`);
  const items = await page.$$eval(`${byId('data-errors')} li`, (list) => list.map((li) => li.textContent));
  assert.equal(items.length, 11, items.join(' | '));
  assert.match(items.at(-1), /290 more/);
  // Inside its box: no wider than the panel, and not taller than a screen.
  const size = (selector) => page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { width: r.width, height: r.height };
  });
  const box = await size(`${byId('own-data')} [role="alert"]`);
  const panel = await size(byId('own-data'));
  assert.ok(box.width <= panel.width + 1, `${box.width} > ${panel.width}`);
  assert.ok(box.height < 500, `${box.height}`);
  assert.ok((await page.evaluate(() => document.documentElement.scrollHeight)) < 6000);
  assert.match(await page.textContent(byId('data-skip-bad')), /Skip the 300 lines whose x or y is not a number: 3, 4, 5, .* and 290 more/);
  await screenshot(page, 'real-data-many-bad-lines');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// ── The runner on the same files: columns by name, bad lines by choice, in words of its own ──

const runner = (...args) => spawnSync(RUNNER, args, { encoding: 'utf8' });
const QUICK = 'epochs=2&hidden=4&out=linear';

test('the runner takes the first two columns of numbers and says so; bad lines stop it in its own words', () => {
  const { status, stdout, stderr } = runner('--data', PENGUINS, QUICK);
  assert.equal(status, 2, stderr);
  assert.equal(stdout, '');
  assert.match(stderr, /x is the column “bill_length_mm”, y the column “bill_depth_mm”: the first two columns of numbers/);
  assert.match(stderr, /Nothing was trained: 2 lines in the columns asked for hold something that is not a number \(--skip-bad leaves them out\)/);
  assert.match(stderr, /line 5: column “bill_length_mm” is missing \(“NA”\)/);
  assert.doesNotMatch(stderr, /nothing was applied|current data stays/, 'the page\'s words are not the runner\'s');
});

test('the runner skips bad lines only when asked, says which, and takes any link with --data, data=own included', () => {
  const skipped = runner('--data', PENGUINS, '--x', '5', '--y', 'body_mass_g', '--skip-bad', `data=own&${QUICK}`);
  assert.equal(skipped.status, 0, skipped.stderr);
  assert.match(skipped.stderr, /Skipped 2 lines whose x or y is not a number: 5, 341\./);
  const summary = JSON.parse(skipped.stdout.trim().split('\n').at(-1)).summary;
  assert.equal(summary.epochs_run, 2);
  // The Keras program of the same: the file read by its columns' names.
  const keras = runner('--keras', '--data', PENGUINS, '--x', 'flipper_length_mm', '--y', 'body_mass_g', '--skip-bad', QUICK);
  assert.equal(keras.status, 0, keras.stderr);
  assert.match(keras.stdout, /data = pd\.read_csv\('penguins\.csv'/);
  assert.match(keras.stdout, /assert len\(x\) == 342/);
  // The sorted file is pointed out, with the setting that shuffles it.
  assert.match(keras.stderr, /validation rows' y .* lies away from the training rows'.*Add shuffle=1/s);
});

test('the runner refuses a text column, an unknown one, a binary file and a link of other points, clearly', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const cases = [
    [['--data', PENGUINS, '--x', 'species', '--y', 'body_mass_g'], /column “species” holds words, not numbers/],
    [['--data', PENGUINS, '--x', 'mass'], /No column is named “mass”\. The columns are: species, island, bill_length_mm/],
    [['--data', PENGUINS, '--skip-bad', `data=own&pts=~342.0123456789abcdef&${QUICK}`], /the link names other points \(342 rows, hash 01234567\)/],
    [['--x', '3', QUICK], /--x, --y and --skip-bad choose what --data FILE reads/],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'relu-lab-'));
  const png = join(dir, 'chart.csv');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  cases.push([['--data', png, QUICK], /not a text file/]);
  for (const [args, words] of cases) {
    const { status, stdout, stderr } = runner(...args);
    assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, words, args.join(' '));
    assert.doesNotMatch(stderr, /panicked/);
  }
});

test('in Chinese, the columns, the skip offer and the sorted rows speak Chinese, and axe finds nothing', async () => {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const page = await open(browser, '?lang=zh&out=linear&epochs=2');
  await openBox(page);
  await page.fill(byId('data-paste'), PENGUINS_TEXT);
  await page.click(byId('data-apply'));
  await page.waitForSelector(byId('data-skip-bad'));
  // Words of the English side of these messages (core/src/i18n.rs) that must not show.
  const english = /\b(column|columns|lines?|numbers?|skip|first|words|rows?|validation|training|sorted|mean|shuffle|points)\b/i;
  const texts = async () => (await page.$$eval(
    [byId('data-columns-chosen'), byId('data-skip-bad'), byId('data-errors'), byId('data-in-use'), byId('data-skipped'),
      byId('data-sorted'), byId('formula-own-data'), `${byId('own-data')} label span`].join(','),
    (list) => list.map((el) => el.textContent))).map((t) => t.replace(/`[^`]*`/g, ' '));
  for (const text of await texts()) assert.doesNotMatch(text, english, text);
  assert.match(await page.textContent(byId('data-skip-bad')), /跳过 x 或 y 不是数字的 2 行：5, 341/);
  await page.selectOption(byId('data-x-column'), { label: 'flipper_length_mm' });
  await page.selectOption(byId('data-y-column'), { label: 'body_mass_g' });
  await page.waitForFunction(() => document.querySelector('[data-testid="data-skip-bad"]')?.textContent.includes('5, 341'));
  await page.click(byId('data-skip-bad'));
  await page.waitForSelector(byId('data-sorted'));
  for (const text of await texts()) assert.doesNotMatch(text, english, text);
  assert.match(await page.textContent(byId('data-sorted')), /验证集行的 y/);
  const results = await new AxeBuilder({ page }).include(byId('own-data')).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});
