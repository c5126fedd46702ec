#!/usr/bin/env python3
"""Runs the Keras 3 programs relu-lab exports and compares what they do with relu-lab's own runs.

For every case (a share link) it asks the headless runner for the link's Keras program
(`headless --keras LINK&seed=S`), executes that program text for several seeds in worker processes
(with a harness: `verbose=0`, no `model.summary()`, a callback that watches the network), and classifies
each Keras run with relu-lab's own definitions (src/engine/train/diagnosis.rs):

- a unit is dead when its pre-activation is <= 0 for every input fit() trains on (the first
  floor(n * (1 - validation_split)) rows of xtrain); only relu units can die;
- the output is stuck when it is the same for every training x whatever the weights do next: a dead
  relu output, a sigmoid output whose input is beyond +-15 (all on one side), a one-unit softmax;
- born dead: before any update the output is stuck, or a whole hidden layer is dead;
- killed / hidden_dead: an update collapsed the network (the first collapsing update decides which:
  the output, or a hidden layer), and at the end the output is dead (or saturated) / a whole hidden
  layer is; a one-unit softmax is diagnosed `softmax_output` (and counted born dead);
- diverged: a loss or a weight became non-finite;
- converged: the final training loss within the fit limit of the fit rows (`fit_limit` below: 2% of
  var(y), or the data's own noise floor where that is higher), relu-lab's one verdict;
- learning: anything else.

Keras and relu-lab draw their own random numbers, so single runs are not comparable; distributions
are. Per case the check compares, with the tolerances printed at the top of the report:
- the born-dead share (the trained seeds plus more seeds of the link with epochs=0),
- the share of each outcome and of each diagnosis after training (Fisher's exact test),
- the final loss and validation loss of each outcome both sides reached often enough: the medians
  within a tight relative tolerance where the value is deterministic (a dead output's loss is
  exactly mean(y^2) of the fit rows), otherwise the two samples by a Mann-Whitney U test.

Prints one line per run (stderr), a table, and a JSON line (stdout). Exit status 1 on a disagreement.
Usage: scripts/check-keras.sh (installs Keras, builds the runner, runs this).
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import io
import json
import math
import multiprocessing
import os
import platform
import re
import statistics
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402

# --------------------------------------------------------------------------------------------------
# The cases. `keras_seeds` runs of each are trained with Keras (seeds 1..k); relu-lab trains
# seeds 1..LAB_SEEDS of the same link. Links are checked strictly by the runner (a typo exits 2).
CASES = [
    # name, link, Keras seeds trained, extra Keras seeds initialised only (epochs=0), why
    ("question", "preset=question", 10, 60, "the learner's program: raw x, relu output, SGD 0.01"),
    ("fewer-points", "preset=fewer-points", 12, 60, "x = 1..9, 12 units, relu output"),
    ("standardized", "preset=standardized", 8, 0, "randn x, linear output, legacy decay (InverseTimeDecay)"),
    ("adam", "preset=adam&epochs=40", 6, 0, "Adam 1e-4, linear output; 40 of the preset's 200 epochs"),
    ("log", "preset=log&epochs=2", 3, 0, "one-unit softmax output on x = 1..99,999; 2 epochs of 800 batches"),
    # Mixed configurations, chosen to reach the parts of the export the presets do not:
    ("deep-he-momentum", "hidden=8,8&init=he_normal&xscale=standard&opt=momentum&lr=0.01&epochs=30", 8, 40,
     "two relu layers of 8 (the second can die whole), he_normal, SGD momentum, standard x"),
    ("tanh-rmsprop", "act=tanh&hidden=16&opt=rmsprop&lr=0.01&xscale=minmax&yscale=standard&out=linear&epochs=30",
     8, 0, "tanh hidden layer, RMSprop, min-max x, standardised y (about half converge in 30 epochs)"),
    ("rai-relu-out", "hidden=32&init=rai&data=uniform&lo=-1&hi=1&opt=adam&lr=0.01&epochs=30", 8, 60,
     "the RAI initialiser class, relu output, uniform x in [-1, 1], Adam"),
    ("sigmoid-out", "out=sigmoid&epochs=10", 8, 0,
     "sigmoid output on the question's data: some runs saturate it beyond +-15 (killed), the rest learn"),
    ("prelu-nesterov", "act=prelu&hidden=16,8&opt=nesterov&lr=0.01&decay=0.02&xscale=maxabs"
     "&yscale=standard&noise=0.5&out=linear&epochs=30", 8, 0,
     "PReLU layers, Nesterov with a decay large enough to matter (without it the loss is ~10x lower),"
     " max-abs x, standardised y, noise"),
    # The fixes of issue 23 (clipping, schedules, weight decay), each on a program it changes:
    ("question-clipnorm", "preset=question&clipnorm=1", 10, 0,
     "the learner's program with clipnorm=1: relu-lab's runs not born dead all converge"),
    ("question-warmup", "preset=question&schedule=cosine&lr=0.000001&warmup_target=0.01&warmup_steps=120", 10, 0,
     "the learner's program with a cosine warm-up from 1e-6 to 0.01 over the whole run: still killed"),
    ("exp-clipvalue-wd", "xscale=standard&out=linear&opt=momentum&schedule=exponential&decay_steps=30"
     "&decay_rate=0.5&staircase=1&clipvalue=0.5&weight_decay=0.01&epochs=20", 8, 0,
     "ExponentialDecay with staircase, clipvalue, weight decay on SGD momentum"),
    ("adamw-cosine-global", "opt=adamw&lr=0.01&xscale=standard&out=linear&global_clipnorm=1&schedule=cosine"
     "&decay_steps=120&cosine_alpha=0.1&epochs=20", 8, 0,
     "AdamW (Keras' default weight decay), global_clipnorm, CosineDecay with alpha"),
    # Issue 22: a target typed as a formula, and the learner's own points (embedded in the program).
    ("formula-abs", "f=abs(x)&data=uniform&lo=-1&hi=1&n=200&train=200&hidden=8&out=linear&opt=adam&lr=0.01"
     "&epochs=40", 8, 0,
     "y = |x| on uniform x in [-1, 1] (the formula as NumPy), 8 relu units, Adam: two kinks to place"),
    # Batch normalization (bn=1): Dense(use_bias=True) + BatchNormalization() + Activation.
    ("standardized-bn", "preset=standardized&bn=1", 8, 0,
     "the standardized program with BatchNormalization: batch statistics in training, moving ones in"
     " validation (a large train/validation gap after 20 epochs)"),
    ("question-bn", "preset=question&bn=1", 10, 60,
     "the learner's program with BatchNormalization: the relu output can still be born dead or killed"),
]


def pts_link(xs, ys):
    """The link form of points (`pts=`), written here independently of relu-lab's encoder: each value
    as a decimal text, four bits a character (digits, `.`, `-`, `e`, an end mark 13, padding 15),
    behind a version byte 1, in base64url without padding (core/src/engine/table.rs)."""
    import base64
    nibbles = []
    for x, y in zip(xs, ys):
        for value in (x, y):
            for c in repr(float(value)).replace("+", ""):
                nibbles.append({".": 10, "-": 11, "e": 12}.get(c, None) if not c.isdigit() else int(c))
            nibbles.append(13)
    if len(nibbles) % 2:
        nibbles.append(15)
    packed = bytes([1] + [(a << 4) | b for a, b in zip(nibbles[0::2], nibbles[1::2])])
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


# Own points: 40 noisy-free samples of x^2 on [-1, 1] (rounded, so every value is a short decimal).
_OWN_X = [round(-1 + 2 * i / 39, 4) for i in range(40)]
_OWN_Y = [round(x * x, 4) for x in _OWN_X]
CASES.append(
    ("own-data-square", f"data=own&pts={pts_link(_OWN_X, _OWN_Y)}&train=40&hidden=16&out=linear&opt=adam"
     "&lr=0.01&epochs=60", 8, 0,
     "the learner's own 40 points of x^2 on [-1, 1] (pasted data, embedded in the Keras program), 16 units"))
# Issue 32: a penguins-like CSV (tests/fixtures/penguins.csv: text columns, a header, NA rows, sorted by
# species). relu-lab trains on the link's points (flipper length -> body mass, the 2 NA lines skipped,
# read here independently of relu-lab's reader); the exported program reads the file itself with
# pandas by the columns' names and drops the same rows. shuffle=1: the sorted rows are shuffled once
# before the split (each side draws its own order), so validation is not one species.
def _penguins():
    import csv
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "penguins.csv")
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["flipper_length_mm"] != "NA" and r["body_mass_g"] != "NA"]
    return [float(r["flipper_length_mm"]) for r in rows], [float(r["body_mass_g"]) for r in rows]


_PENGUIN_X, _PENGUIN_Y = _penguins()
CASES.append(
    ("penguins-file", f"data=own&pts={pts_link(_PENGUIN_X, _PENGUIN_Y)}&train={len(_PENGUIN_X)}&xcol=flipper_length_mm&ycol=body_mass_g"
     "&file=tests/fixtures/penguins.csv&shuffle=1&xscale=standard&yscale=standard&out=linear&hidden=16&opt=adam"
     "&lr=0.01&epochs=40", 8, 0,
     "a penguins-like CSV read by pandas by its columns' names (text columns, NA rows dropped as relu-lab"
     " skips them), shuffled once before the split, standardised x and y, 16 relu units, Adam"))
# Cases the runner may not have yet: skipped (and said so) when it rejects their link. Any other case's
# link failing is an error.
OPTIONAL = {"log": "preset=log is being added to the runner"}
# The born-dead share of a case is taken over all its Keras seeds: the trained ones (1..k) and the
# initialised-only ones (k+1..k+m); a case that cannot be born dead (no relu anywhere, or only wide
# relu layers before a linear output) needs no extra seeds.

LAB_SEEDS = 200  # relu-lab runs per case (milliseconds each), seeds 1..200
INIT_SEEDS_LAB = 1000  # relu-lab epochs=0 runs per case for the born-dead share

# Tolerances (printed in the report).
ALPHA = 0.001  # two-sided Fisher exact test per share; a share disagrees when p < ALPHA

# Disagreements found, understood and documented (README, "Against Keras, in Keras"): reported as such,
# not as failures. Anything else that disagrees fails the check.
KNOWN_DIFFERENCES = {
    ("log", "tensorflow"): "TensorFlow's CPU softmax over one unit returns 0.99999994 for some rows, "
    "not exactly 1, so a tiny gradient reaches the network; with raw x up to 80,000 it diverges "
    "within 20 updates. relu-lab (and Keras with JAX) compute exactly 1 and no gradient.",
}
DETERMINISTIC_RTOL = 1e-4  # a value every relu-lab seed gives (to this rtol): Keras' float32 vs relu-lab's f64 sums
MIN_RUNS_FOR_MEDIAN = 3  # an outcome's medians are compared when both sides have this many runs of it
CONVERGED_FRACTION = 0.02  # relu-lab's judge::CLOSE_FRACTION (R^2 >= 0.98)
NOISE_ROWS = 20  # relu-lab's judge::NOISE_ROWS: fewer fit rows and the noise estimate is not used


def fit_limit(x, y):
    """The largest training loss relu-lab calls a fit (engine/judge.rs), written out again: 2% of
    var(y), or with NOISE_ROWS rows or more the lower of the least-squares line's loss and the
    Gasser-Sroka-Jennen-Steinmetz noise estimate, times 1 + 4/sqrt(n), whichever is higher."""
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    n = len(y)
    close = CONVERGED_FRACTION * float(y.var())
    if n < NOISE_ROWS:
        return close
    slope, intercept = np.polyfit(x, y, 1) if np.ptp(x) > 0 else (0.0, float(y.mean()))
    line = float(np.mean((y - (slope * x + intercept)) ** 2))
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    terms = []
    for i in range(1, n - 1):
        span = xs[i + 1] - xs[i - 1]
        a, b = ((xs[i + 1] - xs[i]) / span, (xs[i] - xs[i - 1]) / span) if span > 0 else (0.5, 0.5)
        terms.append((a * ys[i - 1] + b * ys[i + 1] - ys[i]) ** 2 / (a * a + b * b + 1.0))
    noise = float(np.mean(terms))
    return max(close, min(noise, line) * (1.0 + 4.0 / math.sqrt(n)))


# --------------------------------------------------------------------------------------------------
# relu-lab's side: the headless runner.

def runner_summary(runner, link):
    out = subprocess.run([runner, link], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"headless {link!r} exited {out.returncode}: {out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])["summary"]


def runner_program(runner, link):
    out = subprocess.run([runner, "--keras", link], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"headless --keras {link!r} exited {out.returncode}: {out.stderr.strip()}")
    return out.stdout


def with_seed(link, seed):
    return f"{link}&seed={seed}" if link else f"seed={seed}"


def epochs_zero(link):
    return re.sub(r"(^|&)epochs=\d+", "", link).strip("&") + "&epochs=0"


# --------------------------------------------------------------------------------------------------
# Keras' side: the exported program, instrumented.

def instrument(program, test_loss=True):
    """The program with the harness's changes, each made exactly once (a changed export fails loudly):
    no model.summary(), verbose=0 with the callback `__probe__`, the test loss kept in `__test_loss__`
    instead of printed (or not evaluated at all: test_loss=False). Also used by scripts/bench-keras.sh."""
    test_loss = r"__test_loss__ = \1" if test_loss else "pass  # check: no test loss"
    edits = [
        (r"^model\.summary\(\)$", "pass  # check: no summary", 1),
        (r"^(\s+)verbose=1,$", r"\1verbose=0, callbacks=[__probe__],", 1),
        (r"^print\('test loss:', (model\.evaluate\(xtest, ytest, verbose=0\))\)$", test_loss, None),
    ]
    for pattern, replacement, count in edits:
        program, made = re.subn(pattern, replacement, program, flags=re.M)
        if count is not None and made != count:
            raise RuntimeError(f"export changed: {pattern!r} matched {made} times, expected {count}")
    split = re.findall(r"^\s+validation_split=([0-9.e+-]+)\)$", program, flags=re.M)
    if len(split) != 1:
        raise RuntimeError("export changed: no single validation_split=... line")
    return program, float(split[0])


def is_relu(fn):
    return getattr(fn, "__name__", "") == "relu"


def network_weights(model):
    return [[np.array(w, dtype=np.float32) for w in layer.get_weights()] for layer in model.layers]


SIGMOID_SATURATION = 15.0  # relu-lab's SIGMOID_SATURATION: a sigmoid output beyond +-15 is stuck


def survey(model, weights, x_fit):
    """What relu-lab's survey finds over the fit rows: dead units of each hidden Dense layer (relu
    only), and whether the output is stuck (the same for every x whatever the weights do next): a dead
    relu output, a sigmoid output saturated beyond +-15 on one side, or a one-unit softmax."""
    import keras

    h = x_fit
    dense = [i for i, layer in enumerate(model.layers) if isinstance(layer, keras.layers.Dense)]
    dead, widths, output = [], [], {}
    layers = list(model.layers)
    for i, (layer, w) in enumerate(zip(layers, weights)):
        normalized_next = i + 1 < len(layers) and isinstance(layers[i + 1], keras.layers.BatchNormalization)
        if isinstance(layer, keras.layers.Dense) and normalized_next:
            # bn=1: a linear Dense, its BatchNormalization, then the activation (a layer of its own);
            # the unit's pre-activation is the activation's input, after normalisation.
            h = (h @ w[0] + w[1]).astype(np.float32)
        elif isinstance(layer, keras.layers.BatchNormalization):
            gamma, beta, mean, variance = w
            h = (gamma * (h - mean) / np.sqrt(variance + np.float32(layer.epsilon)) + beta).astype(np.float32)
            following = layers[i + 1] if i + 1 < len(layers) else None
            widths.append(h.shape[1])
            relu = isinstance(following, keras.layers.Activation) and is_relu(following.activation)
            dead.append(int((h.max(axis=0) <= 0).sum()) if relu else 0)
        elif isinstance(layer, keras.layers.Activation):
            h = np.asarray(layer.activation(h), dtype=np.float32)
        elif isinstance(layer, keras.layers.PReLU) and i > 0 and isinstance(
                layers[i - 1], keras.layers.BatchNormalization):
            h = np.where(h > 0, h, w[0] * h).astype(np.float32)
        elif isinstance(layer, keras.layers.Dense):
            z = h @ w[0] + w[1]
            if i == dense[-1]:
                name = getattr(layer.activation, "__name__", "")
                largest, smallest = float(z.max()), float(z.min())
                output = {
                    "output_dead": name == "relu" and largest <= 0,
                    "output_saturated": name == "sigmoid"
                    and (smallest >= SIGMOID_SATURATION or largest <= -SIGMOID_SATURATION),
                    "softmax": name == "softmax",
                    "sigmoid": name == "sigmoid",
                }
            else:
                widths.append(z.shape[1])
                dead.append(int((z.max(axis=0) <= 0).sum()) if is_relu(layer.activation) else 0)
            h = np.asarray(layer.activation(z), dtype=np.float32)
        elif isinstance(layer, keras.layers.PReLU):
            h = np.where(h > 0, h, w[0] * h).astype(np.float32)
        else:
            raise RuntimeError(f"unexpected layer {layer.__class__.__name__}")
    return {"dead_by_layer": dead, "widths": widths, **output}


def collapse(s):
    """What makes the network a constant (relu-lab's Trainer::collapse): 'output' (stuck), a hidden
    layer's index (all its units dead), or None."""
    if s["output_dead"] or s["output_saturated"] or s["softmax"]:
        return "output"
    for layer, (dead, width) in enumerate(zip(s["dead_by_layer"], s["widths"])):
        if dead == width:
            return layer
    return None


def finite(value):
    return value is not None and math.isfinite(value)


def make_probe(namespace, validation_split):
    import keras

    class Probe(keras.callbacks.Callback):
        """Watches the run as relu-lab's trainer does: initial survey, collapsing update, divergence."""

        def on_train_begin(self, logs=None):
            x, y = np.asarray(namespace["xtrain"]), np.asarray(namespace["ytrain"])
            rows = int(math.floor(len(x) * (1.0 - validation_split)))
            rows = max(rows, min(1, len(x)))
            self.x_fit = x[:rows].astype(np.float32).reshape(-1, 1)
            y_fit = y[:rows].astype(np.float32).astype(np.float64)
            self.target_variance = float(y_fit.var())
            self.fit_limit = fit_limit(x[:rows].astype(np.float64), y_fit)
            self.mean_square_target = float((y_fit**2).mean())
            layers = [layer for layer in self.model.layers if isinstance(layer, keras.layers.Dense)]
            activations = [layer for layer in self.model.layers
                           if isinstance(layer, (keras.layers.Dense, keras.layers.Activation))]
            # relu-lab's Trainer::watching: relu hidden units, or a relu or sigmoid output.
            self.can_collapse = any(is_relu(layer.activation) for layer in activations) or (
                getattr(layers[-1].activation, "__name__", "") == "sigmoid")
            self.initial = survey(self.model, network_weights(self.model), self.x_fit)
            self.last = self.initial
            self.born = collapse(self.initial)
            self.killed = None
            self.diverged = None
            self.epochs_run = 0
            self.batch_weights = []

        def watching(self):
            return self.can_collapse and self.born is None and self.killed is None

        def on_epoch_begin(self, epoch, logs=None):
            self.batch_weights = []

        def on_train_batch_end(self, batch, logs=None):
            if self.diverged is not None:
                return
            weights = network_weights(self.model)
            loss = float(np.asarray((logs or {}).get("loss", 0.0)))
            if not math.isfinite(loss) or not all(np.isfinite(a).all() for layer in weights for a in layer):
                self.diverged = (self.epochs_run + 1, batch + 1)
                self.model.stop_training = True  # relu-lab stops there too
            elif self.watching():
                self.batch_weights.append(weights)

        def on_epoch_end(self, epoch, logs=None):
            self.epochs_run = epoch + 1
            val = (logs or {}).get("val_loss")
            if self.diverged is None and val is not None and not math.isfinite(float(val)):
                self.diverged = (epoch + 1, None)
            if self.diverged is not None:
                self.last = None
                return
            self.last = survey(self.model, network_weights(self.model), self.x_fit)
            if self.watching() and collapse(self.last) is not None:
                # Replay the epoch's updates, as relu-lab does, to find which collapse came first.
                for weights in self.batch_weights:
                    first = collapse(survey(self.model, weights, self.x_fit))
                    if first is not None:
                        self.killed = first
                        break
            self.batch_weights = []

    return Probe()


def classify(probe, history):
    """relu-lab's Trainer::diagnosis and ::outcome, from the probe and Keras' history."""
    losses = history.get("loss", [])
    val_losses = history.get("val_loss", [])
    final_loss = float(losses[-1]) if losses else None
    final_val = float(val_losses[-1]) if val_losses else None
    last = probe.last
    if probe.diverged is not None:
        diagnosis = "diverged"
    elif probe.initial["softmax"]:
        diagnosis = "softmax_output"
    elif probe.initial["sigmoid"] and (
            probe.born is not None or (probe.killed == "output" and last["output_saturated"])):
        diagnosis = "sigmoid_saturated"
    elif probe.born is not None:
        diagnosis = "output_dead" if probe.born == "output" else "hidden_dead"
    elif not losses:
        diagnosis = "not_started"
    elif last["output_dead"] and probe.killed == "output":
        diagnosis = "output_dead"
    elif any(d == w for d, w in zip(last["dead_by_layer"], last["widths"])):
        diagnosis = "hidden_dead"
    elif final_loss is not None and final_loss <= probe.fit_limit:
        diagnosis = "converged"
    else:
        diagnosis = "learning"
    if probe.born is not None:
        outcome = "born_dead"
    else:
        outcome = {"output_dead": "killed", "sigmoid_saturated": "killed", "softmax_output": "born_dead",
                   "not_started": "learning"}.get(diagnosis, diagnosis)
    return {
        "diagnosis": diagnosis,
        "outcome": outcome,
        "born_dead": probe.born is not None,
        "epochs_run": probe.epochs_run,
        "final_loss": final_loss if finite(final_loss) else None,
        "final_val_loss": final_val if finite(final_val) else None,
        "dead_by_layer": probe.last["dead_by_layer"] if probe.last else None,
        "diverged_at": None if probe.diverged is None else {"epoch": probe.diverged[0], "batch": probe.diverged[1]},
        "target_variance": probe.target_variance,
    }


def run_keras(task):
    """One Keras run: the program of `link`, executed with the harness. Runs in a worker process."""
    import keras

    runner, link, init_only = task
    program, validation_split = instrument(runner_program(runner, link), test_loss=not init_only)
    keras.backend.clear_session()
    namespace = {"__name__": "__relu_lab_check__"}
    namespace["__probe__"] = make_probe(namespace, validation_split)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(program, f"<keras program of {link}>", "exec"), namespace)
    result = classify(namespace["__probe__"], namespace["history"].history)
    test_loss = namespace.get("__test_loss__")
    result["test_loss"] = float(test_loss[0] if isinstance(test_loss, list) else test_loss) if test_loss else None
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def start_worker():
    """A worker process: one thread for TensorFlow's ops (the networks are tiny; the workers share the
    cores), Keras imported once."""
    import keras  # noqa: F401

    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)


