// Benchmark (not a test): the core inside wasm of two builds of the page, taken in turns in one
// headless Chromium, so the machine's ups and downs hit both alike. Prints epochs/s per preset,
// one line per build and round.  node tests/e2e/probes/bench-vs.mjs OTHER_URL THIS_URL [LINKS]  (scripts/bench-vs.sh)
// LINKS: the runs to time, queries separated by `;` (default: four presets), e.g.
// 'preset=question;preset=question&hidden=64,64'.
import { launch } from '../helpers.mjs';
const [oldUrl, newUrl, links] = process.argv.slice(2);
const runs = links ? links.split(';') : ['question', 'standardized', 'adam', 'fewer-points'].map((p) => `preset=${p}`);
console.log(`build ${runs.join(' ')}`);
const browser = await launch();
const pages = {};
for (const [name, url] of [['old', oldUrl], ['new', newUrl]]) {
  const p = await (await browser.newContext()).newPage();
  await p.goto(url + '?preset=question');
  await p.waitForFunction(() => window.wasmBindings?.bench_epochs);
  pages[name] = p;
}
for (let round = 0; round < 4; round++) {
  for (const name of ['old', 'new']) {
    const out = [];
    for (const run of runs) {
      out.push(Math.round(await pages[name].evaluate((q) => window.wasmBindings.bench_epochs(q, 2000), run)));
    }
    console.log(name, out.join(' '));
  }
}
await browser.close();
