#!/usr/bin/env bash
# Usage: scripts/lint.sh
# Fails on any swift-format finding (house-style rules in .swift-format) and on `unsafe` code outside the two
# folders allowed to hold it: the trie file reader/writer and the SQLite wrapper. (The fuzz targets in Tests/Fuzz
# take libFuzzer's raw pointers by its C ABI; that is the only unsafe code there.)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '%s\n' "$*" >&2; }
fatal() { log "lint: $*"; exit 1; }

# Tests takes in the fuzz package (Tests/Fuzz); its links to Sources/ are not followed, so Sources is linted once.
paths=(Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks)
existing=()
for p in "${paths[@]}"; do [ -e "$p" ] && existing+=("$p"); done
swift format lint --strict --recursive "${existing[@]}" || fatal "swift-format found problems (scripts/format.sh fixes most)"

allowed='^Sources/(HSTSPreload/TrieFile|HSTSStore/SQLite)/'
if hits=$(grep -rnwE --include='*.swift' '(unsafe|@unsafe)' Sources | grep -vE "$allowed" | grep -vE '^[^:]*:[0-9]*:\s*//'); then
    log "$hits"
    fatal "unsafe code outside Sources/HSTSPreload/TrieFile/ and Sources/HSTSStore/SQLite/"
fi
log "lint: ok"