def keras_versions(_):
    import keras

    versions = {"keras": keras.__version__, "backend": keras.backend.backend()}
    if versions["backend"] == "tensorflow":
        import tensorflow as tf

        versions["tensorflow"] = tf.__version__
    return versions


# --------------------------------------------------------------------------------------------------
# Statistics.

def fisher_p(a, n1, b, n2):
    """Two-sided Fisher exact test: a of n1 against b of n2 (probabilities as small as the observed)."""
    total, hits = n1 + n2, a + b
    denominator = math.comb(total, hits)

    def p(k):
        return math.comb(n1, k) * math.comb(n2, hits - k) / denominator

    observed = p(a)
    low, high = max(0, hits - n2), min(n1, hits)
    return min(1.0, sum(p(k) for k in range(low, high + 1) if p(k) <= observed * (1 + 1e-9)))


def share_check(label, keras_runs, lab_runs, key, value):
    a = sum(1 for r in keras_runs if r[key] == value)
    b = sum(1 for r in lab_runs if r[key] == value)
    p = fisher_p(a, len(keras_runs), b, len(lab_runs))
    return {
        "what": label if value is True else f"{label}: {value}",
        "keras": f"{a}/{len(keras_runs)}",
        "relu_lab": f"{b}/{len(lab_runs)}",
        "p": p,
        "ok": p >= ALPHA,
        "trivial": (a == 0 and b == 0) or (a == len(keras_runs) and b == len(lab_runs)),
    }


