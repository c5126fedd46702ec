// Every state a learner meets, in both languages, normal and classroom: no accessibility violation
// (axe-core, WCAG 2.2 AA), and in Chinese no English label anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, open, byId, playToEnd } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The states of the page a learner meets: presets before and after play, notices, the lesson, the
 *  Keras panel, the new panels (sweep, pinned runs, rewind, the units table). */
const STATES = [
  ['question, fresh', '?preset=question', async () => {}],
  ['question, played', '?preset=question', async (page) => { await playToEnd(page); }],
  ['fewer-points, played', '?preset=fewer-points', async (page) => { await playToEnd(page); }],
  ['standardized, played', '?preset=standardized', async (page) => { await playToEnd(page); }],
  ['adam, fresh', '?preset=adam', async () => {}],
  ['log, fresh', '?preset=log', async () => {}],
  ['notices', '?hidden=abc&lr=-1&zzz=1', async () => {}],
  ['lesson step 3 (rewind)', '?preset=question', async (page) => {
    await page.click(byId('lesson-step-3'));
    await page.waitForSelector(byId('next-update'));
    await page.click(byId('replay-gentle'));
  }],
  ['Keras panel, units table, deep network', '?preset=standardized&hidden=4,4', async (page) => {
    await page.click(`${byId('keras-panel')} summary`);
    await page.click(byId('step-epoch'));
    await page.click(`${byId('forensics')} summary`);
    await page.click(`${byId('loss-table')} summary`);
  }],
  ['pinned runs and a sweep', `?preset=question&epochs=3&vs=${encodeURIComponent('v=1&lr=0.001')}&sweep=lr:0.001|0.1&seeds=10`, async (page) => {
    await playToEnd(page);
    await page.click(byId('sweep-run'));
    await page.waitForFunction(() => {
      const p = document.querySelector('[data-testid="sweep-progress"]');
      return p && p.dataset.total !== '0' && p.dataset.done === p.dataset.total;
    });
    await page.click(byId('sweep-cell-1'));
  }],
  ['QR code', '?preset=question', async (page) => { await page.click(byId('qr-button')); }],
];

/** Visible text nodes and labels with English words in them (code names and numbers aside). */
async function englishIn(page) {
  return page.evaluate(() => {
    // Code names the page keeps as code, and words that are the same in both languages.
    const allowed = new Set(['relu-lab', 'English', 'Keras', 'Dense', 'MSE', 'MAE', 'SGD', 'Adam', 'PReLU', 'ReLU',
      'epoch', 'epochs', 'batch', 'loss', 'x', 'y', 'v', 'w', 'b', 'z', 'lr', 'H', 'e', 'log', 'rai', 'Lu', 'et', 'al',
      'RAI', 'Beta', 'Wilson', 'softmax', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'linear',
      'sgd', 'adam', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'glorot_uniform', 'glorot_normal', 'he_uniform',
      'he_normal', 'lecun_uniform', 'lecun_normal', 'arange', 'randn', 'uniform', 'none', 'standard', 'minmax', 'maxabs',
      'accuracy', 'mae', 'np', 'numpy', 'fit', 'validation_split', 'x_scale', 'acc', 'val_loss', 'val_acc', 'ŷ', 's',
      'max', 'min', 'round', 'Keras3', 'nan', 'inf', 'Karniadakis', 'Shin', 'Su', 'CSV', 'PNG', 'A4', 'QR', 'R²', 'f',
      'mean', 'var', 'σ', 'metrics', 'activation', 'std', 'keras', 'Epoch', 'http', 'https', 'v1', 'preset', 'question',
      'fewer-points', 'standardized', 'browser', 'zh', 'en', 'step', 'start', 'stop', 'hidden', 'act', 'out', 'init',
      'bias', 'opt', 'decay', 'xscale', 'yscale', 'metric', 'seed', 'seeds', 'sweep', 'vs', 'hi', 'lo', 'n', 'train',
      'vsplit', 'noise', 'slope', 'intercept', 'alpha', 'lang', 'class', 'hide', 'Dense(1', 'Nesterov', 'TSV',
      'adamw', 'constant', 'exponential', 'cosine', 'clipnorm', 'clipvalue', 'global_clipnorm', 'weight_decay',
      'decay_steps', 'decay_rate', 'staircase', 'cosine_alpha', 'warmup_target', 'warmup_steps', 'own',
      // Formulas: f'(wx+b)·x.
      "f'", 'wx', 'exp', 'o']);
    const words = [];
    // Screen-reader text (the charts' descriptions, `.visually-hidden`) is read out: it is scanned.
    const skip = (el) => el.closest('pre, code, [data-testid="share-url"], [data-testid="keras-code"], .qr-link, option, script, style, [hidden], .hidden, .progress');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement || skip(node.parentElement)) continue;
      const box = node.parentElement.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      texts.push(node.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
    }
    for (const text of texts) {
      // Quoted spans (code, names, what was typed) and URLs are code.
      const plain = text.replace(/“[^”]*”/g, ' ').replace(/https?:\/\/\S+/g, ' ');
      for (const word of plain.match(/[A-Za-z][A-Za-z_'-]*/g) ?? []) {
        if (!allowed.has(word) && word.length > 1) words.push(`${word} (in "${text.slice(0, 60)}")`);
      }
    }
    return [...new Set(words)];
  });
}

for (const classroom of [false, true]) {
  for (const lang of ['en', 'zh']) {
    test(`axe finds nothing${lang === 'zh' ? ' and no English label shows' : ''}: ${lang}${classroom ? ', classroom' : ''}`, async () => {
      for (const [name, query, reach] of STATES) {
        const page = await open(browser, `${query}&lang=${lang}${classroom ? '&class=1' : ''}`);
        await reach(page);
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
        assert.deepEqual(violations, [], `${name}`);
        if (lang === 'zh') {
          assert.deepEqual(await englishIn(page), [], `${name}: English words in Chinese`);
          // The scan reads what a screen reader reads: each chart's description is scanned, and
          // holds Chinese (a description in English would be caught above).
          const described = await page.$$eval('figcaption.visually-hidden', (list) => list.map((f) => f.textContent));
          assert.ok(described.length >= 3 && described.every((text) => /[\u4e00-\u9fff]/.test(text)), `${name}: ${described}`);
        }
        assert.deepEqual(page.problems, [], name);
        await page.close();
      }
    });
  }
}

test('a link without lang follows the browser: Chinese for zh-CN, and the link does not record it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${process.env.RELU_LAB_URL ?? 'http://127.0.0.1:8080/'}?preset=question`);
  await page.waitForSelector(byId('diagnosis'));
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent(byId('play')), /播放/);
  assert.doesNotMatch(await page.evaluate(() => location.search), /lang=/);
  await page.click(byId('lang-en'));
  assert.match(await page.textContent(byId('play')), /Play/);
  assert.match(await page.evaluate(() => location.search), /lang=en/);
  await context.close();
});
