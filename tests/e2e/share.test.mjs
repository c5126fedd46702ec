// Share links, notices, the lesson, the Keras export and classroom mode, as a teacher and a learner use them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byId, diagnosis, epoch, playToEnd, screenshot, BASE, ARTIFACTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function stepEpochs(page, count) {
  for (let i = 0; i < count; i++) await page.click(byId('step-epoch'));
  return page.textContent(byId('progress'));
}

test('a copied link reproduces the run to the last printed digit', async () => {
  const page = await open(browser, '?preset=standardized');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.fill(byId('hidden'), '64');
  await page.press(byId('hidden'), 'Enter');
  await page.selectOption(byId('opt'), 'momentum');
  await page.fill(byId('lr'), '0.003');
  await page.press(byId('lr'), 'Enter');
  await page.click(byId('copy-link'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, await page.inputValue(byId('share-url')));
  assert.match(link, /relu-lab\/\?v=1&preset=standardized&hidden=64&opt=momentum&lr=0\.003$/);
  assert.equal(await page.evaluate(() => location.href), link, 'the address bar holds the config');
  const mine = await stepEpochs(page, 10);
  assert.match(mine, /^Epoch 10\/20 600\/600/);

  const fresh = await open(browser, link.slice(BASE.length));
  const theirs = await stepEpochs(fresh, 10);
  assert.equal(theirs, mine);
  await fresh.click(byId('reset'));
  assert.equal(await stepEpochs(fresh, 10), mine, 'reset reproduces it too');
  assert.deepEqual([...page.problems, ...fresh.problems], []);
  await page.close();
  await fresh.close();
});

test('a link with problems opens with a notice naming each, and markup never runs', async () => {
  const page = await open(browser, '?hidden=abc&lr=-1&zzz=1&act=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E'
    + '&noise=%3Cscript%3Ewindow.pwned%3D2%3C%2Fscript%3E');
  const notices = await page.textContent(byId('notices'));
  for (const part of ['hidden=abc', 'lr=-1', 'zzz', '<img src=x onerror="window.pwned=1">', '<script>window.pwned=2</script>']) {
    assert.ok(notices.includes(part), `notice names ${part}: ${notices}`);
  }
  assert.equal(await page.locator(`${byId('notices')} li`).count(), 5);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator(`${byId('notices')} img, ${byId('notices')} script`).count(), 0);
  assert.equal(await page.inputValue(byId('hidden')), '128', 'the default is used');
  await screenshot(page, 'notice');
  await page.click(byId('dismiss-notices'));
  assert.equal(await page.locator(byId('notices')).count(), 0);
  await page.close();
});

