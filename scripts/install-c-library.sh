#!/usr/bin/env bash
# Usage: scripts/install-c-library.sh [PREFIX]   (default PREFIX: /usr/local)
# Builds libhstsq (release, the Swift runtime linked in statically) and installs:
#   PREFIX/lib/libhstsq.so, PREFIX/include/hstsq.h, PREFIX/include/libhsts.h, PREFIX/lib/pkgconfig/hstsq.pc,
#   PREFIX/share/hstsq/preload-2026-06-01.hstsq (the list hstsq_open_bundled and hsts_dist_filename name).
# Then compile with: cc prog.c $(pkg-config --cflags --libs hstsq)   (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig)
# The library needs only libc, libm, libstdc++ and libgcc_s at run time (docs/c-api.md).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

flags=(-c release --product hstsq-c -Xswiftc -static-stdlib -Xlinker --version-script="$PWD/Sources/CHSTSQ/exports.map")
swift build "${flags[@]}" >&2
built="$(swift build "${flags[@]}" --show-bin-path)/libhstsq-c.so"

install -d "$prefix/lib/pkgconfig" "$prefix/include" "$prefix/share/hstsq"
install -m 0755 -s "$built" "$prefix/lib/libhstsq.so"
install -m 0644 Sources/CHSTSQ/include/hstsq.h Sources/CHSTSQ/include/libhsts.h "$prefix/include/"
install -m 0644 data/preload-2026-06-01.hstsq "$prefix/share/hstsq/"
cat >"$prefix/lib/pkgconfig/hstsq.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: hstsq
Description: HSTS preload list lookups (Chromium's rule), with a libhsts-compatible API
Version: 0.1.0
Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lhstsq
Cflags: -I\${includedir}
PC
echo "installed libhstsq into $prefix" >&2
