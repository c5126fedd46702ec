// A learner's own problem and the advice the page measures: type a formula, paste points (a bad
// line is named and the old data stays), reopen the link, follow an advised change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byId, diagnosis, epoch, fingerprint, playToEnd, screenshot, runSweep } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a typed formula becomes the target, and a formula that does not parse is refused where it fails', async () => {
  const page = await open(browser, '?data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&epochs=30');
  await page.fill(byId('formula'), 'abs(x)');
  await page.press(byId('formula'), 'Enter');
  await page.waitForFunction(() => location.search.includes('f=abs'));
  await playToEnd(page);
  assert.equal(await epoch(page), 30);
  assert.notEqual(await diagnosis(page), 'diverged');
  // A formula with a missing parenthesis keeps abs(x), and the notice names the character.
  await page.fill(byId('formula'), 'sin(x');
  await page.press(byId('formula'), 'Enter');
  const notices = await page.textContent(byId('notices'));
  assert.match(notices, /f/);
  assert.match(notices, /character|\)/);
  assert.equal(await page.inputValue(byId('formula')), 'abs(x)');
  await screenshot(page, 'own-formula');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('pasted points with a bad line are refused line by line; good points train and travel in the link', async () => {
  const page = await open(browser, '?out=linear&epochs=5');
  await page.click(`${byId('own-data')} summary`);
  await page.fill(byId('data-paste'), 'x,y\n1,2\n2,4\nthree,6\n4,8\n');
  await page.click(byId('data-apply'));
  const errors = await page.$$eval(`${byId('data-errors')} li`, (items) => items.map((li) => li.textContent));
  assert.equal(errors.length, 1, errors.join(' | '));
  assert.match(errors[0], /4/);
  assert.match(errors[0], /three/);
  // Nothing was applied: the data is still the built-in arange.
  assert.ok(!(await page.evaluate(() => location.search)).includes('data=own'));
  await page.fill(byId('data-paste'), 'x;y\r\n1;2,5\r\n2;4,5\r\n3;6,5\r\n4;8,5\r\n5;10,5\r\n');
  await page.click(byId('data-apply'));
  await page.waitForFunction(() => location.search.includes('data=own'));
  assert.match(await page.textContent(byId('data-in-use')), /5/);
  await playToEnd(page);
  const mine = await fingerprint(page);
  const link = await page.evaluate(() => location.search);
  // A reload keeps the points (the address holds them).
  await page.reload();
  await page.waitForSelector(byId('diagnosis'));
  assert.match(await page.textContent(byId('data-in-use')), /5/);
  const fresh = await open(browser, link);
  await playToEnd(fresh);
  assert.equal(await fingerprint(fresh), mine, 'the link reopens the same run on the same points');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(fresh.problems, []);
  await fresh.close();
  await page.close();
});

test('the advice on the learner program names what works, and following it works', async () => {
  const page = await open(browser, '?preset=question&seed=7');
  await playToEnd(page);
  assert.equal(await diagnosis(page), 'output_dead');
  await page.waitForSelector(byId('advice-item'), { timeout: 120_000 });
  const items = await page.$$eval(byId('advice-item'), (list) => list.map((li) => ({
    change: li.dataset.change, share: Number(li.dataset.share),
  })));
  const changes = items.map((i) => i.change);
  assert.ok(changes.includes('opt=adam'), changes.join(' | '));
  assert.ok(!changes.includes('xscale=standard'), 'scaling x alone does not save this run: not advised');
  for (const item of items) assert.ok(item.share > 0 && item.share <= 1, JSON.stringify(item));
  // The "why" names the numbers of this run, never a fix.
  assert.match(await page.textContent(byId('advice-why')), /1,998|1,200|600|999/);
  await screenshot(page, 'advice-question');
  // Apply the first advice: the run it makes learns with this seed.
  await page.click(`${byId('advice-item')} >> nth=0 >> ${byId('advice-apply')}`);
  const applied = items[0].change.split('&');
  await page.waitForFunction((pairs) => pairs.every((p) => decodeURIComponent(location.search).includes(p)), applied);
  await playToEnd(page);
  assert.ok(['converged', 'learning'].includes(await diagnosis(page)), await diagnosis(page));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a pinned run that was born dead reads as born dead, not killed', async () => {
  // Seed 0 of the learner program is born dead (the engine's own test finds such seeds by oracle).
  for (const seed of [0, 1, 2, 3, 4, 5]) {
    const page = await open(browser, `?preset=question&seed=${seed}&epochs=1`);
    const state = await diagnosis(page);
    if (state !== 'output_dead') { await page.close(); continue; }
    await page.click(byId('pin'));
    const pinned = await page.getAttribute(`${byId('pinned')} li`, 'data-state');
    assert.equal(pinned, 'born_dead');
    await page.close();
    return;
  }
  assert.fail('no born-dead seed among 0..5');
});

