#!/usr/bin/env bash
# Benchmark (not a test): the training core inside wasm, another commit's page against this
# checkout's, taken in turns in one headless Chromium (tests/e2e/probes/bench-vs.mjs).
#   scripts/bench-vs.sh 25435b6      (25435b6: the last commit of round 1)
#   scripts/bench-vs.sh 0bc80be 'preset=question&hidden=64,64'   (other runs: queries separated by ;)
# Builds the other commit's page in a temporary worktree (a few minutes), then this one's.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/bench-vs.sh REVISION}
scripts/setup.sh --browser >/dev/null
. scripts/common.sh
here=$PWD
work=$(mktemp -d)
cleanup() {
  [ -n "${other_server:-}" ] && kill "$other_server" 2>/dev/null
  git worktree remove --force "$work/tree" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
git worktree add --detach "$work/tree" "$rev" >/dev/null 2>&1
echo "# building $rev"
# Its own target directory, kept between runs (a second run of the same commit builds in seconds).
(cd "$work/tree" && CARGO_TARGET_DIR="$here/target/bench-vs" trunk build --release --offline=true >"$work/build.log" 2>&1) || { tail -20 "$work/build.log"; exit 1; }
echo "# building this checkout ($(git rev-parse --short HEAD))"
trunk build --release --offline=true >/dev/null 2>&1
serve_dist  # this checkout's page, under /relu-lab/ (its port is bound before the next is chosen)
trap 'cleanup; kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/tree/dist" >/dev/null 2>&1 &
other_server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); old = $rev, new = this checkout"
node tests/e2e/probes/bench-vs.mjs "http://127.0.0.1:$port/" "$RELU_LAB_URL" ${2:+"$2"}
