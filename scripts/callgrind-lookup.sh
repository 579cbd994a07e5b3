#!/usr/bin/env bash
# Usage: scripts/callgrind-lookup.sh [QUERIES]
# Instructions per lookup: callgrind (valgrind) over the first QUERIES (default 200,000) queries of the
# benchmarks' 1M-query stream, counted only inside PreloadList.decision(utf8:) (the set-up is not counted), through
# each index. Instruction counts do not depend on how busy the machine is, so they compare builds across days.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
queries="${1:-200000}"
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
swift build -c release --product LookupInstructions >/dev/null 2>&1 || swift build -c release --product LookupInstructions
binary=.build/release/LookupInstructions
symbol=$(nm "$binary" | awk '!found && $3 ~ /11PreloadListV8decision4utf89semantics.*MatchingSemanticsOtF$/ { print $3; found = 1 }')
[ -n "$symbol" ] || { echo "callgrind-lookup: decision(utf8:) not found in $binary" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for index in hash-table blocks; do
    valgrind --tool=callgrind --toggle-collect="$symbol" --callgrind-out-file="$out/$index" \
        "$binary" "$index" "$queries" >"$out/$index.stdout" 2>"$out/$index.stderr"
    total=$(awk '/refs:/ { gsub(",", "", $NF); print $NF }' "$out/$index.stderr")
    awk -v index_="$index" -v total="$total" -v n="$queries" \
        'BEGIN { printf "%-10s %d queries: %d instructions, %.0f per lookup\n", index_, n, total, total / n }'
done
