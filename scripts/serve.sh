#!/usr/bin/env bash
# Serves relu-lab at http://127.0.0.1:${PORT:-8080}/ (release build: training runs at full speed),
# installing the build tools first if they are missing. HOST=0.0.0.0 serves it to the local network
# (so phones in the class can open the link and QR code by this computer's network address).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/common.sh
port=${PORT:-8080}
host=${HOST:-127.0.0.1}
echo "relu-lab: building, then serving at http://$host:$port/"
exec trunk serve --release --offline=true --address "$host" --port "$port"
