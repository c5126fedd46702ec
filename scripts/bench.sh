#!/usr/bin/env bash
# Benchmarks (not tests): the core natively (epochs/s per preset, one core) and the release page in
# headless Chromium (tests/e2e/bench.mjs). Prints JSON lines to compare across commits.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# native core (one core): cargo bench --bench epochs -- --json"
cargo bench --bench epochs -- --json 2>/dev/null
trunk build --release --offline=true >/dev/null 2>&1
site=$(mktemp -d)
cp -r dist "$site/relu-lab"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
sleep 0.5
echo "# browser: node tests/e2e/bench.mjs"
RELU_LAB_URL="http://127.0.0.1:$port/relu-lab/" node tests/e2e/bench.mjs
