#!/usr/bin/env bash
# Usage: scripts/bench.sh [--quick]
# The project's performance figures, each beside a baseline measured in the same run:
#   1. compiled size (bytes/entry) of the 2026-06-01 list;
#   2. lookups (trie vs hashed-String baseline), import and compile: the ordo-one benchmark package in Benchmarks/;
#   3. wall time of `hstsq check example.com` beside `hstsq --version` (hyperfine, release build);
#   4. `hstsq import` and `hstsq diff` as whole commands (hyperfine), and in Benchmarks/ the import end to end beside
#      Foundation's JSONDecoder decoding the same file, and the diff itself;
#   5. the gate: a lookup allocates nothing (Benchmarks/Thresholds).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
swift build -c release --product hstsq >/dev/null

log "compiled size"
.build/release/hstsq compile data/preload-2026-06-01.json -o /tmp/hstsq-bench.hstsq --compiled-at 1780272000
xz -9e -k -c <(grep -o '"name": "[^"]*"' data/preload-2026-06-01.json | cut -d'"' -f4 | sort) | wc -c |
    awk '{printf "xz -9e of the sorted names (no lookup possible): %d bytes, %.2f bytes/entry\n", $1, $1/94600}'

log "start-up: check one host vs --version"
hyperfine --warmup 5 --runs "${RUNS:-50}" -N -i \
    '.build/release/hstsq --version' \
    '.build/release/hstsq check example.com' \
    '.build/release/hstsq check figma.com'

log "store: hstsq import end to end, and diff 2026-05-01 → 2026-06-01, whole commands"
store=$(mktemp -d)
hyperfine --warmup 1 --runs "${STORE_RUNS:-10}" -N \
    --prepare "rm -rf $store/import" \
    "env HSTSQ_STORE=$store/import .build/release/hstsq import data/preload-2026-06-01.json"
HSTSQ_STORE=$store/diff .build/release/hstsq import Tests/HSTSStoreTests/Fixtures/preload-2026-05-01.json --label may >/dev/null
HSTSQ_STORE=$store/diff .build/release/hstsq import data/preload-2026-06-01.json --label june >/dev/null
hyperfine --warmup 1 --runs "${STORE_RUNS:-10}" -N --output=null \
    "env HSTSQ_STORE=$store/diff .build/release/hstsq diff may june --json" \
    "env HSTSQ_STORE=$store/diff .build/release/hstsq versions"
rm -rf "$store"

if [ "${1:-}" != "--quick" ]; then
    log "lookups, import, compile (Benchmarks/)"
    # --target: the plugin otherwise also starts ProbeBenchSites (scripts/bench-probe.sh's server), which waits for
    # a signal and ends in "WaitPIDError".
    (cd Benchmarks && swift package --disable-sandbox benchmark --target LookupBenchmarks --format markdown --no-progress)
    log "gate: a lookup allocates nothing, either index (Benchmarks/Thresholds)"
    (cd Benchmarks && swift package --disable-sandbox benchmark thresholds check --target LookupBenchmarks \
        --filter "LookupAllocations.*")
fi
