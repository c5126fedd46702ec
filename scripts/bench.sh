#!/usr/bin/env bash
# Benchmarks (not tests): the core natively (epochs/s per preset, one core) and the release page in
# headless Chromium (tests/e2e/bench.mjs). Prints JSON lines to compare across commits.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
. scripts/common.sh
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# native core (one core): cargo bench --bench epochs -- --json"
cargo bench --bench epochs -- --json 2>/dev/null
trunk build --release --offline=true >/dev/null 2>&1
serve_dist
echo "# browser: node tests/e2e/bench.mjs"
node tests/e2e/bench.mjs
