#!/usr/bin/env bash
# Usage: scripts/bench-index-section.sh [QUERIES]
# The compiled file with a lookup-index section (`hstsq compile --index hash`) beside the C baseline, in one run, on
# the first QUERIES (default 1,000,000) hosts of the benchmarks' 1M mixed stream over the 2026-06-01 list:
#   - open time of the indexed file (best of 20 opens) and its size, beside opening the compact file (best of 20)
#     and opening it with the in-memory hash table built at open (best of 5);
#   - wall time per in-process lookup, best of three runs each: the indexed file, the in-memory hash table, the
#     compact blocks, and Benchmarks/c_bsearch.c's in-process loop (gcc -O2);
#   - instructions per lookup under callgrind inside PreloadList.decision(utf8:), over the first 200,000 hosts.
set -euo pipefail
cd "$(dirname "$0")/.."
queries="${1:-1000000}"
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

gcc -O2 -o "$work/c_bsearch" Benchmarks/c_bsearch.c
(cd Benchmarks && swift build -c release --product LookupInstructions >/dev/null 2>&1)
swift_binary=Benchmarks/.build/release/LookupInstructions
"$swift_binary" print "$queries" >"$work/hosts"

echo "== $(wc -l <"$work/hosts") hosts; load average $(cut -d' ' -f1-3 /proc/loadavg)"
best() { # best "N ns per lookup" of three runs of: command...
    for _ in 1 2 3; do "$@"; done | sed -n 's/.* \([0-9.]*\) ns per lookup.*/\1/p' | sort -n | head -n 1
}
# Open times, each mode's file with its index: the section, the compact blocks, the hash table built at open.
for index in index-section blocks hash-table; do "$swift_binary" "$index" 1000 | head -n 1; done
declare -A ns
for index in index-section hash-table blocks; do ns[$index]=$(best "$swift_binary" "$index" "$queries"); done
ns[c_bsearch]=$(for _ in 1 2 3; do "$work/c_bsearch" data/preload-2026-06-01.json "$work/hosts"; done |
    sed -n 's/.*"ns_per_lookup":\([0-9.]*\).*/\1/p' | sort -n | head -n 1)
symbol=$(nm "$swift_binary" | awk '!found && $3 ~ /11PreloadListV8decision4utf89semantics.*MatchingSemanticsOtF$/ { print $3; found = 1 }')
valgrind --tool=callgrind --toggle-collect="$symbol" --callgrind-out-file="$work/callgrind.out" \
    "$swift_binary" index-section 200000 >/dev/null 2>"$work/callgrind.err"
instructions=$(awk '/refs:/ { gsub(",", "", $NF); printf "%.0f", $NF / 200000 }' "$work/callgrind.err")
for index in index-section hash-table blocks c_bsearch; do
    printf '%-14s %6s ns per lookup (best of three)\n' "$index" "${ns[$index]}"
done
awk -v c="${ns[c_bsearch]}" -v s="${ns[index-section]}" 'BEGIN { printf "index-section is %.2fx faster than c_bsearch in process\n", c / s }'
echo "index-section: $instructions instructions per lookup (callgrind, 200,000 hosts)"
