// A tiny static host for the benchmark: serves a directory (the release build, dist/) under a
// sub-path (/relu-lab/) on a free loopback port, gzipped as a static host serves it: text, js and
// wasm compressed (once, at level 9, as a host's precompressed copies are) when the request accepts
// gzip, Content-Length and an ETag set, revalidated on every visit (Cache-Control: no-cache).
// Counts the bytes it sends per path, headers included, so a benchmark can read what a whole
// visit transferred (the service worker's own downloads too, which the page's timing never sees).
import { createServer } from 'node:http';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);

/**
 * Serves `dir` at http://127.0.0.1:<port><base>. Returns { url, close(), sent(), reset(), log }:
 * `sent()` is { bytes, files: { path: bytes } } since the last `reset()`.
 */
export async function serveGzip(dir, base = '/relu-lab/') {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no index.html in ${dir}`);
  const cache = new Map();
  const body = (file, gzip) => {
    const key = `${file} ${gzip}`;
    if (!cache.has(key)) {
      const raw = readFileSync(file);
      cache.set(key, gzip ? gzipSync(raw, { level: 9 }) : raw);
    }
    return cache.get(key);
  };
  let sent = { bytes: 0, files: {} };
  const log = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const count = (path, bytes) => {
      sent.bytes += bytes;
      sent.files[path] = (sent.files[path] ?? 0) + bytes;
      log.push({ at: Date.now(), path, bytes, status: res.statusCode });
    };
    if (!url.pathname.startsWith(base)) {
      res.writeHead(url.pathname === base.slice(0, -1) ? 301 : 404,
        url.pathname === base.slice(0, -1) ? { Location: base } : {});
      res.end();
      count(url.pathname, 0);
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      count(url.pathname, 9);
      return;
    }
    // Revalidation as a static host answers it: the same file, 304 Not Modified.
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      count(url.pathname, 60);
      return;
    }
    const ext = extname(file);
    const gzip = COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const data = body(file, gzip);
    const headers = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': data.length,
      'Cache-Control': 'no-cache',
      ETag: etag,
      Vary: 'Accept-Encoding',
    };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    res.writeHead(200, headers);
    const head = Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 40);
    if (req.method === 'HEAD') {
      res.end();
      count(url.pathname, head);
      return;
    }
    res.end(data);
    count(url.pathname, head + data.length);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
    sent: () => ({ bytes: sent.bytes, files: { ...sent.files } }),
    reset: () => { sent = { bytes: 0, files: {} }; log.length = 0; },
    log,
  };
}
