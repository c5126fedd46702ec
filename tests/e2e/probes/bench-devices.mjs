// The device profiles of the browser benchmark (issue 21; run by bench.mjs, not a test): the release
// page served gzipped (static-gzip.mjs), opened as a first visit in each profile, then played at max
// speed. Per profile: the bytes transferred before the page can play, the time to ready, frames/s
// (median and 95th-percentile requestAnimationFrame gap), live epochs/s on three runs, and the
// breakdown of a frame the page exposes (`data-*-ms` attributes on `.charts`, e.g. data-draw-ms).
//
// Throttling is Chromium's own, through the DevTools protocol, with the figures Lighthouse uses for a
// mid-range phone: CPU 4x slower (Emulation.setCPUThrottlingRate), "slow 4G" (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up, Lighthouse's 1,024-based kbit).

export const PROFILES = {
  desktop: { viewport: { width: 1366, height: 900 }, cpu: 1 },
  laptop: { viewport: { width: 1366, height: 900 }, cpu: 4 },
  phone: {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, cpu: 4,
    network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  },
};

export const RUNS = {
  question: 'preset=question&epochs=100000',
  standardized: 'preset=standardized&epochs=100000',
  hidden_32x4: 'preset=standardized&hidden=32,32,32,32&epochs=100000',
};

const PLAY = '[data-testid="play"]';

// Runs in the page before its own scripts: notes (performance.now()) when the play button first
// exists and is enabled, the moment the page can play.
function watchReady() {
  const check = () => {
    const play = document.querySelector('[data-testid="play"]');
    if (play && !play.disabled && window.__benchReadyMs === undefined) {
      window.__benchReadyMs = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
}

async function throttle(context, page, profile) {
  const cdp = await context.newCDPSession(page);
  if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  if (profile.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  }
  return cdp;
}

/** Plays `query` at max speed for `seconds`, measuring in the page. */
async function live(page, base, query, seconds) {
  await page.goto(`${base}?${query}`);
  await page.waitForSelector(`${PLAY}:not([disabled])`, { timeout: 120_000 });
  // Let the first draw land before the clock starts.
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]'), null, { timeout: 60_000 });
  if (await page.$('[data-testid="speed"] option[value="max"]')) {
    await page.selectOption('[data-testid="speed"]', 'max');
  }
  await page.click(PLAY, { timeout: 60_000 });
  return page.evaluate(async (seconds) => {
    const epochOf = () => Number(document.querySelector('[data-testid="epoch"]')?.dataset.epoch ?? NaN);
    // Every data-*-ms attribute of the charts' container and of the canvases: the frame's breakdown.
    const breakdown = () => {
      const out = {};
      const charts = document.querySelector('.charts');
      const elements = new Set([charts, ...document.querySelectorAll(
        'canvas[data-testid], [data-testid="epoch"], [data-train-ms], [data-draw-ms], [data-frame-ms]')]);
      for (const el of elements) {
        if (!el) continue;
        for (const [key, value] of Object.entries(el.dataset)) {
          if (!key.endsWith('Ms')) continue;
          const name = el === charts ? key : `${el.dataset.testid ?? el.className}.${key}`;
          out[name] = Number(value);
        }
      }
      return out;
    };
    const stamps = [];
    const epochs = [];
    const parts = [];
    const start = performance.now();
    await new Promise((done) => {
      const tick = (t) => {
        stamps.push(t);
        epochs.push(epochOf());
        parts.push(breakdown());
        if (t - start < seconds * 1000) requestAnimationFrame(tick); else done();
      };
      requestAnimationFrame(tick);
    });
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
    const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    // Epochs/s up to the frame the counter last moved (a run that ends early is not diluted).
    const first = epochs[0];
    const last = epochs[epochs.length - 1];
    const lastMove = epochs.indexOf(last);
    const span = ((lastMove > 0 ? stamps[lastMove] : stamps[stamps.length - 1]) - stamps[0]) / 1000;
    const medians = {};
    for (const key of new Set(parts.flatMap(Object.keys))) {
      const values = parts.map((p) => p[key]).filter(Number.isFinite).sort((a, b) => a - b);
      if (values.length) medians[key] = +q(values, 0.5).toFixed(2);
    }
    return {
      frames: stamps.length,
      gap_ms_median: +q(gaps, 0.5).toFixed(2),
      gap_ms_p95: +q(gaps, 0.95).toFixed(2),
      fps_median: +(1000 / q(gaps, 0.5)).toFixed(1),
      fps_mean: +((stamps.length - 1) / ((stamps[stamps.length - 1] - stamps[0]) / 1000)).toFixed(1),
      epochs_per_s: span > 0 ? Math.round((last - first) / span) : 0,
      epochs: [first, last],
      breakdown_ms_median: medians,
    };
  }, seconds);
}

/** Runs one profile against the page at `server.url`; returns its figures. */
export async function benchProfile(browser, server, name, { seconds = 8, runs = RUNS } = {}) {
  const profile = PROFILES[name];
  if (!profile) throw new Error(`no profile ${name}: ${Object.keys(PROFILES).join(', ')}`);
  const { cpu, network, ...options } = profile;
  const context = await browser.newContext(options);
  await context.addInitScript(watchReady);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  await throttle(context, page, profile);
  const result = { profile: name, cpu_slowdown: cpu, network: network ? 'slow 4G' : 'none', ...options };

  // The first visit: what the page transferred (its resource timing, headers included) until it
  // could play, and when.
  server.reset();
  await page.goto(`${server.url}?${RUNS.question}`, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(() => window.__benchReadyMs !== undefined, null, { timeout: 180_000, polling: 100 });
  } catch (error) {
    result.error = `never ready: ${error.message.split('\n')[0]}`;
    result.problems = problems;
    await context.close().catch(() => {});
    return result;
  }
  Object.assign(result, await page.evaluate(() => {
    const ready = window.__benchReadyMs;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const before = entries.filter((e) => e.responseEnd > 0 && e.responseEnd <= ready);
    // The first paint with content: index.html's own frame and question, before the wasm.
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      first_paint_ms: paint ? Math.round(paint.startTime) : null,
      ready_ms: Math.round(ready),
      bytes_before_play: before.reduce((sum, e) => sum + e.transferSize, 0),
      // When the page's wasm had arrived: ready minus this is start-up work (compile, first view).
      page_wasm_end_ms: Math.round(before.find((e) => /relu-lab-[0-9a-f]+_bg\.wasm$/.test(e.name))?.responseEnd ?? NaN),
      files_before_play: Object.fromEntries(before.map((e) => [new URL(e.name).pathname.split('/').pop() || 'index.html', e.transferSize])),
    };
  }));
  // Everything the first visit fetched within two more seconds: the service worker's copies too.
  await page.waitForTimeout(2000);
  const sent = server.sent();
  result.first_visit_bytes_sent = sent.bytes;
  result.first_visit_files_sent = sent.files;

  // A run that fails (a page too busy to take the click, say) is reported, and the next one runs.
  for (const [run, query] of Object.entries(runs)) {
    try {
      result[run] = await live(page, server.url, query, seconds);
    } catch (error) {
      result[run] = { error: error.message.split('\n')[0] };
    }
  }
  result.problems = problems;
  await context.close().catch(() => {});
  return result;
}

