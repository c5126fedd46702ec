#!/usr/bin/env bash
# relu-lab against Keras on the same machine, in one run (a benchmark, not a test). Installs Keras 3
# with a CPU backend (KERAS_BACKEND: jax by default, or tensorflow) into a throwaway virtual environment
# (or the one KERAS_VENV names, kept for the next run), then for each preset executes the Keras 3
# program relu-lab exports (`headless --keras 'preset=P&epochs=...'`, verbose=0, no summary, no test
# evaluation) and times its steady state inside Python: the epochs after a warm-up of 3 (compilation),
# for about BENCH_KERAS_SECONDS (default 5) seconds. Then times the same presets with relu-lab's core
# (`cargo bench --bench epochs -- --json`, one core) and prints a table and a JSON line: epochs/s on
# both sides, the path relu-lab's figure took ("forward only (dead output)": the question's output is
# dead after its first epochs, so relu-lab skips the backward pass, while Keras computes it anyway),
# and the ratio.
#   scripts/bench-keras.sh
#   KERAS_BACKEND=tensorflow KERAS_VENV=~/.cache/relu-lab-keras-tf scripts/bench-keras.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export KERAS_BACKEND=${KERAS_BACKEND:-jax}
case "$KERAS_BACKEND" in
  jax) backend_package="jax[cpu]" ;;
  tensorflow) backend_package="tensorflow-cpu" ;;
  *) echo "KERAS_BACKEND must be jax or tensorflow" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
venv=${KERAS_VENV:-$work/venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c "import keras, numpy, $KERAS_BACKEND" 2>/dev/null; then
  echo "bench-keras: installing keras, $backend_package and numpy into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check keras "$backend_package" numpy
fi

cargo build --quiet --release --example headless
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Keras: the exported programs, timed with an epoch-end callback.
TF_CPP_MIN_LOG_LEVEL=3 "$venv/bin/python" - target/release/examples/headless > "$work/keras.json" <<'PY'
import io, json, os, sys, time, contextlib
sys.path.insert(0, "scripts")
from check_keras import instrument, runner_program  # the same harness as scripts/check-keras.sh
import keras

runner = sys.argv[1]
WARM_UP = 3
BUDGET = float(os.environ.get("BENCH_KERAS_SECONDS", "5"))

class Timer(keras.callbacks.Callback):
    """Epoch-end times after the warm-up; stops training once the budget is spent (at an epoch end)."""
    def on_train_begin(self, logs=None):
        self.ends = []
    def on_epoch_end(self, epoch, logs=None):
        self.ends.append(time.perf_counter())
        if len(self.ends) > WARM_UP and self.ends[-1] - self.ends[WARM_UP - 1] >= BUDGET:
            self.model.stop_training = True

presets = []
for preset in ["question", "fewer-points", "standardized", "adam", "log"]:
    try:
        runner_program(runner, f"preset={preset}")
        presets.append(preset)
    except RuntimeError:
        pass  # a preset this runner does not have yet

results = {}
for preset in presets:
    # epochs= only bounds the run: the timer stops it when the budget is spent.
    program, _ = instrument(runner_program(runner, f"preset={preset}&epochs=1000000"), test_loss=False)
    keras.backend.clear_session()
    timer = Timer()
    namespace = {"__name__": "__bench__", "__probe__": timer}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(program, f"<keras program of preset={preset}>", "exec"), namespace)
    timed = len(timer.ends) - WARM_UP
    results[preset] = {"epochs_per_s": timed / (timer.ends[-1] - timer.ends[WARM_UP - 1]), "epochs_timed": timed}
    print(f"bench-keras: {preset}: {results[preset]['epochs_per_s']:.1f} epochs/s over {timed} epochs",
          file=sys.stderr, flush=True)
print(json.dumps({"keras": keras.__version__, "backend": keras.backend.backend(), "presets": results}))
PY

# relu-lab: the core on one core.
cargo bench --quiet --bench epochs -- --json 2>/dev/null > "$work/lab.json"

python3 - "$work/keras.json" "$work/lab.json" <<'PY'
import json, sys, datetime, os
keras = json.load(open(sys.argv[1]))
lab = {r["case"]: r for r in map(json.loads, open(sys.argv[2]))}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
rows = {}
print(f"Keras {keras['keras']} ({keras['backend']}) against relu-lab's core, epochs/s in the steady state")
print(f"{'preset':<14} {'Keras':>10} {'relu-lab':>12}  {'relu-lab path':<28} {'ratio':>10}")
for preset, k in keras["presets"].items():
    r = lab.get(preset, {})
    rate = r.get("epochs_per_s")
    ratio = rate / k["epochs_per_s"] if rate else None
    rows[preset] = {"keras_epochs_per_s": round(k["epochs_per_s"], 1), "keras_epochs_timed": k["epochs_timed"],
                    "relu_lab_epochs_per_s": rate, "relu_lab_path": r.get("path", r.get("error", "not benchmarked")),
                    "ratio": round(ratio) if ratio else None}
    print(f"{preset:<14} {k['epochs_per_s']:>10.1f} {rate or 0:>12,.0f}  {rows[preset]['relu_lab_path']:<28} "
          f"{(f'{ratio:,.0f}x' if ratio else '-'):>10}")
others = {c: {"epochs_per_s": r.get("epochs_per_s"), "path": r.get("path", r.get("error"))}
          for c, r in lab.items() if c not in rows}
for case, r in others.items():
    print(f"{'':<14} {'':>10} {r['epochs_per_s'] or 0:>12,.0f}  {r['path']:<28} relu-lab only: {case}")
print(json.dumps({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
                  "machine": f"{os.cpu_count()} cores, {cpu}", "load_average": open("/proc/loadavg").read().split()[:3],
                  "keras": keras["keras"], "backend": keras["backend"], "presets": rows, "relu_lab_only": others}))
PY
