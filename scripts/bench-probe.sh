#!/usr/bin/env bash
# Usage: scripts/bench-probe.sh [DOMAINS]
# The live-audit figure: a live batch audit of DOMAINS (default 1000) loopback domains, half eligible and half failing in
# different ways, whose servers answer every request after 50 ms (a stand-in for a real round trip). Wall time and
# peak resident memory of `hstsq audit --batch` at concurrency 1, 8 and 64; concurrency 1 is the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-1000}"
log() { printf '\n== %s\n' "$*" >&2; }

swift build -c release --product hstsq >/dev/null
(cd Benchmarks && swift build -c release --product ProbeBenchSites >/dev/null)

work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; rm -rf "$work"' EXIT
# The sites serve until their standard input closes (fd 3 here).
mkfifo "$work/in"
Benchmarks/.build/release/ProbeBenchSites <"$work/in" >"$work/sites.txt" &
exec 3>"$work/in"
for _ in $(seq 100); do grep -q '^ready' "$work/sites.txt" 2>/dev/null && break; sleep 0.1; done
args=()
while read -r kind value; do
    case "$kind" in
        connect-to) args+=(--connect-to "$value") ;;
        ca-file) args+=(--ca-file "$value") ;;
    esac
done <"$work/sites.txt"

# Half eligible; the other half cycles through nine ways to fail.
failing=(noredirect wwwfirst insecurefirst insecurelater toomany noheader twoheaders httpheader reset)
for i in $(seq 1 "$count"); do
    if [ $((i % 2)) -eq 0 ]; then echo "eligible-$i.com"; else echo "${failing[$((i / 2 % ${#failing[@]}))]}-$i.com"; fi
done >"$work/domains.txt"

printf '| concurrency | wall time | throughput | vs concurrency 1 | peak RSS |\n|---:|---:|---:|---:|---:|\n'
base=""
for c in 1 8 64; do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" \
        .build/release/hstsq audit --batch "$work/domains.txt" --json --concurrency "$c" --timeout 10 "${args[@]}" \
        >"$work/out-$c.jsonl" || true
    read -r wall kib < <(tail -n 1 "$work/time.txt")
    lines=$(wc -l <"$work/out-$c.jsonl")
    [ "$lines" -eq $((count + 1)) ] || { echo "concurrency $c: $lines lines, expected $((count + 1))" >&2; exit 1; }
    [ -n "$base" ] || base="$wall"
    awk -v c="$c" -v w="$wall" -v k="$kib" -v b="$base" -v n="$count" \
        'BEGIN { printf "| %d | %.1f s | %.1f domains/s | %.1fx | %.0f MB |\n", c, w, n / w, b / w, k / 1024 }'
done
log "summary of the last run"
tail -n 1 "$work/out-64.jsonl" >&2
