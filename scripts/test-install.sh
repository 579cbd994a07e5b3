#!/usr/bin/env bash
# Usage: scripts/test-install.sh
# The installed binary is self-contained: scripts/install.sh into a temporary prefix, then bin/hstsq copied alone
# into an empty folder answers `check`, `header` and an offline `audit` there with an environment holding only
# PATH=/usr/bin:/bin (no checkout, no toolchain, no file beside it), and `ldd` lists nothing from the toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
fail() { echo "test-install: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/install.sh "$work/prefix"
for file in bin/hstsq share/man/man1/hstsq.1 share/bash-completion/completions/hstsq share/zsh/site-functions/_hstsq \
    share/fish/vendor_completions.d/hstsq.fish; do
    [ -s "$work/prefix/$file" ] || fail "install left no $file"
done
mkdir "$work/alone"
cp "$work/prefix/bin/hstsq" "$work/alone/hstsq"
cp Tests/HSTSQCLITests/Fixtures/evidence/passing-site.org.txt "$work/evidence.txt"
cd "$work/alone"
run() { env -i PATH=/usr/bin:/bin HOME="$work/home" "$@"; }

status=0
out=$(run ./hstsq check figma.com example.com) || status=$?
[ "$status" -eq 1 ] || fail "check: exit $status, expected 1"
[ "$out" = "figma.com: upgraded (exact entry figma.com: force-https, include_subdomains)
  mechanisms (Chromium): preload yes, dynamic unknown, https_upgrade yes, dns unknown
example.com: not upgraded (no entry for example.com or its parents)
  mechanisms (Chromium): preload no, dynamic unknown, https_upgrade yes, dns unknown" ] || fail "check printed: $out"
out=$(printf 'figma.com\nexample.com\n' | run ./hstsq check --json -) || [ $? -eq 1 ] || fail "check - --json: exit $?"
case "$out" in *'"host":"figma.com","upgrade":true'*) ;; *) fail "check - --json printed: $out" ;; esac
run ./hstsq header 'max-age=63072000; includeSubDomains; preload' >/dev/null || fail "header: exit $?"
run ./hstsq audit passing-site.org --evidence "$work/evidence.txt" --json >"$work/audit.json" ||
    fail "audit (offline, embedded Public Suffix List): exit $?"
grep -q '"eligible":true' "$work/audit.json" || fail "audit: $(cat "$work/audit.json")"
if ldd ./hstsq 2>&1 | grep -iE 'swift|Foundation|/opt/'; then fail "ldd lists toolchain libraries"; fi
cd "$repo"
echo "test-install: ok ($(stat -c %s "$work/prefix/bin/hstsq") bytes; ldd: $(ldd "$work/alone/hstsq" | awk '{print $1}' | tr '\n' ' '))"
