#!/usr/bin/env bash
# Usage: scripts/bench-stream.sh [HSTSQ]      (default: install into a temporary prefix with scripts/install.sh)
#        BASELINE=OTHER_HSTSQ scripts/bench-stream.sh [HSTSQ]   also times OTHER_HSTSQ (an earlier build) in the same run
# `hstsq check -` end to end on 1,000,000 hosts (40% misses, 30% names of entries, 30% subdomains of entries, the
# bundled 2026-06-01 list), text and --json, beside the naive C driver `Benchmarks/c_bsearch.c --stream` (cc -O2) in
# the same run: wall time (hyperfine), hosts/s and peak RSS (/usr/bin/time). Then start-up of the installed binary:
# `check example.com` beside `--version` (hyperfine, 50 runs), its size and what `ldd` lists.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${1:-}" ]; then
    hstsq=$1
else
    scripts/install.sh "$work/prefix" >/dev/null
    hstsq=$work/prefix/bin/hstsq
fi
cc -O2 -o "$work/c_bsearch" Benchmarks/c_bsearch.c

# The host stream, the same on every run (awk's srand(23)).
grep -o '"name": "[^"]*"' data/preload-2026-06-01.json | cut -d'"' -f4 >"$work/names"
awk 'BEGIN { srand(23) } { names[NR] = $0 } END {
    for (i = 0; i < 1000000; i++) {
        r = rand(); name = names[int(rand() * NR) + 1]
        if (r < 0.4) printf "host%d.miss%d.com\n", i, int(rand() * 100000)
        else if (r < 0.7) print name
        else printf "www%d.%s\n", i % 10, name
    }
}' "$work/names" >"$work/hosts"
hosts=$(wc -l <"$work/hosts")
echo "hosts: $hosts ($(wc -c <"$work/hosts") bytes); load: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '\n== check - end to end, beside c_bsearch --stream\n'
# Through sh for the redirections (this hyperfine has no --input); sh's own start-up is about 1 ms of 0.5 s.
baseline=()
if [ -n "${BASELINE:-}" ]; then
    baseline=("$BASELINE check - <$work/hosts >/dev/null" "$BASELINE check --json - <$work/hosts >/dev/null")
fi
hyperfine --warmup 1 --runs "${RUNS:-5}" -i --export-json "$work/stream.json" \
    "$work/c_bsearch --stream data/preload-2026-06-01.json <$work/hosts >/dev/null" \
    "$hstsq check - <$work/hosts >/dev/null" \
    "$hstsq check --json - <$work/hosts >/dev/null" \
    "${baseline[@]}"
python3 - "$work/stream.json" "$hosts" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
hosts = int(sys.argv[2])
base = results[0]["median"]
for r in results:
    command = r["command"].split(" <")[0]
    command = ("baseline " if command.startswith(__import__("os").environ.get("BASELINE") or "\0") else "") + command.split("/")[-1]
    print(f'{command:40s} median {r["median"]:.3f} s  {hosts / r["median"]:>12,.0f} hosts/s  '
          f'{r["median"] / base:.2f}x the C driver')
PY

printf '\n== peak RSS (KiB)\n'
for cmd in "$work/c_bsearch --stream data/preload-2026-06-01.json" "$hstsq check -" "$hstsq check --json -"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%M KiB  ${cmd##*/}" $cmd <"$work/hosts" >/dev/null || true
done

printf '\n== start-up: check example.com beside --version (installed binary)\n'
hyperfine --warmup 5 --runs "${STARTUP_RUNS:-50}" -N -i --export-json "$work/startup.json" \
    "$hstsq --version" "$hstsq check example.com"
python3 - "$work/startup.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    command = r["command"].split("/")[-1]
    print(f"{command:30s} median {r['median'] * 1000:.2f} ms")
PY
if command -v valgrind >/dev/null; then
    for args in "--version" "check example.com"; do
        # shellcheck disable=SC2086
        # (`check example.com` exits 1, not upgraded: under pipefail that must not end the script.)
        { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$hstsq" $args 2>&1 >/dev/null || true; } |
            awk -v a="$args" '/refs:/ { print "instructions, hstsq " a ": " $NF }'
    done
fi

printf '\n== installed binary\n'
echo "size: $(stat -c %s "$hstsq") bytes"
ldd "$hstsq" || true
