#!/usr/bin/env bash
# relu-lab against Keras on the same machine, in one run (a benchmark, not a test):
# installs Keras 3 with a CPU backend (KERAS_BACKEND: jax by default, or tensorflow) into a throwaway
# virtual environment, times each seed
# program's steady-state epochs/s inside the Python process (after a warm-up), times the same presets
# with relu-lab's core (cargo bench), and prints the ratios as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
export KERAS_BACKEND=${KERAS_BACKEND:-jax}
case "$KERAS_BACKEND" in
  jax) backend_package="jax[cpu]" ;;
  tensorflow) backend_package="tensorflow-cpu" ;;
  *) echo "KERAS_BACKEND must be jax or tensorflow" >&2; exit 2 ;;
esac
"$venv/bin/pip" install --quiet --disable-pip-version-check "keras>=3" "$backend_package" numpy
"$venv/bin/python" - <<'PY' > "$venv/keras.json"
import json, time
import numpy as np
import keras
from keras import layers, optimizers

def program(preset):
    # The seed thread's programs (see ../shared/SEED-CASES.md).
    if preset == "standardized":
        x = np.random.randn(1000)
    elif preset == "fewer-points":
        x = np.arange(1, 10, 1)
    else:
        x = np.arange(1, 1000, 1)
    y = x * 2
    train = 9 if preset == "fewer-points" else 750
    hidden = 12 if preset == "fewer-points" else 128
    out = "linear" if preset in ("standardized", "adam") else "relu"
    opt = optimizers.Adam(learning_rate=1e-4) if preset == "adam" else optimizers.SGD(learning_rate=0.01)
    model = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(hidden, activation="relu"),
                              layers.Dense(1, activation=out)])
    metric = "mae" if preset in ("standardized", "adam") else "accuracy"
    model.compile(loss="mean_squared_error", optimizer=opt, metrics=[metric])
    return model, x[:train].astype("float32"), y[:train].astype("float32")

results = {}
for preset in ["question", "fewer-points", "standardized", "adam"]:
    keras.utils.set_random_seed(7)
    model, x, y = program(preset)
    model.fit(x, y, batch_size=100, epochs=3, verbose=0, validation_split=0.2)  # warm-up (compilation)
    epochs = 20
    start = time.perf_counter()
    model.fit(x, y, batch_size=100, epochs=epochs, verbose=0, validation_split=0.2)
    results[preset] = epochs / (time.perf_counter() - start)
print(json.dumps({"keras": keras.__version__, "backend": keras.backend.backend(), "epochs_per_s": results}))
PY
export PATH="$HOME/.cargo/bin:$PATH"
cargo bench --bench epochs -- --json 2>/dev/null > "$venv/lab.json"
python3 - "$venv/keras.json" "$venv/lab.json" <<'PY'
import json, sys, platform, datetime
keras = json.load(open(sys.argv[1]))
lab = {r["case"]: r["epochs_per_s"] for r in map(json.loads, open(sys.argv[2]))}
rows = {p: {"keras_epochs_per_s": round(k, 1), "relu_lab_epochs_per_s": lab[p], "ratio": round(lab[p] / k)}
        for p, k in keras["epochs_per_s"].items()}
print(json.dumps({"date": datetime.date.today().isoformat(), "machine": platform.processor() or platform.machine(),
                  "keras": keras["keras"], "backend": keras["backend"], "presets": rows}, indent=2))
PY
