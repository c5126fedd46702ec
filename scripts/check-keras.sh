#!/usr/bin/env bash
# Executes the Keras 3 programs relu-lab exports and compares them with relu-lab's own runs of the same
# links (a check, not a benchmark). Installs Keras 3 with a CPU TensorFlow backend (KERAS_BACKEND=jax:
# JAX instead) into a throwaway virtual environment, builds the headless runner, and runs
# scripts/check_keras.py: every preset and a few mixed configurations, several seeds on both sides,
# compared by born-dead share, share of each outcome and diagnosis, and final loss and validation
# loss (every tolerance is printed). Prints a table and a JSON line; exits 1 on a disagreement.
#   scripts/check-keras.sh                       about 6 minutes on 2 cores, plus ~1 minute of pip
#   KERAS_VENV=~/.cache/relu-lab-keras scripts/check-keras.sh   keeps (and reuses) the environment
#   scripts/check-keras.sh --cases question,adam --keras-seeds 4   options: scripts/check_keras.py --help
# CHECK_KERAS_JOBS sets the number of Keras worker processes (default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
start=$(date +%s)

export KERAS_BACKEND=${KERAS_BACKEND:-tensorflow}
case "$KERAS_BACKEND" in
  tensorflow) backend_package="tensorflow-cpu" ;;
  jax) backend_package="jax[cpu]" ;;
  *) echo "KERAS_BACKEND must be tensorflow or jax" >&2; exit 2 ;;
esac
if [ -n "${KERAS_VENV:-}" ]; then
  venv=$KERAS_VENV
else
  venv=$(mktemp -d)
  trap 'rm -rf "$venv"' EXIT
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c "import keras, numpy, pandas, $KERAS_BACKEND" 2>/dev/null; then
  echo "check-keras: installing keras, $backend_package, numpy and pandas into $venv" >&2
  # pandas: the programs of own data from a file read it by its columns' names.
  "$venv/bin/pip" install --quiet --disable-pip-version-check keras "$backend_package" numpy pandas
fi

echo "check-keras: building the headless runner" >&2
cargo build --quiet --release --example headless

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
status=0
TF_CPP_MIN_LOG_LEVEL=3 "$venv/bin/python" scripts/check_keras.py --runner target/release/examples/headless "$@" || status=$?
echo "# check-keras: $(( $(date +%s) - start )) s in all, exit status $status"
exit $status
