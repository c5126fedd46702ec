import { launch, open, BASE } from './helpers.mjs';
const b = await launch();
const shots = [
  ['zh-question', '?preset=question&lang=zh', 1366, 900],
  ['zh-standardized', '?preset=standardized&lang=zh', 1366, 900],
  ['class-question', '?preset=question&class=1', 1280, 720],
  ['class-zh-standardized', '?preset=standardized&class=1&lang=zh', 1280, 720],
];
for (const [name, q, w, h] of shots) {
  const p = await open(b, q, { width: w, height: h });
  await p.click('[data-testid=play]');
  await p.waitForFunction(() => { const e = document.querySelector('[data-testid=epoch]'); return e && e.textContent.match(/(\d+)\s*\/\s*\1/); }, null, { timeout: 60000 }).catch(() => {});
  await p.waitForTimeout(1500);
  await p.screenshot({ path: `/tmp/look/${name}.png` });
  console.log(name, JSON.stringify(p.problems), (await p.textContent('[data-testid=diagnosis]')).slice(0, 400));
}
await b.close();