test('the QR panel warns that a link to this computer opens on no phone, naming its host, in both languages', async () => {
  for (const [lang, words] of [['en', /a phone cannot open it/], ['zh', /手机无法打开/]]) {
    const page = await open(browser, `?preset=question&lang=${lang}`);
    await page.click(byId('qr-button'));
    const warning = page.locator(byId('qr-local-warning'));
    await warning.waitFor();
    const text = await warning.textContent();
    assert.match(text, words);
    // The host the link really has, in plain words: no backticks, no shell command on the page.
    assert.ok(text.includes(new URL(await page.inputValue(byId('share-url'))).hostname), text);
    assert.doesNotMatch(text, /`|HOST=|scripts\//, text);
    await page.close();
  }
});

// ── Own data kept outside the link (issue 22: browser storage, drag and drop, workers, Chinese) ──

/** Points whose link is far beyond 8,000 characters: x = i/7 and y = 2x + 1/3 at full precision. */
function longPoints(rows = 1000) {
  const lines = ['x,y'];
  for (let i = 0; i < rows; i += 1) lines.push(`${i / 7},${(2 * i) / 7 + 1 / 3}`);
  return `${lines.join('\n')}\n`;
}

async function paste(page, text) {
  // Opened, not toggled: a second paste (or a drop, which opens it) must not close it. The box
  // comes in a chunk of its own once the page is live (src/ui/chunk.rs).
  await page.waitForSelector(byId('own-data'), { state: 'attached' });
  await page.$eval(byId('own-data'), (details) => { details.open = true; });
  await page.fill(byId('data-paste'), text);
  await page.click(byId('data-apply'));
}

test('points too long for the link come back on a reload from browser storage; another browser is told they are missing', async () => {
  const page = await open(browser, '?out=linear&epochs=3');
  await paste(page, longPoints());
  await page.waitForFunction(() => location.search.includes('pts=~1000.'));
  assert.ok((await page.evaluate(() => location.href.length)) < 8000, 'the address names the points by their tag');
  assert.match(await page.textContent(byId('data-in-use')), /1000|1,000/);
  await playToEnd(page);
  const mine = await fingerprint(page);
  const link = await page.evaluate(() => location.search);
  await page.reload();
  await page.waitForSelector(byId('diagnosis'));
  assert.match(await page.textContent(byId('data-in-use')), /1000|1,000/);
  assert.equal(await page.locator(byId('notices')).count(), 0, 'no notice: the points were found');
  await playToEnd(page);
  assert.equal(await fingerprint(page), mine, 'the reload trains the same run on the same points');
  // A fresh browser (its own storage) does not have them: it says which points are missing and
  // trains on nothing else of the learner's.
  const hash = link.match(/pts=~1000\.([0-9a-f]{8})/)[1];
  const friend = await open(browser, link);
  const notices = await friend.textContent(byId('notices'));
  assert.match(notices, /1000/);
  assert.ok(notices.includes(hash), notices);
  assert.equal(await friend.locator(byId('data-in-use')).count(), 0);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(friend.problems, []);
  await friend.close();
  await page.close();
});

test('a paste of 100,000 rows is held aside: the box shows its first lines, Apply reads them all, Clear empties it', async () => {
  const page = await open(browser, '?out=linear&epochs=1');
  await page.click(`${byId('own-data')} summary`);
  const rows = ['x,y'];
  for (let i = 0; i < 100000; i++) rows.push(`${i / 1000},${(i % 97) / 10}`);
  const text = rows.join('\n');
  // A person's paste: a paste event carrying the text (the page takes it, the box does not).
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const box = document.querySelector('[data-testid="data-paste"]');
    box.focus();
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  const held = await page.textContent(byId('data-held'));
  assert.match(held, /100,001/, held);
  await screenshot(page, 'own-held');
  const shown = await page.inputValue(byId('data-paste'));
  assert.equal(shown, rows.slice(0, 100).join('\n'), 'the box shows the first 100 lines as they were pasted');
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="data-paste"]').readOnly), true,
    'the box is locked while it shows a part');
  await page.click(byId('data-apply'));
  await page.waitForSelector(byId('data-in-use'));
  assert.match(await page.textContent(byId('data-in-use')), /100000|100,000/);
  assert.ok(Number(await page.getAttribute(byId('data-in-use'), 'data-read-ms')) > 0, 'the reading time is published');
  // Clear gives the box back, empty and editable; the points in use stay.
  await page.click(byId('data-clear'));
  assert.equal(await page.inputValue(byId('data-paste')), '');
  assert.equal(await page.locator(byId('data-held')).count(), 0);
  await page.fill(byId('data-paste'), 'x,y\n1,3\n2,5\n');
  assert.equal(await page.inputValue(byId('data-paste')), 'x,y\n1,3\n2,5\n');
  assert.match(await page.textContent(byId('data-in-use')), /100000|100,000/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

/** Drops a file with `content` (a string, or a byte count of zeros) on the page's body. */
async function dropFile(page, content, name = 'points.csv') {
  await page.evaluate(([content, name]) => {
    const data = new DataTransfer();
    const body = typeof content === 'number' ? [new Uint8Array(content)] : [content];
    data.items.add(new File(body, name, { type: 'text/csv' }));
    for (const type of ['dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, [content, name]);
}

test('a file dropped on the page is read like a chosen one; a bad line is named and 10 MB is refused unread', async () => {
  const page = await open(browser, '?out=linear&epochs=3');
  await dropFile(page, 'x\ty\n1\t2\n2\tfour\n3\t6\n');
  await page.waitForSelector(`${byId('data-errors')} li`);
  const errors = await page.$$eval(`${byId('data-errors')} li`, (items) => items.map((li) => li.textContent));
  assert.equal(errors.length, 1, errors.join(' | '));
  assert.match(errors[0], /3/);
  assert.match(errors[0], /four/);
  assert.ok(!(await page.evaluate(() => location.search)).includes('data=own'), 'nothing applied');
  await dropFile(page, 10 * 1024 * 1024);
  await page.waitForFunction(() => /10 MB/.test(document.querySelector('[data-testid="own-data"] [role="alert"]')?.textContent ?? ''));
  assert.equal(await page.inputValue(byId('data-paste')), 'x\ty\n1\t2\n2\tfour\n3\t6\n', 'the large file was not read');
  await dropFile(page, 'x;y\r\n1;2,5\r\n2;4,5\r\n3;6,5\r\n');
  await page.waitForFunction(() => location.search.includes('data=own'));
  assert.match(await page.textContent(byId('data-in-use')), /3/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a sweep over own points counts exactly what the native runner counts on them', async () => {
  const { execFileSync } = await import('node:child_process');
  const runner = new URL('../../target/release/examples/headless', import.meta.url).pathname;
  const points = [];
  for (let i = -10; i <= 10; i += 1) points.push(`${i / 10},${Math.abs(i) / 10}`);
  const page = await open(browser, '?out=linear&epochs=20&hidden=4&sweep=lr:0.001|0.1&seeds=12');
  await paste(page, `x,y\n${points.join('\n')}\n`);
  await page.waitForFunction(() => location.search.includes('data=own'));
  const link = (await page.evaluate(() => location.search)).slice(1);
  const cells = await runSweep(page);
  const native = execFileSync(runner, ['--sweep', link], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => JSON.parse(l)).filter((l) => l.cell);
  assert.deepEqual(cells, native);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('in Chinese, the data errors and the data notices are Chinese', async () => {
  // Words of the English side of the data messages (core/src/i18n.rs) that must not show.
  const english = /\b(line|column|values?|number|lines|data|points|link|browser|hash|applied|file|using)\b/i;
  const page = await open(browser, '?lang=zh&out=linear&epochs=3');
  await paste(page, 'x,y\n1,2\n2,abc\n3\n4,inf\n');
  const alert = `${byId('own-data')} [role="alert"]`;
  await page.waitForSelector(`${byId('data-errors')} li`);
  const items = await page.$$eval(`${byId('data-errors')} li`, (list) => list.map((li) => li.textContent));
  assert.equal(items.length, 3, items.join(' | '));
  for (const item of items) {
    // The line's own content (between backticks) is the learner's, not the page's.
    const words = item.replace(/`[^`]*`/g, '');
    assert.doesNotMatch(words, english, item);
    assert.match(words, /第 \d+ 行/, item);
  }
  const heading = await page.textContent(`${alert} p`);
  assert.doesNotMatch(heading, english, heading);
  assert.match(heading, /[\u4e00-\u9fff]/);
  await dropFile(page, 10 * 1024 * 1024 + 5);
  await page.waitForFunction(() => /10 MB/.test(document.querySelector('[data-testid="own-data"] [role="alert"] p')?.textContent ?? ''));
  assert.doesNotMatch((await page.textContent(`${alert} p`)).replace('10 MB', ''), english);
  await paste(page, 'x,y\n1,2\n2,4\n3,6\n');
  await page.waitForFunction(() => location.search.includes('data=own'));
  assert.doesNotMatch(await page.textContent(byId('data-in-use')), english);
  await page.close();
  // A link that names points this browser does not have: the notice is Chinese.
  const missing = await open(browser, '?lang=zh&data=own&pts=~500.0123456789abcdef');
  const notices = await missing.textContent(byId('notices'));
  assert.match(notices, /500/);
  assert.match(notices, /01234567/);
  assert.doesNotMatch(notices.replace(/pts|~500\.0123456789abcdef|data|own/g, ''), /\b(the|points|link|browser|hash|file)\b/i, notices);
  assert.match(notices, /[\u4e00-\u9fff]/);
  await missing.close();
});
