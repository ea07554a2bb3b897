#!/usr/bin/env bash
# `make run`: the reference server (replaying the bundled odds, with its season of demo bets)
# and the dashboard's production build against it. Prints both addresses; Ctrl-C stops both.
#
# The dashboard gets its own `user` and `admin` tokens, made here for this run (only their
# SHA-256 reaches the server's configuration; the tokens stay in the dashboard's server-side
# environment). Settings: EDGECORE_LISTEN (server, default 127.0.0.1:8080), DASHBOARD_HOST
# and DASHBOARD_PORT (default 127.0.0.1:3000), and every EDGECORE_* setting of the server.
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
dashboard="$root/examples/dashboard"
server_bin="$root/target/release/edgecore-server"
listen="${EDGECORE_LISTEN:-127.0.0.1:8080}"
host="${DASHBOARD_HOST:-127.0.0.1}"
port="${DASHBOARD_PORT:-3000}"

# token and its sha256, from Node's crypto
token_pair() {
  node -e 'const c=require("crypto");const t="ec_"+c.randomBytes(32).toString("hex");console.log(t+" "+c.createHash("sha256").update(t).digest("hex"))'
}
read -r user_token user_hash < <(token_pair)
read -r admin_token admin_hash < <(token_pair)
tokens="user:dashboard:$user_hash,admin:dashboard-admin:$admin_hash"
if [ -n "${EDGECORE_TOKENS:-}" ]; then tokens="$EDGECORE_TOKENS,$tokens"; fi

# whether a URL answers (any status), within 2 s
answers() {
  node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(()=>process.exit(0),()=>process.exit(1))' "$1"
}

# waits (2 minutes at most) until URL answers, unless process PID (NAME) stops first
wait_for() {
  for _ in $(seq 1 600); do
    if answers "$1"; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "the $3 stopped" >&2; exit 1; fi
    sleep 0.2
  done
  echo "the $3 did not answer at $1" >&2
  exit 1
}

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

cd "$root"
EDGECORE_PUBLIC_READS="${EDGECORE_PUBLIC_READS:-true}" EDGECORE_LISTEN="$listen" \
  EDGECORE_TOKENS="$tokens" "$server_bin" serve &
pids+=("$!")

# the server answers once the demo season and the first collection are in
wait_for "http://$listen/health" "${pids[0]}" server

cd "$dashboard"
EDGECORE_API_URL="http://$listen" EDGECORE_API_TOKEN="$user_token" EDGECORE_ADMIN_TOKEN="$admin_token" \
  NEXT_TELEMETRY_DISABLED=1 node node_modules/next/dist/bin/next start -H "$host" -p "$port" >/dev/null &
pids+=("$!")
wait_for "http://$host:$port/settings" "${pids[1]}" dashboard

echo
echo "  dashboard: http://$host:$port/"
echo "  API:       http://$listen/ (OpenAPI at http://$listen/openapi.json)"
echo "  Ctrl-C stops both."
wait -n "${pids[@]}" || true
