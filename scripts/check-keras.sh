#!/usr/bin/env bash
# Executes the Keras 3 programs relu-lab exports and compares them with relu-lab's own runs of the same
# links (a check, not a benchmark): installs Keras 3 with a CPU TensorFlow backend into a throwaway
# virtual environment, builds the headless runner, and runs scripts/check_keras.py, which trains every
# preset and a few mixed configurations for several seeds on both sides and compares the born-dead
# share, the share of each outcome and diagnosis, and the final loss and validation loss (every
# tolerance is printed). Exits 1 on a disagreement.
#   scripts/check-keras.sh                       about 5 minutes on 2 cores, plus ~1 minute of pip
#   KERAS_VENV=~/.cache/relu-lab-keras scripts/check-keras.sh   keeps (and reuses) the environment
#   scripts/check-keras.sh --cases question,adam --keras-seeds 4   options: scripts/check_keras.py --help
# CHECK_KERAS_JOBS sets the number of Keras worker processes (default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
start=$(date +%s)

if [ -n "${KERAS_VENV:-}" ]; then
  venv=$KERAS_VENV
else
  venv=$(mktemp -d)
  trap 'rm -rf "$venv"' EXIT
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c 'import keras, tensorflow, numpy' 2>/dev/null; then
  echo "check-keras: installing keras, tensorflow-cpu and numpy into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check keras tensorflow-cpu numpy
fi

echo "check-keras: building the headless runner" >&2
cargo build --quiet --release --example headless

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
status=0
KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 \
  "$venv/bin/python" scripts/check_keras.py --runner target/release/examples/headless "$@" || status=$?
echo "# check-keras: $(( $(date +%s) - start )) s in all, exit status $status"
exit $status
