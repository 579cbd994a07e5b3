#!/usr/bin/env bash
# Load test for `hstsq serve` with wrk on loopback (docs/serve.md):
#   1. GET /healthz (baseline: the server with no lookup), 64 connections, 30 s
#   2. GET /api/v2/status for a mix of preloaded and unknown names, 64 connections, 30 s
#   3. POST /api/v2/status with 10,000 names per request, 1 connection, 10 s
# Prints requests/s and latency percentiles, and the server's resident memory (VmRSS) before, during and after.
# Usage: scripts/bench-serve.sh [DURATION]   (release build in .build-release; wrk from apt if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30s}"
port="${HSTSQ_BENCH_PORT:-18080}"

if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
swift build -c release --product hstsq --scratch-path .build-release >/dev/null
binary=".build-release/release/hstsq"

"$binary" serve --quiet --bind "127.0.0.1:$port" --list data/preload-2026-06-01.hstsq &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2 " KiB"}' "/proc/$server/status"; }
sample_rss() {
    local peak=0 value
    while kill -0 "$server" 2>/dev/null; do
        value=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
        [ "${value:-0}" -gt "$peak" ] && peak=$value && echo "$peak" >"$1"
        sleep 1
    done
}

echo "server RSS at start: $(rss)"
echo "== baseline: GET /healthz, 64 connections, $duration"
wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port/healthz"
echo "server RSS after baseline: $(rss)"

peak_file=$(mktemp)
sample_rss "$peak_file" &
sampler=$!
echo "== GET /api/v2/status (mix of preloaded and unknown), 64 connections, $duration"
wrk -t2 -c64 -d"$duration" --latency -s scripts/bench-serve-status.lua "http://127.0.0.1:$port"
echo "server RSS after status run: $(rss) (peak during the run: $(cat "$peak_file") KiB)"

echo "== POST /api/v2/status, 10,000 names per request, 1 connection, 10s"
wrk -t1 -c1 -d10s --latency --timeout 30s -s scripts/bench-serve-bulk.lua "http://127.0.0.1:$port/api/v2/status"
echo "server RSS at the end: $(rss)"
kill "$sampler" 2>/dev/null || true
rm -f "$peak_file"
