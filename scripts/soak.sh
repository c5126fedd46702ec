#!/usr/bin/env bash
# Soak test (long, not in scripts/test.sh): plays the release page at max speed for SOAK_MINUTES
# (default 30) in headless Chromium and checks that memory stays flat and no console error appears.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
. scripts/common.sh
trunk build --release --offline=true
serve_dist
node tests/e2e/probes/soak.mjs