const kb = (bytes) => `${Math.round(bytes / 1000)} KB`;
const num = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '–');

export const TABLE_HEAD = [
  '| profile | before play (gz, headers incl.) | first paint | ready | frames/s median (gap) | p95 gap | question epochs/s | standardized epochs/s | hidden 32,32,32,32 epochs/s | one frame, standardized (median ms) |',
  '|---|---|---|---|---|---|---|---|---|---|',
].join('\n');

/** A Markdown table row of a profile's figures (frames/s from the standardized run). */
export function tableRow(result) {
  const r = { ...PROFILES[result.profile], cpu_slowdown: PROFILES[result.profile]?.cpu, ...result };
  const s = r.standardized ?? {};
  const label = {
    desktop: `desktop ${r.viewport.width}×${r.viewport.height}, no throttling`,
    laptop: `laptop ${r.viewport.width}×${r.viewport.height}, CPU ${r.cpu_slowdown}× slower`,
    phone: `phone ${r.viewport.width}×${r.viewport.height}, DPR ${r.deviceScaleFactor}, touch, CPU ${r.cpu_slowdown}× slower, slow 4G`,
  }[r.profile] ?? r.profile;
  const frames = ['question', 'standardized', 'hidden_32x4']
    .map((k) => r[k] && `${r[k].fps_median ?? 'error'}`).filter(Boolean).join(' / ');
  const gaps = ['question', 'standardized', 'hidden_32x4']
    .map((k) => r[k] && `${r[k].gap_ms_median ?? '–'}`).filter(Boolean).join(' / ');
  const p95 = ['question', 'standardized', 'hidden_32x4']
    .map((k) => r[k] && `${r[k].gap_ms_p95 ?? '–'}`).filter(Boolean).join(' / ');
  const parts = Object.entries(s.breakdown_ms_median ?? {})
    .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v}`).join(', ') || '–';
  if (r.error) return `| ${label} | ${r.error} | | | | | | | | |`;
  const eps = (run) => (run?.error ? 'error' : num(run?.epochs_per_s));
  const rate = frames ? `${frames} (${gaps} ms)` : '–';
  const paint = Number.isFinite(r.first_paint_ms) ? `${(r.first_paint_ms / 1000).toFixed(1)} s` : '–';
  return `| ${label} | ${kb(r.bytes_before_play)} | ${paint} | ${(r.ready_ms / 1000).toFixed(1)} s | ${rate} | ${p95 ? `${p95} ms` : '–'} | ${eps(r.question)} | ${eps(r.standardized)} | ${eps(r.hidden_32x4)} | ${parts} |`;
}
