#!/usr/bin/env bash
# Soak test (long, not in scripts/test.sh): plays the release page at max speed for SOAK_MINUTES
# (default 30) in headless Chromium and checks that memory stays flat and no console error appears.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"
trunk build --release --offline=true
site=$(mktemp -d)
cp -r dist "$site/relu-lab"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
sleep 0.5
RELU_LAB_URL="http://127.0.0.1:$port/relu-lab/" node tests/e2e/soak.mjs
