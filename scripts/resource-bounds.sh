#!/usr/bin/env bash
# Usage: scripts/resource-bounds.sh
# The resource bounds on hostile input, each as a whole `hstsq` process with its exit code, first stderr line, wall time and
# peak resident memory (GNU time): a 1 GB list file, a list with one 100 MB line, an entry name of 1 MB, and
# 10 million lines on stdin to `check -`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product hstsq >/dev/null 2>&1
hstsq=.build/release/hstsq
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HSTSQ_STORE="$work/store"

run() {
    local label="$1"; shift
    local status=0
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || status=$?
    read -r wall kib < <(tail -n 1 "$work/time.txt")
    printf '| %s | %d | %.1f s | %.0f MB | %s |\n' "$label" "$status" "$wall" "$((kib / 1024))" \
        "$(head -c 160 "$work/err.txt" | head -n 1)"
}

printf '| input | exit | wall | peak RSS | stderr (first line) |\n|---|---:|---:|---:|---|\n'

truncate -s 1G "$work/huge.json"
run "1 GB list file (import)" "$hstsq" import "$work/huge.json"
run "1 GB list file (check --list)" "$hstsq" check --list "$work/huge.json" example.com

python3 - "$work/long-line.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"entries": [\n// ' + "x" * (100 * 1024 * 1024) + '\n{"name": "example.com", "mode": "force-https"}\n]}\n')
PY
run "100 MB comment line, then a valid entry (import)" "$hstsq" import "$work/long-line.json"

python3 - "$work/long-string.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"entries": [{"name": "' + "a" * (100 * 1024 * 1024) + '.com", "mode": "force-https"}]}\n')
PY
run "100 MB line: one 100 MB name (compile)" "$hstsq" compile "$work/long-string.json" -o "$work/x.hstsq"

python3 - "$work/long-name.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"entries": [{"name": "ok.com", "mode": "force-https"},\n{"name": "' + "a" * (1024 * 1024) + '.com", "mode": "force-https"}]}\n')
PY
run "entry name of 1 MB (import)" "$hstsq" import "$work/long-name.json"

python3 - "$work/lines.txt" <<'PY'
import sys
hosts = [b"example.com", b"figma.com", b"a.www.figma.com", b"sub.google.com", b"1.2.3.4", b"bad..host", b"http://x.dev:8080/p"]
with open(sys.argv[1], "wb") as f:
    chunk = b"\n".join(hosts[i % len(hosts)] for i in range(1_000_000)) + b"\n"
    for _ in range(10):
        f.write(chunk)
PY
run "10 million stdin lines (check - --json)" sh -c "$hstsq check - --json <'$work/lines.txt' | tail -n 1"
