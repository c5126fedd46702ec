# Sourced by the scripts: tool paths, and serving dist/ under a sub-path as static hosting does.
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"

# Copies dist/ to a temporary site as /relu-lab/, serves it on a free loopback port, and sets
# RELU_LAB_URL. The server and the copy go away when the script exits.
serve_dist() {
  site=$(mktemp -d)
  cp -r dist "$site/relu-lab"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$site/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/relu-lab/" >/dev/null && break; sleep 0.1; done
  export RELU_LAB_URL="http://127.0.0.1:$port/relu-lab/"
}