def tie_close_values(values):
    """Values within DETERMINISTIC_RTOL of the smallest of their run (sorted) become that one: Keras sums
    in float32 and relu-lab in f64, so the same exact loss (e.g. mean(y^2) of a dead output) differs in
    the 8th digit, which a rank test would otherwise read as a complete separation."""
    mapping, start = {}, None
    for v in sorted(set(values)):
        if start is None or abs(v - start) > DETERMINISTIC_RTOL * abs(start):
            start = v
        mapping[v] = start
    return [mapping[v] for v in values]


def mann_whitney_p(xs, ys):
    """Two-sided Mann-Whitney U test (normal approximation with tie and continuity corrections), with
    values closer than DETERMINISTIC_RTOL taken as ties."""
    tied = tie_close_values(xs + ys)
    xs, ys = tied[: len(xs)], tied[len(xs):]
    n1, n2 = len(xs), len(ys)
    u = sum((x > y) + 0.5 * (x == y) for x in xs for y in ys)
    n = n1 + n2
    ties = sum(t**3 - t for t in (tied.count(v) for v in set(tied)))
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = max(abs(u - n1 * n2 / 2) - 0.5, 0) / math.sqrt(variance)
    return 2 * (1 - statistics.NormalDist().cdf(z))


def median_check(label, keras_values, lab_values):
    """Deterministic values (every relu-lab seed the same): medians within DETERMINISTIC_RTOL. Otherwise
    the two samples must not differ by a Mann-Whitney test at ALPHA (the medians are shown too)."""
    k, r = statistics.median(keras_values), statistics.median(lab_values)
    deterministic = max(lab_values) - min(lab_values) <= DETERMINISTIC_RTOL * abs(r)
    check = {
        "what": label,
        "keras": k,
        "relu_lab": r,
        "relative_difference": abs(k - r) / abs(r) if r else (0.0 if k == r else math.inf),
        "deterministic": deterministic,
    }
    if deterministic:
        check["ok"] = check["relative_difference"] <= DETERMINISTIC_RTOL
    else:
        check["p"] = mann_whitney_p(keras_values, lab_values)
        check["ok"] = check["p"] >= ALPHA
    return check


