#!/usr/bin/env bash
# Serves relu-lab at http://127.0.0.1:${PORT:-8080}/ (release build: training runs at full speed),
# installing the build tools first if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/common.sh
port=${PORT:-8080}
echo "relu-lab: building, then serving at http://127.0.0.1:$port/"
exec trunk serve --release --offline=true --port "$port"
