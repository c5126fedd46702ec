#!/usr/bin/env bash
# Runs every test of relu-lab, installing what they need first (scripts/setup.sh --browser):
# formatting and lints (native and wasm), native tests, component tests in headless Chromium
# (wasm-bindgen-test), and end-to-end tests of the release page served under a sub-path (Playwright).
#   RELU_LAB_LONG=1 scripts/test.sh   also runs the long fuzz and torture tests and scripts/check-keras.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
. scripts/common.sh
step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --target wasm32-unknown-unknown --all-targets -- -D warnings
# The page's core: ReLU's kernels and one copy for the other activations (feature `compact`), its
# hot loops handed in by core/hot (feature `lean`).
cargo clippy --workspace --target wasm32-unknown-unknown --all-targets --features lean,relu-lab-core/compact -- -D warnings

step "native tests (engine, config, charts)"
cargo test --workspace
# The page's kernels (one copy for every activation but ReLU, the hot loops through core/hot) give
# the listed bits too.
cargo test --features lean,relu-lab-core/compact --test same_bits

if [ "${RELU_LAB_LONG:-}" = 1 ]; then
  step "the exported Keras programs against relu-lab (scripts/check-keras.sh, ~7 min, needs PyPI)"
  cargo build --release --example headless
  scripts/check-keras.sh
fi

step "component tests in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web
# As the page is built: its core's features `compact` and `lean` (the sweep worker's: `lean` only).
cargo test --target wasm32-unknown-unknown --features lean,relu-lab-core/compact --test web

step "release build (page, and the native headless runner the browser run is compared with)"
trunk build --release --offline=true
cargo build --release --example headless

step "end-to-end tests (Playwright, headless Chromium, dist/ served under /relu-lab/)"
serve_dist
node --test --test-concurrency=1 tests/e2e/*.test.mjs
