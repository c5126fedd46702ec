#!/usr/bin/env bash
# Runs every test of relu-lab, installing what they need first (scripts/setup.sh --browser):
# formatting and lints (native and wasm), native tests, component tests in headless Chromium
# (wasm-bindgen-test), and end-to-end tests of the release page served under a sub-path (Playwright).
#   RELU_LAB_LONG=1 scripts/test.sh   also runs the long fuzz and torture tests
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests (engine, config, charts)"
cargo test

step "component tests in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web

step "release build (page, and the native headless runner the browser run is compared with)"
trunk build --release --offline=true
cargo build --release --example headless

step "end-to-end tests (Playwright, headless Chromium, dist/ served under /relu-lab/)"
site=$(mktemp -d)
cp -r dist "$site/relu-lab"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$site/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/relu-lab/" >/dev/null && break; sleep 0.1; done
RELU_LAB_URL="http://127.0.0.1:$port/relu-lab/" node --test --test-concurrency=1 tests/e2e/*.test.mjs
