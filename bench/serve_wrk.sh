#!/usr/bin/env bash
# Load test of `kokuho serve` on loopback with wrk (Debian package wrk): the live-scenario
# recompute endpoint (POST /api/compute, every request a different α, so each one runs
# nofukin::Compute on the whole case) against two baselines served by the same server in
# the same run: a static file (GET /index.html, no computation) and the cached baseline
# result (GET /api/compute, JSON only).
#
#   bash bench/serve_wrk.sh [build/kokuho] [examples/gunma] [seconds] [connections]
#
# Prints wrk's report per endpoint and a summary line: requests/s, non-2xx responses and
# socket errors, and the recompute rate as a fraction of the static-file rate.
set -euo pipefail
BIN=${1:-build/kokuho}
CASE=${2:-examples/gunma}
SECONDS_RUN=${3:-10}
CONNECTIONS=${4:-8}
command -v wrk >/dev/null || { echo "serve_wrk.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

"$BIN" serve "$CASE" --port 0 --quiet >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
  grep -q 'http://127.0.0.1:' "$tmp/out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)
[[ -n "$url" ]] || { echo "serve_wrk.sh: the server did not start" >&2; cat "$tmp/err" >&2; exit 1; }

cat >"$tmp/recompute.lua" <<'LUA'
-- Each request asks for a different α in [0, 1] (and so a full recompute).
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"alpha": %.2f}', (n % 101) / 100)
  return wrk.format("POST", "/api/compute", {["Content-Type"] = "application/json"}, body)
end
LUA
cat >"$tmp/count.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f non2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.requests / (summary.duration / 1e6), e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
cat "$tmp/count.lua" >>"$tmp/recompute.lua"

echo "kokuho serve $CASE at $url; wrk -t2 -c$CONNECTIONS -d${SECONDS_RUN}s; $(nproc) cores"
run() {
  local name=$1
  shift
  local line
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency "$@" | tee "$tmp/$name.txt" | grep '^RESULT')
  echo "$name: ${line#RESULT }"
  echo "$line" >"$tmp/$name.result"
}
# One request first: the answer must be a 200 with 35 municipalities.
curl -sf -H 'Content-Type: application/json' -d '{"alpha": 0.5}' "$url/api/compute" | grep -q '"municipalities"'
run static -s "$tmp/count.lua" "$url/index.html"
run baseline_json -s "$tmp/count.lua" "$url/api/compute"
run recompute -s "$tmp/recompute.lua" "$url/api/compute"
rps() { sed -n 's/.*rps=\([0-9.]*\).*/\1/p' "$tmp/$1.result"; }
awk -v r="$(rps recompute)" -v s="$(rps static)" -v b="$(rps baseline_json)" \
  'BEGIN { printf "recompute/static = %.3f, recompute/baseline_json = %.3f\n", r / s, r / b }'