test('each lesson step loads its configuration, in English and Chinese', async () => {
  const page = await open(browser, '?lang=zh');
  assert.match(await page.textContent(byId('lesson')), /为什么我的网络总是输出 0/);
  const expected = [
    [1, /preset/, null],
    [2, /^\?v=1$/, 'output_dead'],
    [4, /seed=2/, 'output_dead'],
    [6, /preset=standardized/, 'converged'],
  ];
  for (const [step, query, state] of expected) {
    await page.click(byId(`lesson-step-${step}`));
    if (state) await page.waitForFunction((s) => document.querySelector('[data-testid="diagnosis"]').dataset.state === s
      && document.querySelector('[data-testid="epoch"]').dataset.running === 'false', state, { timeout: 30_000 });
    const search = await page.evaluate(() => location.search);
    assert.match(search.replace('&lang=zh', ''), step === 1 ? /^\?v=1$/ : query, `step ${step}: ${search}`);
    assert.match(search, /lang=zh/, 'the language stays');
  }
  await screenshot(page, 'lesson-zh');
  await page.click(byId('lang-en'));
  assert.match(await page.textContent(byId('lesson')), /Lesson: why does my network output 0\?/);
  assert.doesNotMatch(await page.evaluate(() => location.search), /lang=zh/);
  await screenshot(page, 'lesson-en');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the Keras code of each preset is the seed thread\'s program', async () => {
  const page = await open(browser);
  const programs = {
    question: ['x = np.arange(1, 1000, 1)', "layers.Dense(128, activation='relu')", "layers.Dense(1, activation='relu')",
      'optimizer=optimizers.SGD(learning_rate=0.01)', "metrics=['accuracy']", 'epochs=20', 'validation_split=0.2', 'xtrain = x[:750]'],
    'fewer-points': ['x = np.arange(1, 10, 1)', "layers.Dense(12, activation='relu')", 'xtrain = x[:9]'],
    standardized: ['x = np.random.randn(1000)', 'layers.Dense(1),', 'decay_rate=0.000001', "metrics=['mae']"],
    adam: ['x = np.arange(1, 1000, 1)', 'optimizers.Adam(learning_rate=0.0001)', 'epochs=200', 'layers.Dense(1),'],
  };
  await page.click(`${byId('keras-panel')} summary`);
  for (const [preset, lines] of Object.entries(programs)) {
    await page.selectOption(byId('preset'), preset);
    const code = await page.textContent(byId('keras-code'));
    for (const line of lines) assert.ok(code.includes(line), `${preset}: ${line} in\n${code}`);
    assert.ok(code.includes('batch_size=100'), preset);
  }
  await page.close();
});

test('a classroom link hides the chosen panels and enlarges the page', async () => {
  const page = await open(browser, '?preset=question&class=1&hide=data,training,keras');
  assert.ok(await page.locator('.app.classroom').count());
  for (const id of ['hidden', 'preset']) assert.ok(await page.isVisible(byId(id)), `${id} shown`);
  for (const id of ['lr', 'train', 'keras-panel']) assert.ok(!(await page.isVisible(byId(id))), `${id} hidden`);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.banner')).fontSize));
  assert.ok(size >= 26, `banner font ${size}px`);
  await page.click(byId('play'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch) >= 3);
  await screenshot(page, 'classroom');
  await page.click(byId('leave-classroom'));
  assert.ok(await page.isVisible(byId('lr')));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Back returns to the setup before a preset; the history downloads as CSV', async () => {
  const page = await open(browser, '?hidden=7');
  await page.selectOption(byId('preset'), 'adam');
  assert.match(await page.evaluate(() => location.search), /preset=adam/);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid="hidden"]').value === '7');
  assert.equal(await page.evaluate(() => location.search), '?v=1&hidden=7');
  await page.click(byId('step-epoch'));
  await page.click(byId('step-epoch'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('download-csv'))]);
  assert.equal(download.suggestedFilename(), 'relu-lab-history.csv');
  const { readFileSync } = await import('node:fs');
  // After the comment lines naming the data and the link: the header and one row per epoch.
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
  assert.equal(lines.length, 3, 'header and two epochs');
  assert.match(lines[0], /^epoch,loss,val_loss/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Charts PNG downloads what the page shows, also a chart scrolled out of view', async () => {
  // A short window: the units chart is below the fold, so the screen never drew the run's end there.
  const page = await open(browser, '?preset=question&lang=zh', { width: 1366, height: 900 });
  await playToEnd(page);
  await page.waitForTimeout(1000);
  const files = {};
  const got = new Promise((resolve) => {
    page.on('download', async (download) => {
      files[download.suggestedFilename()] = await download.path();
      if (Object.keys(files).length === 3) resolve();
    });
  });
  await page.click(byId('download-png'));
  await got;
  const { readFileSync } = await import('node:fs');
  const downloaded = readFileSync(files['relu-lab-units-chart.png']).toString('base64');
  // What the page shows once the chart is scrolled to (and drawn, if it was stale).
  await page.locator(byId('units-chart')).scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const shown = await page.evaluate(() => document.querySelector('[data-testid="units-chart"]').toDataURL().split(',')[1]);
  assert.equal(await page.getAttribute(byId('units-chart'), 'data-dead'), '128');
  assert.ok(downloaded === shown, 'the downloaded units chart is the one on the page');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a widget cannot hold what a link could not: stop below start is named, and the link opens the same run', async () => {
  const page = await open(browser, '?preset=question');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.fill(byId('stop'), '0.5');
  await page.press(byId('stop'), 'Enter');
  const notices = await page.textContent(byId('notices'));
  assert.match(notices, /“stop=0\.5” must be above “start”=1; using 1\.5/);
  await page.click(byId('step-epoch'));
  assert.equal(await epoch(page), 1);
  const banner = await page.textContent(byId('diagnosis'));
  const progress = await page.textContent(byId('progress'));
  for (const text of [banner, progress]) assert.doesNotMatch(text, /NaN|inf/i, text);
  await page.waitForSelector(`${byId('epoch')}[data-fingerprint]`);
  const mine = await page.getAttribute(byId('epoch'), 'data-fingerprint');
  await page.click(byId('copy-link'));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const fresh = await open(browser, link.slice(BASE.length));
  assert.equal(await fresh.locator(byId('notices')).count(), 0, 'the link opens without notices');
  await fresh.click(byId('step-epoch'));
  await fresh.waitForSelector(`${byId('epoch')}[data-fingerprint]`);
  assert.equal(await fresh.getAttribute(byId('epoch'), 'data-fingerprint'), mine, 'the same run');
  assert.deepEqual([...page.problems, ...fresh.problems], []);
  await page.close();
  await fresh.close();
});

