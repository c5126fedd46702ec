// Benchmark (not a test): the core inside wasm of two builds of the page, taken in turns in one
// headless Chromium, so the machine's ups and downs hit both alike. Prints epochs/s per preset,
// one line per build and round.  node tests/e2e/bench-vs.mjs OTHER_URL THIS_URL  (scripts/bench-vs.sh)
import { launch } from './helpers.mjs';
const [oldUrl, newUrl] = process.argv.slice(2);
console.log('build question standardized adam fewer-points');
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
    for (const preset of ['question', 'standardized', 'adam', 'fewer-points']) {
      out.push(Math.round(await pages[name].evaluate((p) => window.wasmBindings.bench_epochs(`preset=${p}`, 2000), preset)));
    }
    console.log(name, out.join(' '));
  }
}
await browser.close();
