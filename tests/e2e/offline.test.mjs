// Offline after one visit (src/sw.js): the page opens and trains with the network gone, and runs a
// sweep once a sweep has run online (a first visit does not download the sweep worker); a new release replaces the kept one on the next online visit; without service workers
// nothing changes.
//
// Going offline is context.setOffline(true) and, as well, the server going down: these tests
// serve their own copy of dist/ (under /relu-lab/, as scripts/common.sh's serve_dist does) and
// refuse every request while it is down, so they do not depend on setOffline reaching the service
// worker's own fetches (it did not in older Playwright, microsoft/playwright#2311). The copy is
// also what a test rewrites to make a new release; the site the other tests use is never touched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { launch, open, byId, epoch, screenshot } from './helpers.mjs';

const DIST = process.env.RELU_LAB_DIST ?? new URL('../../dist/', import.meta.url).pathname;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A copy of dist/ served at http://127.0.0.1:PORT/relu-lab/ that can go down and take new releases.
 * Like GitHub Pages, it compresses (gzip, Vary: Accept-Encoding) and validates (ETag, 304). */
async function serveCopy() {
  const root = mkdtempSync(join(tmpdir(), 'relu-lab-offline-'));
  const dir = join(root, 'relu-lab');
  cpSync(DIST, dir, { recursive: true });
  const site = { dir, down: false, requested: [] };
  const server = http.createServer((req, res) => {
    if (site.down) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url, 'http://site').pathname);
    site.requested.push(path);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    let body;
    try {
      if (!file.startsWith(`${dir}/`)) throw new Error('outside the site');
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'last-modified': statSync(file).mtime.toUTCString(),
      'cache-control': 'no-cache',
      etag,
      vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${server.address().port}/relu-lab/`;
  site.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  };
  return site;
}

const WORKER_FILES = ['worker_loader.js', 'worker.js', 'worker_bg.wasm'];

/** What a whole release of the site in `dir` is: the page (kept as the scope URL) and every file
 * but index.html and sw.js; the sweep worker's files only once a sweep has run (`workers`). */
function releaseOf(dir, url, { workers = false } = {}) {
  const files = readdirSync(dir).filter((f) => f !== 'index.html' && f !== 'sw.js'
    && (workers || !WORKER_FILES.includes(f)));
  assert.equal(WORKER_FILES.filter((f) => files.includes(f)).length, workers ? 3 : 0, `worker files in ${dir}`);
  return [url, ...files.map((f) => url + f)].sort();
}

function watch(page) {
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`exception: ${e.message}`));
  // A reload aborts what the page was still fetching (the sweep workers the advice panel starts
  // after a run, say): the browser's doing, not a failure. A request that fails is another error.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') page.problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return page;
}

/** Opens `url` in a new tab of `context` (which keeps the service worker and its caches). */
async function visit(context, url) {
  const page = watch(await context.newPage());
  const response = await page.goto(url);
  await page.waitForSelector(byId('diagnosis'));
  return { page, response };
}

/** The caches this origin holds: [{ name, files: [url, ...] }]. */
async function kept(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out.push({ name, files: (await cache.keys()).map((r) => r.url).sort() });
    }
    return out;
  });
}

/** Waits until the service worker controls `page` and exactly one release, `files`, is kept. */
async function waitForRelease(page, files, timeout = 60_000) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout });
  const deadline = Date.now() + timeout;
  let caches;
  while (Date.now() < deadline) {
    caches = await kept(page);
    if (caches.length === 1 && JSON.stringify(caches[0].files) === JSON.stringify(files)) return caches[0];
    await page.waitForTimeout(100);
  }
  assert.fail(`kept ${JSON.stringify(caches, null, 1)}, want one release of ${JSON.stringify(files, null, 1)}`);
}

async function keptText(page, url) {
  return page.evaluate(async (u) => (await caches.match(u))?.text(), url);
}

async function trains(page) {
  const start = await epoch(page);
  await page.click(byId('play'));
  await page.waitForFunction((e) => Number(document.querySelector('[data-testid="epoch"]').dataset.epoch) > e,
    start, { timeout: 30_000, polling: 100 });
}

async function sweeps(page, seeds = 20) {
  await page.fill(byId('sweep-seeds'), String(seeds));
  await page.press(byId('sweep-seeds'), 'Enter');
  await page.click(byId('sweep-run'));
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid="sweep-progress"]');
    return p && p.dataset.total !== '0' && p.dataset.done === p.dataset.total;
  }, null, { timeout: 120_000, polling: 100 });
  return Number(await page.getAttribute(byId('sweep-progress'), 'data-total'));
}

async function goOffline(context, site) {
  site.down = true;
  await context.setOffline(true);
}

test('the page served under a sub-path keeps a whole release after one visit', async () => {
  const page = await open(browser);
  const scope = new URL('./', page.url()).href;
  const release = await waitForRelease(page, releaseOf(DIST, scope));
  assert.ok(release.name.startsWith(`relu-lab ${scope} v1 `), release.name);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('after one visit the page opens and trains with the network gone, and after one sweep online it sweeps offline', async () => {
  const site = await serveCopy();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const { page } = await visit(context, site.url);
    await waitForRelease(page, releaseOf(site.dir, site.url));
    // The first visit downloads no part of the sweep worker: the page does not use it yet.
    assert.deepEqual(site.requested.filter((path) => WORKER_FILES.some((f) => path.endsWith(`/${f}`))), []);
    // A sweep online keeps the worker's files with the release.
    assert.equal(await sweeps(page, 20), 20);
    await waitForRelease(page, releaseOf(site.dir, site.url, { workers: true }));

    await goOffline(context, site);
    const reloaded = await page.reload();
    await page.waitForSelector(byId('diagnosis'));
    assert.ok(reloaded.fromServiceWorker(), 'the page came from the service worker');
    // The panels in chunks of their own (src/ui/chunk.rs) come from the kept release too.
    for (const panel of ['advice', 'sweep', 'lesson', 'keras-panel', 'own-data', 'forensics', 'share-url', 'pin']) {
      await page.waitForSelector(byId(panel), { state: 'attached', timeout: 30_000 });
    }
    assert.equal(await page.$(byId('chunk-failed')), null, 'no panel failed to load');
    await trains(page);
    // 20 seeds of the one cell: the sweep's workers (worker_loader.js, worker.js, worker_bg.wasm)
    // come from the cache too.
    assert.equal(await sweeps(page, 20), 20);
    await screenshot(page, 'offline');

    // A share link (any query) opens offline in a new tab as well.
    const link = await visit(context, `${site.url}?preset=adam&hidden=7`);
    assert.equal(await link.page.inputValue(byId('opt')), 'adam');
    assert.equal(await link.page.inputValue(byId('hidden')), '7');
    await trains(link.page);

    assert.deepEqual(page.problems, []);
    assert.deepEqual(link.page.problems, []);
  } finally {
    await context.close();
    await site.close();
  }
});

test('the first online visit after a new release replaces the kept release, worker files included', async () => {
  const site = await serveCopy();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const { page } = await visit(context, site.url);
    await waitForRelease(page, releaseOf(site.dir, site.url));
    assert.equal(await sweeps(page, 20), 20);
    const first = await waitForRelease(page, releaseOf(site.dir, site.url, { workers: true }));

    // Release 2: the stylesheet under a new hashed name (the old file gone from the server), a
    // marker in index.html, and a changed worker file (same name: trunk does not hash it).
    const css = readdirSync(site.dir).find((f) => /^style-[0-9a-f]{1,16}\.css$/.test(f));
    const newCss = 'style-feedfacefeedface.css';
    renameSync(join(site.dir, css), join(site.dir, newCss));
    const index = join(site.dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replaceAll(css, newCss)
      .replace('<head>', '<head>\n  <meta name="relu-lab-release" content="2">'));
    appendFileSync(join(site.dir, 'worker_loader.js'), '\n// release 2\n');

    await page.reload();
    await page.waitForSelector(byId('diagnosis'));
    assert.equal(await page.getAttribute('meta[name="relu-lab-release"]', 'content'), '2', 'online: the new page');
    // The worker's files come along: the kept release had them.
    const second = await waitForRelease(page, releaseOf(site.dir, site.url, { workers: true }));
    assert.notEqual(second.name, first.name);
    assert.ok(!second.files.includes(site.url + css));
    assert.match(await keptText(page, site.url), /relu-lab-release/);
    assert.match(await keptText(page, `${site.url}worker_loader.js`), /release 2/);

    // Offline, the new release opens whole: its page, its stylesheet, its wasm.
    await goOffline(context, site);
    await page.reload();
    await page.waitForSelector(byId('diagnosis'));
    assert.equal(await page.getAttribute('meta[name="relu-lab-release"]', 'content'), '2', 'offline: the new page');
    assert.ok(await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').sheet.cssRules.length > 0));
    await trains(page);
    assert.deepEqual(page.problems, []);

    // Back online: a release that changes only a worker file (same index.html) is kept too.
    site.down = false;
    await context.setOffline(false);
    appendFileSync(join(site.dir, 'worker_loader.js'), '// release 3\n');
    await page.reload();
    await page.waitForSelector(byId('diagnosis'));
    const deadline = Date.now() + 30_000;
    while (!/release 3/.test(await keptText(page, `${site.url}worker_loader.js`)) && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    assert.match(await keptText(page, `${site.url}worker_loader.js`), /release 3/);
    assert.equal((await waitForRelease(page, releaseOf(site.dir, site.url, { workers: true }))).name, second.name);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
    await site.close();
  }
});

test('without service workers the page works as before and never asks for sw.js', async () => {
  const site = await serveCopy();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // As an old browser, or a page served over plain http from a LAN address (not a secure context).
  await context.addInitScript(() => { delete Navigator.prototype.serviceWorker; });
  try {
    const { page } = await visit(context, site.url);
    assert.equal(await page.evaluate(() => 'serviceWorker' in navigator), false);
    await trains(page);
    await page.waitForLoadState('load');
    assert.ok(!site.requested.some((p) => p.endsWith('/sw.js')), site.requested.join(' '));
    assert.deepEqual(await page.evaluate(() => caches.keys()), []);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
    await site.close();
  }
});
