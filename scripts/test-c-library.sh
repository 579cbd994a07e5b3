#!/usr/bin/env bash
# Usage: scripts/test-c-library.sh
# Installs libhstsq into a temporary prefix (scripts/install-c-library.sh), compiles the C tests with gcc against the
# installed headers, library and hstsq.pc, and runs them under valgrind, which fails the script on any invalid read
# or write and on any definite or indirect leak:
#   Tests/CLibrary/api-test.c  both APIs (hstsq.h and the libhsts-compatible libhsts.h), bad input, one handle
#                              shared by threads
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in gcc valgrind pkg-config; do command -v "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/install-c-library.sh "$work/prefix"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
read -r -a hstsq_flags <<<"$(pkg-config --cflags --libs hstsq)"

# A list with pins-only entries (the 2026 list has none), compiled by the CLI.
swift build --product hstsq >&2
"$(swift build --show-bin-path)/hstsq" compile Tests/HSTSPreloadTests/Fixtures/chromium-current-format-sample.json \
    --output "$work/sample.hstsq" --compiled-at 0 >/dev/null

gcc -std=c99 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -g -O1 -o "$work/api-test" Tests/CLibrary/api-test.c \
    "${hstsq_flags[@]}" -lpthread
mkdir "$work/scratch"

valgrind=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect)
echo "== api-test (valgrind)"
"${valgrind[@]}" "$work/api-test" "$work/sample.hstsq" "$work/scratch"
echo "== libhstsq: $(stat -c %s "$work/prefix/lib/libhstsq.so") bytes; needs: $(readelf -d "$work/prefix/lib/libhstsq.so" |
    sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
