#!/usr/bin/env bash
# Usage: scripts/bench-c-library.sh [QUERIES]
# Lookups through libhstsq's C API beside the Swift API and the C baseline (Benchmarks/c_bsearch.c), on the same
# first QUERIES (default 1,000,000) hosts of the benchmarks' 1M mixed stream, in one run:
#   - instructions per lookup under callgrind, counted only inside hstsq_lookup (C API) and
#     PreloadList.decision(utf8:) (Swift API), through each index, over the first 200,000 hosts;
#   - wall time per lookup, best of three runs of each (noisy on a shared machine; the instruction counts are not).
# Also prints the installed library's size.
set -euo pipefail
cd "$(dirname "$0")/.."
queries="${1:-1000000}"
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

scripts/install-c-library.sh "$work/prefix" 2>/dev/null
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
read -r -a hstsq_flags <<<"$(pkg-config --cflags --libs hstsq)"
gcc -O2 -g -o "$work/c-api-lookups" Benchmarks/CLibrary/c-api-lookups.c "${hstsq_flags[@]}"
gcc -O2 -o "$work/c_bsearch" Benchmarks/c_bsearch.c
(cd Benchmarks && swift build -c release --product LookupInstructions >/dev/null 2>&1)
swift_binary=Benchmarks/.build/release/LookupInstructions
"$swift_binary" print "$queries" >"$work/hosts"
head -n 200000 "$work/hosts" >"$work/hosts-200k"

echo "== $(wc -l <"$work/hosts") hosts; load average $(cut -d' ' -f1-3 /proc/loadavg)"
symbol=$(nm "$swift_binary" | awk '!found && $3 ~ /11PreloadListV8decision4utf89semantics.*MatchingSemanticsOtF$/ { print $3; found = 1 }')
count() { # instructions per lookup of: toggle-symbol hosts-count command...
    local toggle="$1" n="$2"
    shift 2
    valgrind --tool=callgrind --toggle-collect="$toggle" --callgrind-out-file="$work/callgrind.out" "$@" \
        >/dev/null 2>"$work/callgrind.err"
    awk -v n="$n" '/refs:/ { gsub(",", "", $NF); printf "%.0f", $NF / n }' "$work/callgrind.err"
}
best() { # best "N ns per lookup" of three runs of: command...
    for _ in 1 2 3; do "$@"; done | sed -n 's/.* \([0-9.]*\) ns per lookup.*/\1/p' | sort -n | head -n 1
}
for index in hash-table blocks; do
    c_instructions=$(count hstsq_lookup 200000 "$work/c-api-lookups" "$index" "$work/hosts-200k")
    swift_instructions=$(count "$symbol" 200000 "$swift_binary" "$index" 200000)
    c_ns=$(best "$work/c-api-lookups" "$index" "$work/hosts")
    swift_ns=$(best "$swift_binary" "$index" "$queries")
    printf '%-10s C API %s instructions, %s ns | Swift API %s instructions, %s ns per lookup\n' "$index" \
        "$c_instructions" "$c_ns" "$swift_instructions" "$swift_ns"
done
baseline_ns=$(for _ in 1 2 3; do "$work/c_bsearch" data/preload-2026-06-01.json "$work/hosts"; done |
    sed -n 's/.*"ns_per_lookup":\([0-9.]*\).*/\1/p' | sort -n | head -n 1)
echo "c_bsearch  $baseline_ns ns per lookup (best of three)"
echo "libhstsq.so: $(stat -c %s "$work/prefix/lib/libhstsq.so") bytes installed (stripped)"
