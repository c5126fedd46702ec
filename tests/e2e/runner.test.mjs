// The headless runner as a teacher uses it for slides: JSON lines per epoch, a summary with the same
// diagnosis the page shows, and a clean failure on a bad link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const RUNNER = new URL('../../target/release/examples/headless', import.meta.url).pathname;
const run = (link) => spawnSync(RUNNER, [link], { encoding: 'utf8' });

test('the runner prints the right diagnosis for the four presets', () => {
  const expected = { question: 'output_dead', 'fewer-points': 'converged', standardized: 'converged', adam: 'learning' };
  for (const [preset, diagnosis] of Object.entries(expected)) {
    const { status, stdout, stderr } = run(`preset=${preset}`);
    assert.equal(status, 0, stderr);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    const summary = lines.at(-1).summary;
    assert.equal(summary.diagnosis, diagnosis, preset);
    assert.equal(lines.length - 1, summary.epochs_run);
    for (const key of ['epoch', 'loss', 'val_loss', 'mae', 'val_mae', 'accuracy', 'dead_hidden', 'output_dead', 'lr']) {
      assert.ok(key in lines[0], `${preset}: ${key}`);
    }
    if (preset === 'question') assert.equal(Math.round(summary.final_loss * 100) / 100, 481200.67);
  }
});

test('a bad link exits 2, names the key and value, and prints nothing on stdout', () => {
  for (const [link, words] of [['hidden=abc', ['hidden=abc']], ['zzz=1', ['zzz']], ['lr=-1&opt=sgdd', ['lr=-1', 'opt=sgdd']]]) {
    const { status, stdout, stderr } = run(link);
    assert.equal(status, 2, link);
    assert.equal(stdout, '');
    for (const word of words) assert.ok(stderr.includes(word), `${link}: ${stderr}`);
    assert.doesNotMatch(stderr, /panicked/);
  }
});

test('a diverging run prints null for non-finite numbers', () => {
  const { status, stdout } = run('preset=standardized&opt=momentum&lr=10&act=linear&epochs=200');
  assert.equal(status, 0);
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)).summary;
  assert.equal(summary.diagnosis, 'diverged');
  // The epoch that diverged prints its non-finite loss as null (a number, not NaN or Infinity).
  const epochs = stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l));
  assert.ok(epochs.length > 0);
  const last = epochs.at(-1);
  assert.ok(last.val_loss === null || last.loss === null, JSON.stringify(last));
  assert.doesNotMatch(stdout, /:\s*-?(NaN|Infinity)\b/);
});

test('the summary advises what works for the learner program, and each advised change works when run', () => {
  const { status, stdout, stderr } = spawnSync(RUNNER, ['--advice-seeds', '6', 'preset=question&seed=7'], { encoding: 'utf8' });
  assert.equal(status, 0, stderr);
  const advice = JSON.parse(stdout.trim().split('\n').at(-1)).summary.advice;
  const changes = advice.map((a) => a.change);
  assert.ok(changes.includes('opt=adam'), changes.join(' | '));
  assert.ok(!changes.includes('xscale=standard'), 'x scaling alone is not advised: it does not save this run');
  for (const item of advice) {
    assert.equal(item.works_this_seed, true);
    assert.equal(item.seeds, 6);
    // Run the change as a person would, with the link: it ends converged (or close to it).
    const changed = run(`preset=question&seed=7&${item.change}`);
    const summary = JSON.parse(changed.stdout.trim().split('\n').at(-1)).summary;
    assert.ok(['converged', 'learning'].includes(summary.outcome), `${item.change}: ${summary.outcome}`);
  }
});

test('the advice is measured only on request: a plain run prints none, --advice and --advice-seeds add it', () => {
  const last = (args) => {
    const { status, stdout, stderr } = spawnSync(RUNNER, args, { encoding: 'utf8' });
    assert.equal(status, 0, stderr);
    return JSON.parse(stdout.trim().split('\n').at(-1)).summary;
  };
  // A figure for a slide is one run: nothing in the summary says the advice's runs were made.
  const plain = last(['preset=question&seed=7&epochs=20']);
  assert.ok(!('advice' in plain), Object.keys(plain).join(' '));
  const asked = last(['--advice', 'preset=question&seed=7&epochs=20']);
  assert.ok(Array.isArray(asked.advice) && asked.advice.length > 0, JSON.stringify(asked));
  assert.ok(asked.advice.every((a) => a.seeds === 20), JSON.stringify(asked.advice));
  assert.ok(last(['--advice-seeds', '3', 'preset=question&seed=7&epochs=20']).advice.every((a) => a.seeds === 3));
  assert.ok(!('advice' in last(['--advice-seeds', '0', 'preset=question&seed=7&epochs=20'])));
  // The same summary otherwise: asking for advice does not change the run.
  const { advice: _, ...rest } = asked;
  assert.deepEqual(rest, plain);
  // Advice belongs to a training run: with a sweep or the Keras program it is refused, not ignored.
  for (const mode of ['--sweep', '--keras']) {
    const { status, stdout, stderr } = spawnSync(RUNNER, ['--advice', mode, 'preset=question&sweep=lr:0.1|1&seeds=2'], { encoding: 'utf8' });
    assert.equal(status, 2, `${mode}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, /--advice/);
  }
});
