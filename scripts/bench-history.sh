#!/usr/bin/env bash
# The store as a history at scale: a store of 100 versions built from the real lists (the May and June lists
# alternating, i.e. the real May→June diff applied forwards and backwards), measured beside a 2-version store of
# the same lists in the same run:
#   1. `hstsq status` and `hstsq history` for one domain (whole command, median of RUNS runs);
#   2. `hstsq status -` for 10,000 domains (9,000 preloaded names of the June list, 1,000 subdomains/unknowns);
#   3. the store's size per version;
#   4. `hstsq import` of a new list into an empty store and into the 100-version store (median of IMPORT_RUNS).
# Versions 3…100 are copied row for row with sqlite3 (importing 100 real lists takes long and gives the same rows);
# they share their list's trie file, which status and history do not read.
# Usage: scripts/bench-history.sh   (HSTSQ=path/to/hstsq, default .build/release/hstsq; RUNS=20, IMPORT_RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
HSTSQ=${HSTSQ:-.build/release/hstsq}
RUNS=${RUNS:-20}
IMPORT_RUNS=${IMPORT_RUNS:-3}
MAY=Tests/HSTSStoreTests/Fixtures/preload-2026-05-01.json
JUNE=data/preload-2026-06-01.json
[ -x "$HSTSQ" ] || { echo "build first: swift build -c release --product hstsq" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private copy, so a rebuild during the run cannot change the binary under measurement.
cp "$HSTSQ" "$work/hstsq"
label=$HSTSQ
HSTSQ=$work/hstsq

milliseconds() { # median wall time of "$@" over $RUNS runs, stdin from $INPUT (default /dev/null)
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" < "${INPUT:-/dev/null}" > /dev/null || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

small=$work/small
big=$work/big
"$HSTSQ" import "$MAY" --label v1 --store "$small" > /dev/null 2>&1
"$HSTSQ" import "$JUNE" --label v2 --store "$small" > /dev/null 2>&1
cp -r "$small" "$big"
{
    echo "BEGIN;"
    for i in $(seq 3 100); do
        from=$(( i % 2 == 1 ? 1 : 2 ))
        echo "INSERT INTO versions (id, label, source_sha256, source, imported_at, entry_count, pinset_count, trie_file)
              SELECT $i, 'v$i', substr(source_sha256, 1, 56) || printf('%08d', $i), source, imported_at + $i,
                     entry_count, pinset_count, trie_file FROM versions WHERE id = $from;"
        echo "INSERT INTO entries SELECT $i, name, tld, label_count, policy, mode, include_subdomains,
              include_subdomains_for_pinning, pins, expect_ct, expect_ct_report_uri, expect_staple,
              include_subdomains_for_expect_staple, expect_staple_report_uri FROM entries WHERE version_id = $from;"
    done
    echo "INSERT OR REPLACE INTO current_version (only_row, version_id) VALUES (1, 100);"
    echo "COMMIT;"
} | sqlite3 "$big/store.sqlite"
sqlite3 "$big/store.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
sqlite3 "$small/store.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null

# 9,000 names of the June list and 1,000 names below them or unknown, shuffled with a fixed seed.
grep -o '"name": *"[^"]*"' "$JUNE" | sed 's/.*"\([^"]*\)"$/\1/' | shuf -n 9000 --random-source=<(yes) > "$work/domains"
head -500 "$work/domains" | sed 's/^/www./' >> "$work/domains"
seq 500 | sed 's/$/.unknown-host.example/' >> "$work/domains"
domain=$(sed -n 1p "$work/domains")

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; binary $label"
echo "one domain ($domain), median of $RUNS runs, ms:"
echo "  status   2 versions $(milliseconds "$HSTSQ" status "$domain" --store "$small")   100 versions $(milliseconds "$HSTSQ" status "$domain" --store "$big")"
echo "  history  2 versions $(milliseconds "$HSTSQ" history "$domain" --store "$small")   100 versions $(milliseconds "$HSTSQ" history "$domain" --store "$big")"
echo "  baseline: hstsq check $domain (store of 2) $(milliseconds "$HSTSQ" check "$domain" --store "$small")"
RUNS=3
echo "10,000 domains (status -), median of 3 runs, ms:"
echo "  2 versions $(INPUT=$work/domains milliseconds "$HSTSQ" status - --store "$small")   100 versions $(INPUT=$work/domains milliseconds "$HSTSQ" status - --store "$big")"
echo "  baseline: hstsq check - (store of 2) $(INPUT=$work/domains milliseconds "$HSTSQ" check - --store "$small")"
small_bytes=$(du -cb "$small"/store.sqlite "$small"/*.hstsq | tail -1 | cut -f1)
big_db=$(stat -c %s "$big/store.sqlite")
echo "store size: 2 versions $small_bytes bytes in all ($(( small_bytes / 2 )) per version);"
echo "  100 versions: store.sqlite $big_db bytes ($(( big_db / 100 )) per version) + one trie file per version ($(stat -c %s "$small"/list-*.hstsq | head -1) bytes for June)"

# A new list: June with one more line, so its SHA-256 is new.
cp "$JUNE" "$work/new.json"
printf '\n// another version\n' >> "$work/new.json"
median_import() { # $1: store folder; $2: "empty" to start from no store, else delete the previous copy first
    local times=()
    for _ in $(seq "$IMPORT_RUNS"); do
        if [ "$2" = empty ]; then rm -rf "$1"; else "$HSTSQ" delete v-new --force --store "$1" > /dev/null 2>&1 || true; fi
        local start end
        start=$(date +%s%N)
        "$HSTSQ" import "$work/new.json" --label v-new --store "$1" > /dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}
echo "import of a new list (June plus one line), median of $IMPORT_RUNS runs, ms:"
echo "  into an empty store $(median_import "$work/empty" empty)   into the 100-version store $(median_import "$big" big)"
