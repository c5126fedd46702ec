// relu-lab's service worker: after one visit the page opens, trains and runs sweeps without a
// network, and the first online visit after a new release gets the new release.
//
// index.html registers it as ./sw.js with scope ./ (the page's own directory, whatever path the
// site is served under); trunk copies this file unchanged into dist/ (`<link data-trunk
// rel="copy-file" href="src/sw.js">`). Browsers without service workers never load it.
//
// Network first: every GET inside the scope goes to the network exactly as it would without a
// service worker, so an online visit always gets the files on the server (through the HTTP cache,
// as usual). Only when the network fails does the cache answer.
//
// The cache holds whole releases. A release is index.html and the files it names (the page's hashed
// js, wasm and css, and the chunks of wasm its panels load once the page is live, which
// scripts/split.py lists in index.html); its cache is named after the SHA-256 of index.html. The sweep worker's files
// (not named by index.html, not hashed, a quarter of the page's weight) join it when a sweep first
// runs online, so a first visit downloads nothing the page does not use; a new release brings
// them along if the kept one had them. When a visit brings an index.html whose release is not
// cached yet (at install, and on the first online visit after a new release), the release is
// downloaded into a new cache, its page written last; then every other release is deleted.
// Offline, the newest complete release answers, so a half-downloaded release never mixes with the
// old one, and old files never pile up. When the release is already cached, its unhashed files
// (the worker's) are checked against the server, so a release that changes only them is kept too.
'use strict';

// Bump when the caches' layout changes: caches of another layout are deleted on activate.
const LAYOUT = 'v1';
// The scope, e.g. https://example.org/relu-lab/. Cache Storage is shared by the whole origin (other
// sites under the same host, other copies of relu-lab), so every cache name carries the scope.
const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const OURS = `relu-lab ${SCOPE} `;
const PREFIX = `${OURS}${LAYOUT} `; // + the release: relu-lab <scope> v1 <sha-256 of index.html>
// The key of the page (index.html) in a release's cache; written last, so it marks a whole release.
const PAGE = SCOPE;
// The sweep and advice workers' files: the page starts ./worker_loader.js (src/ui/pool.rs), which
// imports ./worker.js, which loads ./worker_bg.wasm (index.html's data-type="worker" link). Kept
// when a sweep fetches them; a release without them is still whole.
const WORKER_FILES = ['worker_loader.js', 'worker.js', 'worker_bg.wasm'];
// trunk's content-hashed names (relu-lab-<hex>.js, relu-lab-<hex>_bg.wasm, style-<hex>.css): the same
// name is the same bytes, so they are copied from the previous release, never re-fetched. The hash
// is a 64-bit number in hex without leading zeros: 16 digits or fewer (style-7ffc2d06cf200db.css).
const HASHED = /-[0-9a-f]{1,16}(_bg)?\.[a-z]+$/;
const MATCH = { ignoreVary: true };

// Releases being downloaded by this service worker, by cache name (two tabs download once).
const building = new Map();

self.addEventListener('install', (event) => {
  // A new sw.js takes over at once: it only ever adds an offline fallback to the network.
  self.skipWaiting();
  // Best effort: without the download the worker still installs, and the next online visit retries.
  event.waitUntil(fetch(PAGE, { cache: 'no-cache' }).then(keep).catch(report));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await retire(await newest()); // other layouts, other releases, half-downloaded ones
    await self.clients.claim(); // the first visit's page (and its sweep workers) now use the cache too
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE) || request.headers.has('range')) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  if (request.mode === 'navigate') {
    // The page, with any query (the address bar holds the whole configuration); other
    // documents under the scope are none of this worker's business.
    const { pathname } = new URL(request.url);
    if (pathname === SCOPE_PATH || pathname === `${SCOPE_PATH}index.html`) event.respondWith(page(event));
    return;
  }
  event.respondWith(file(event));
});

async function page(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(keep(response.clone()).catch(report));
    return response;
  } catch (offline) {
    const cache = await current();
    return (cache && (await cache.match(PAGE))) || Response.error();
  }
}

async function file(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (response.ok && isWorkerFile(request.url)) event.waitUntil(keepWorkerFile(request.url, response.clone()).catch(report));
    return response;
  } catch (offline) {
    const cache = await current();
    const cached = cache && (await cache.match(request, MATCH));
    if (cached) return cached;
    throw offline; // as without a service worker: the request fails
  }
}

function isWorkerFile(url) {
  const { pathname } = new URL(url);
  return WORKER_FILES.some((name) => pathname === `${SCOPE_PATH}${name}`);
}

/** A sweep's worker file, fetched online: kept in the newest whole release (a release being
 * downloaded gets it from the one it replaces). */
async function keepWorkerFile(url, response) {
  const cache = await current();
  if (cache) await cache.put(url, await copyOf(response));
}

