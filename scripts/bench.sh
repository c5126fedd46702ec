#!/usr/bin/env bash
# Benchmarks (not tests): the core natively (epochs/s per preset, one core) and the release page in
# headless Chromium (tests/e2e/probes/bench.mjs, which serves the build itself, gzipped, under /relu-lab/).
# Prints JSON lines to compare across commits, and a Markdown table of the device profiles
# (desktop; laptop, CPU 4x slower; phone 390x844, DPR 3, touch, CPU 4x slower, slow 4G).
#   scripts/bench.sh                 native core, release build, the page and the device profiles
#   scripts/bench.sh --dist DIR      no build: the page in DIR (e.g. a dist/ built elsewhere)
#   scripts/bench.sh --devices       the device profiles only (no native core, no sweeps)
# Both options combine; BENCH_PROFILES=phone,desktop picks profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=""
devices=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist="$2"; shift 2 ;;
    --devices) devices=true; shift ;;
    *) echo "usage: scripts/bench.sh [--dist DIR] [--devices]" >&2; exit 2 ;;
  esac
done
scripts/setup.sh --browser
. scripts/common.sh
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
if ! $devices; then
  echo "# native core (one core): cargo bench --bench epochs -- --json"
  cargo bench --bench epochs -- --json 2>/dev/null
fi
if [ -z "$dist" ]; then
  trunk build --release --offline=true >/dev/null 2>&1
  dist=dist
fi
only=all
$devices && only=devices
echo "# browser: node tests/e2e/probes/bench.mjs --dist $dist --only $only"
node tests/e2e/probes/bench.mjs --dist "$dist" --only "$only" --profiles "${BENCH_PROFILES:-desktop,laptop,phone}"