def compare(keras_born, lab_born, keras_runs, lab_runs):
    checks = [share_check("born dead", keras_born, lab_born, "born_dead", True)]
    for key in ("outcome", "diagnosis"):
        for value in sorted({r[key] for r in keras_runs} | {r[key] for r in lab_runs}):
            checks.append(share_check(key, keras_runs, lab_runs, key, value))
    for outcome in sorted({r["outcome"] for r in keras_runs} & {r["outcome"] for r in lab_runs}):
        for key in ("final_loss", "final_val_loss"):
            kv = [r[key] for r in keras_runs if r["outcome"] == outcome and r[key] is not None]
            lv = [r[key] for r in lab_runs if r["outcome"] == outcome and r[key] is not None]
            if len(kv) >= MIN_RUNS_FOR_MEDIAN and len(lv) >= MIN_RUNS_FOR_MEDIAN:
                label = "loss" if key == "final_loss" else "val_loss"
                checks.append(median_check(f"median {label} ({outcome})", kv, lv))
    return checks


def mode(runs, key):
    counts = {}
    for r in runs:
        counts[r[key]] = counts.get(r[key], 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def shares(runs, key):
    counts = {}
    for r in runs:
        counts[r[key]] = counts.get(r[key], 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def fmt(x):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"
    return str(x)


# --------------------------------------------------------------------------------------------------

def lab_runs(runner, link, seeds, init_seeds):
    """relu-lab's runs of a case: trained (seeds 1..seeds) and initialised only (1..init_seeds)."""
    trained = [runner_summary(runner, with_seed(link, s)) for s in range(1, seeds + 1)]
    init = [runner_summary(runner, with_seed(epochs_zero(link), s)) for s in range(1, init_seeds + 1)]
    return trained, init


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runner", default="target/release/examples/headless")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--keras-seeds", type=int, help="Keras seeds trained per case (default: the table's)")
    parser.add_argument("--init-seeds", type=int, help="extra Keras seeds initialised only (default: the table's)")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("CHECK_KERAS_JOBS", os.cpu_count() or 1)),
                        help="Keras worker processes (default: CHECK_KERAS_JOBS or the number of cores)")
    parser.add_argument("--json", help="also write the whole report (every run) to this file")
    args = parser.parse_args()

    started = time.time()
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or platform.machine())
    tolerances = {
        "shares": f"two-sided Fisher exact test per share; a share disagrees when p < {ALPHA}",
        "deterministic_rtol": DETERMINISTIC_RTOL,
        "other_values": f"two-sided Mann-Whitney U test, disagreement when p < {ALPHA}",
        "min_runs_for_median": MIN_RUNS_FOR_MEDIAN,
        "converged": "the final training loss <= the fit limit of the fit rows (relu-lab's judge)",
    }

    wanted = set(args.cases.split(",")) if args.cases else None
    cases, skipped = [], []
    for name, link, seeds, init_seeds, why in CASES:
        if wanted and name not in wanted:
            continue
        try:
            runner_summary(args.runner, with_seed(epochs_zero(link), 1))
        except RuntimeError as error:
            if name not in OPTIONAL:
                raise
            skipped.append({"case": name, "link": link, "skipped": f"{OPTIONAL[name]}; {error}"})
            continue
        seeds = args.keras_seeds if args.keras_seeds is not None else seeds
        init_seeds = args.init_seeds if args.init_seeds is not None else init_seeds
        cases.append((name, link, seeds, init_seeds, why))

    context = multiprocessing.get_context("spawn")
    with context.Pool(args.jobs, initializer=start_worker) as pool, \
            concurrent.futures.ThreadPoolExecutor(1) as lab_pool:
        header = {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
            "machine": f"{os.cpu_count()} cores, {cpu}",
            **pool.apply(keras_versions, (None,)),
            "jobs": args.jobs,
        }
        log(f"# {json.dumps(header)}")
        log(f"# shares (born dead, each outcome, each diagnosis): {tolerances['shares']}")
        log(f"# medians of final loss and val loss per outcome reached by >= {MIN_RUNS_FOR_MEDIAN} runs on each side:")
        log(f"#   deterministic (every relu-lab seed gives the same value): |keras - lab| <= {DETERMINISTIC_RTOL} * lab")
        log(f"#   otherwise: the two samples by a two-sided Mann-Whitney U test, disagreement when p < {ALPHA}")
        for entry in skipped:
            log(f"# {entry['case']}: skipped, the runner does not accept {entry['link']!r}: {entry['skipped']}")
        lab = {name: lab_pool.submit(lab_runs, args.runner, link, LAB_SEEDS, INIT_SEEDS_LAB)
               for name, link, _, _, _ in cases}
        tasks = [(name, s, (args.runner, with_seed(link if s <= seeds else epochs_zero(link), s), s > seeds))
                 for name, link, seeds, init_seeds, _ in cases for s in range(1, seeds + init_seeds + 1)]
        keras_results = {name: [] for name, *_ in cases}
        runs = pool.imap(run_keras, [task for _, _, task in tasks])
        for (name, seed, (_, link, init_only)), result in zip(tasks, runs):
            result["seed"], result["init_only"] = seed, init_only
            keras_results[name].append(result)
            if not init_only:
                where = result["diverged_at"]
                state = (f"diverged in epoch {where['epoch']}" + (f", batch {where['batch']}" if where["batch"] else "")
                         if where else f"dead {result['dead_by_layer']}")
                log(f"# {name} keras seed {seed}: {result['outcome']:<11} {result['diagnosis']:<17} "
                    f"loss {fmt(result['final_loss']):>14} val_loss {fmt(result['final_val_loss']):>14} {state} "
                    f"({result['seconds']} s)")
        report = []
        for name, link, seeds, init_seeds, why in cases:
            lab_trained, lab_init = lab[name].result()
            keras_trained = [r for r in keras_results[name] if not r["init_only"]]
            checks = compare(keras_results[name], lab_init, keras_trained, lab_trained)
            report.append({
                "case": name,
                "link": link,
                "why": why,
                "seeds": {"keras_trained": seeds, "keras_born_dead_sample": seeds + init_seeds,
                          "relu_lab_trained": LAB_SEEDS, "relu_lab_born_dead_sample": INIT_SEEDS_LAB},
                "keras": {"outcomes": shares(keras_trained, "outcome"), "diagnosis": mode(keras_trained, "diagnosis")},
                "relu_lab": {"outcomes": shares(lab_trained, "outcome"), "diagnosis": mode(lab_trained, "diagnosis")},
                "checks": checks,
                "ok": all(c["ok"] for c in checks),
                "keras_seconds": round(sum(r["seconds"] for r in keras_results[name]), 1),
                "keras_runs": keras_results[name],
            })

    # The table.
    versions = f"Keras {header['keras']} ({header['backend']}" + (
        f" {header['tensorflow']})" if "tensorflow" in header else ")")
    print(f"relu-lab against its exported Keras programs: {header['date']}, {header['machine']}, {versions}")
    print(f"tolerances: shares: Fisher exact p >= {ALPHA}; losses per outcome: medians within rtol "
          f"{DETERMINISTIC_RTOL} where deterministic, else Mann-Whitney p >= {ALPHA}; "
          f"converged: {tolerances['converged']}")
    print()
    print(f"{'case':<17} {'check':<36} {'Keras':>14} {'relu-lab':>14}  {'test':<24} ok")
    nontrivial = 0
    for case in skipped + report:
        if "skipped" in case:
            print(f"{case['case']:<17} skipped: {case['skipped']}")
            continue
        print(f"{case['case']:<17} {case['link']}")
        print(f"{'':<17} {'outcomes, Keras':<36} {case['keras']['outcomes']}")
        print(f"{'':<17} {'outcomes, relu-lab':<36} {case['relu_lab']['outcomes']}")
        for c in case["checks"]:
            if c.get("trivial"):
                continue
            if "deterministic" not in c:
                nontrivial += 1
                test = f"Fisher p = {c['p']:.2g}"
            elif c["deterministic"]:
                test = f"rel. diff {c['relative_difference']:.1g} <= {DETERMINISTIC_RTOL:g}"
            else:
                nontrivial += 1
                test = f"Mann-Whitney p = {c['p']:.2g}"
            mark = "ok" if c["ok"] else "NO"
            print(f"{'':<17} {c['what']:<36} {fmt(c['keras']):>14} {fmt(c['relu_lab']):>14}  {test:<24} {mark}")
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    known = {c["case"]: KNOWN_DIFFERENCES[(c["case"], backend)] for c in report
             if not c["ok"] and (c["case"], backend) in KNOWN_DIFFERENCES}
    for case, why in known.items():
        print(f"known difference in {case} with {backend}: {why}")
    failed = [c["case"] for c in report if not c["ok"] and c["case"] not in known]
    elapsed = round(time.time() - started)
    print()
    print(f"{nontrivial} non-trivial statistical tests at p < {ALPHA}: {nontrivial * ALPHA:.2f} false alarms expected "
          f"when both sides have the same distributions")
    print(f"{'DISAGREEMENT in ' + ', '.join(failed) if failed else 'all cases agree'} ({elapsed} s)")
    summary = {
        **header,
        "tolerances": tolerances,
        "seconds": elapsed,
        "ok": not failed,
        "known_differences": known,
        "cases": {c["case"]: ({"skipped": c["skipped"]} if "skipped" in c else {
            "ok": c["ok"],
            "keras_outcomes": c["keras"]["outcomes"],
            "relu_lab_outcomes": c["relu_lab"]["outcomes"],
            "failed_checks": [x["what"] for x in c["checks"] if not x["ok"]],
        }) for c in skipped + report},
    }
    print(json.dumps(summary))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({**summary, "report": report}, f, indent=1, default=str)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