/** Keeps the release whose index.html is `response` (once), then deletes every other release. */
async function keep(response) {
  if (!response.ok) return;
  const body = await response.arrayBuffer();
  const name = PREFIX + hex(await crypto.subtle.digest('SHA-256', body));
  if (!building.has(name)) {
    building.set(name, store(name, body, rebuilt(response.headers)).finally(() => building.delete(name)));
  }
  return building.get(name);
}

async function store(name, body, headers) {
  const cache = await caches.open(name);
  if (await cache.match(PAGE)) return refresh(cache);
  const previous = await current();
  const html = new TextDecoder().decode(body);
  await Promise.all([
    ...assets(html).map((url) => download(cache, url, previous)),
    ...(await workerFilesOf(previous)).map((url) => download(cache, url, null)),
  ]);
  await cache.put(PAGE, new Response(body, { status: 200, headers }));
  await retire(name);
}

/** The worker files `release` holds (those a sweep has fetched), by URL. */
async function workerFilesOf(release) {
  if (!release) return [];
  const urls = WORKER_FILES.map((name) => new URL(name, SCOPE).href);
  const held = await Promise.all(urls.map((url) => release.match(url, MATCH)));
  return urls.filter((_, i) => held[i]);
}

/** The same-origin files under the scope that index.html names: its href and src attributes and
 * the relative URLs in its inline scripts (trunk's loader imports the js and fetches the wasm). */
function assets(html) {
  const urls = new Set();
  const named = /\b(?:href|src)\s*=\s*["']([^"']+)["']|["'](\.{0,2}\/(?!\/)[^"'\s]*)["']/g;
  for (const match of html.matchAll(named)) {
    const url = new URL(match[1] ?? match[2], SCOPE);
    url.hash = '';
    const { href } = url;
    if (href.startsWith(SCOPE) && href !== PAGE && href !== `${SCOPE}index.html` && href !== self.location.href) {
      urls.add(href);
    }
  }
  return [...urls];
}

async function download(cache, url, previous) {
  const hashed = HASHED.test(new URL(url).pathname);
  const old = hashed && previous && (await previous.match(url, MATCH));
  if (old) return cache.put(url, old);
  const response = await fetch(url, { cache: hashed ? 'default' : 'no-cache' });
  if (response.ok) return cache.put(url, response);
  // Not on the server (the page would not get it either): nothing to keep. Anything else
  // (a server error) leaves the release incomplete, to be tried again on the next visit.
  if (response.status !== 404 && response.status !== 410) throw new Error(`${url}: HTTP ${response.status}`);
}

/** Re-checks a kept release's unhashed files; replaces them all together, or none. */
async function refresh(cache) {
  const requests = (await cache.keys()).filter((r) => r.url !== PAGE && !HASHED.test(new URL(r.url).pathname));
  const changed = await Promise.all(requests.map(async (request) => {
    const fresh = await fetch(request.url, { cache: 'no-cache' });
    if (!fresh.ok) throw new Error(`${request.url}: HTTP ${fresh.status}`);
    const kept = await cache.match(request, MATCH);
    const version = validator(fresh.headers);
    if (kept && version && version === (kept.headers.get(VALIDATOR) ?? validator(kept.headers))) return null;
    return [request, await copyOf(fresh)];
  }));
  for (const [request, response] of changed.filter(Boolean)) await cache.put(request, response);
}

// What identifies a version of a file on the server, kept with the copies made here.
const VALIDATOR = 'x-relu-lab-validator';
function validator(headers) {
  const [etag, modified, length] = ['etag', 'last-modified', 'content-length'].map((h) => headers.get(h) ?? '');
  return etag || modified ? `${etag}|${modified}|${length}` : null;
}

/** A copy of `response` to keep: its body decoded, its server version (`validator`) beside it. */
async function copyOf(response) {
  const headers = rebuilt(response.headers);
  const version = validator(response.headers);
  if (version) headers.set(VALIDATOR, version);
  return new Response(await response.blob(), { headers });
}

/** The headers of a response made here from a body already decoded: without the encoding and the
 * length of the body as it was sent. */
function rebuilt(headers) {
  const copy = new Headers(headers);
  copy.delete('content-encoding');
  copy.delete('content-length');
  return copy;
}

/** The name of the newest complete release of this scope and layout, or null. */
async function newest() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX)).reverse(); // newest first
  for (const name of names) {
    if (await caches.match(PAGE, { cacheName: name })) return name;
  }
  return null;
}

async function current() {
  const name = await newest();
  return name && caches.open(name);
}

/** Deletes every cache of this scope but `keep`. */
async function retire(keep) {
  for (const name of await caches.keys()) {
    if (name.startsWith(OURS) && name !== keep) await caches.delete(name);
  }
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function report(error) {
  console.warn('relu-lab: the offline copy was not updated:', error);
}