test('a lesson step, the banner and the chart it talks about are in view together', async () => {
  for (const [width, height, query] of [[1366, 900, '?lang=en'], [1024, 768, '?lang=zh&class=1']]) {
    const page = await open(browser, query, { width, height });
    await page.click(byId('lesson-step-2'));
    await page.waitForFunction(() => document.querySelector('[data-testid="diagnosis"]').dataset.state === 'output_dead'
      && !document.querySelector('[data-testid="play"]').textContent.includes('❚❚'), null, { timeout: 30_000 });
    // In classroom mode the banner's headline stands over the charts (the whole banner under them).
    const ids = query.includes('class=1') ? ['lesson-now', 'headline', 'loss-chart'] : ['lesson-now', 'diagnosis', 'loss-chart'];
    const inView = await page.evaluate((ids) => ids.map((id) => {
      const box = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
      // In view: its top inside the window, and for the chart at least half of it.
      const shown = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
      return [id, box.top >= 0 && box.top < window.innerHeight && shown >= Math.min(box.height, 240) / 2];
    }), ids);
    await page.screenshot({ path: `${ARTIFACTS}lesson-in-view-${width}.png` });
    for (const [id, visible] of inView) assert.ok(visible, `${width}×${height}: ${id} in view`);
    // The banner and the progress line follow every update, mid-epoch too.
    await page.click(byId('reset'));
    await page.click(byId('step'));
    assert.notEqual(await diagnosis(page), 'not_started');
    assert.match(await page.textContent(byId('progress')), /100\/600 \[.*\] - loss: /);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('number boxes show their whole value, at a laptop width and on a phone', async () => {
  for (const [width, height] of [[1366, 768], [390, 844]]) {
    const page = await open(browser, '?lr=0.000001&decay=0.000001&preset=standardized', { width, height });
    const cut = await page.evaluate(() => [...document.querySelectorAll('input[type=number]')]
      .filter((i) => i.getBoundingClientRect().width > 0 && i.scrollWidth > i.clientWidth + 1)
      .map((i) => `${i.dataset.testid}=${i.value} (${i.scrollWidth} > ${i.clientWidth})`));
    assert.deepEqual(cut, [], `${width}: number boxes cut`);
    assert.equal(await page.inputValue(byId('lr')), '0.000001');
    // Every setting is reachable on a laptop screen: the page scrolls to each (no inner scroller).
    if (width === 1366) {
      const controls = await page.evaluate(() => {
        const aside = document.querySelector('.controls');
        return aside.scrollHeight <= aside.clientHeight + 1;
      });
      assert.ok(controls, 'the settings column does not hide settings in a scroller of its own');
      await page.screenshot({ path: `${ARTIFACTS}laptop-1366x768.png`, fullPage: true });
    }
    await page.close();
  }
});
