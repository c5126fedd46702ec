// A learner's own problem and the advice the page measures: type a formula, paste points (a bad
// line is named and the old data stays), reopen the link, follow an advised change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byId, diagnosis, epoch, playToEnd, screenshot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fingerprint(page) {
  await page.waitForSelector(`${byId('epoch')}[data-fingerprint]`, { state: 'attached' });
  return page.getAttribute(byId('epoch'), 'data-fingerprint');
}

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

test('the QR panel warns that a link to this computer opens on no phone, in both languages', async () => {
  for (const [lang, words] of [['en', /phones cannot open it/], ['zh', /手机无法打开/]]) {
    const page = await open(browser, `?preset=question&lang=${lang}`);
    await page.click(byId('qr-button'));
    const warning = page.locator(byId('qr-local-warning'));
    await warning.waitFor();
    assert.match(await warning.textContent(), words);
    assert.match(await warning.textContent(), /HOST=0\.0\.0\.0/);
    await page.close();
  }
});
