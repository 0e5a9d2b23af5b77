#!/usr/bin/env bash
# Sustained load on `kokuho serve` (issue 19, docs/benchmarks.md): wrk for SECONDS on the live
# recompute (POST /api/compute, every request a different α, so each runs nofukin::Compute on
# the whole case), with every response checked while the load runs: status 200, one entry per
# municipality, and Σ納付金 + 激変緩和 equal to the baseline's to the yen (α moves the
# 納付金 between municipalities and the relief, never the total).
#
#   bash bench/serve_load.sh [build/kokuho] [examples/gunma] [seconds] [connections]
#
# Prints one line: requests, requests/s, non-2xx, socket errors (connect/read/write/timeout),
# responses that failed the check, p50/p99 latency. Exits non-zero on any error or failed check.
set -euo pipefail
BIN=${1:-build/kokuho}
CASE=${2:-examples/gunma}
SECONDS_RUN=${3:-60}
CONNECTIONS=${4:-16}
command -v wrk >/dev/null || { echo "serve_load.sh: wrk is missing (bash scripts/install-deps.sh --bench)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

"$BIN" serve "$CASE" --port 0 --quiet >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
  grep -q 'http://127.0.0.1:' "$tmp/out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)
[[ -n "$url" ]] || { echo "serve_load.sh: the server did not start" >&2; cat "$tmp/err" >&2; exit 1; }

# The expected total and municipality count, from the baseline.
read -r total count < <(curl -sf "$url/api/compute" | python3 -c \
  'import json,sys; j=json.load(sys.stdin); print(j["totals"]["nofukin"] + j["totals"]["relief"], len(j["municipalities"]))')

cat >"$tmp/load.lua" <<LUA
local threads = {}
local n = 0
bad = 0
function setup(thread) table.insert(threads, thread) end
function request()
  n = n + 1
  return wrk.format("POST", "/api/compute", {["Content-Type"] = "application/json"},
                    string.format('{"alpha": %.2f}', (n % 101) / 100))
end
function response(status, headers, body)
  local nofukin, relief = string.match(body, '"totals":{"nofukin":(%d+),"relief":(%d+)}')
  local _, municipalities = string.gsub(body, '"code":', '')
  if status ~= 200 or nofukin == nil or tonumber(nofukin) + tonumber(relief) ~= $total
     or municipalities ~= $count then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("bad") end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f non2xx=%d socket_errors=%d/%d/%d/%d failed_checks=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.requests / (summary.duration / 1e6), e.status, e.connect, e.read,
    e.write, e.timeout, failed, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

echo "kokuho serve $CASE at $url; wrk -t2 -c$CONNECTIONS -d${SECONDS_RUN}s; $(nproc) cores; expected Σ納付金+激変緩和 = $total over $count municipalities"
line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s "$tmp/load.lua" "$url" | tee "$tmp/wrk.txt" | grep '^RESULT')
echo "${line#RESULT }"
[[ "$line" =~ non2xx=0\ socket_errors=0/0/0/0\ failed_checks=0 ]] || { cat "$tmp/wrk.txt" >&2; exit 1; }
