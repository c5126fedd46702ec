#!/usr/bin/env bash
# Installs what relu-lab needs on a fresh Debian machine, skipping whatever is already there, so it is
# idempotent and takes about a second when everything is present.
#   scripts/setup.sh            build tools: wasm target, trunk, wasm-bindgen-cli, wasm-opt and terser (npm), wasm-split-cli
#   scripts/setup.sh --browser  also Chromium, ChromeDriver and playwright-core, for the tests
# Versions and traps: README.md, "Toolchain notes" (trunk 0.22 needs rustc >= 1.96.1; Debian's wasm-opt breaks the page).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
log() { printf 'setup: %s\n' "$*" >&2; }

browser=false
[ "${1:-}" = "--browser" ] && browser=true

apt_pid=""
if $browser && ! { command -v chromium && command -v chromedriver && [ -d /usr/share/fonts/opentype/noto ]; } >/dev/null 2>&1; then
  log "installing Debian chromium, chromium-driver and CJK fonts (in the background)"
  ( export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null ) &
  apt_pid=$!
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# npm's own record of what it installed must match the lockfile (a new test package is picked up).
if ! cmp -s <(node -e 'const l=require("./tests/e2e/package-lock.json");console.log(JSON.stringify(Object.keys(l.packages).filter(k=>k).sort()))' 2>/dev/null) \
         <(node -e 'const l=require("./tests/e2e/node_modules/.package-lock.json");console.log(JSON.stringify(Object.keys(l.packages).filter(k=>k).sort()))' 2>/dev/null) \
   || [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ ! -x tests/e2e/node_modules/.bin/terser ]; then
  log "installing wasm-opt (binaryen), terser, playwright-core, axe-core and jsQR from npm"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes, once)"
  # Without --locked: its lockfile wants a webpki-roots release the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The page's post-build step (scripts/split.py) cuts its wasm into chunks with this splitter (the
# library cargo-leptos uses for Leptos's #[lazy]; its CLI is the crate's `build-binary` feature).
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

if [ -n "$apt_pid" ]; then
  wait "$apt_pid" || { log "apt-get could not install chromium"; exit 1; }
fi
log "ready"
