#!/usr/bin/env bash
# Usage: scripts/install.sh [PREFIX]        (default /usr/local)
# Builds hstsq in release with the Swift standard library, Foundation and libstdc++ linked statically, strips it and
# installs:
#   PREFIX/bin/hstsq                                        one self-contained file (the bundled list and the Public
#                                                           Suffix List are embedded; nothing is read beside it)
#   PREFIX/share/man/man1/hstsq*.1                          man pages (swift-argument-parser's generate-manual)
#   PREFIX/share/bash-completion/completions/hstsq          shell completions (hstsq --generate-completion-script)
#   PREFIX/share/zsh/site-functions/_hstsq
#   PREFIX/share/fish/vendor_completions.d/hstsq.fish
# Needs a Swift 6.2+ toolchain with its static SDK parts (the Linux toolchain has them), libsqlite3-dev, binutils and
# libstdc++'s static archive (libstdc++-12-dev, which the toolchain needs anyway).
set -euo pipefail
prefix=${1:-/usr/local}
cd "$(dirname "$0")/.."

need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
command -v strip >/dev/null || need+=(binutils)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# -no-pie: the static runtime's and Foundation's metadata then need no load-time relocation (about 1,000 instead of
# 125,000 relocations), which saves start-up time and about 4 MB of dirty pages.
# --no-export-dynamic: the toolchain's static-stdlib link exports every symbol of the executable (46,000), and the
# dynamic loader then reads those tables (2 MB) while it binds the shared libraries; hstsq looks none of them up.
# libstdc++ linked statically (a folder searched first that holds only its archive, so the toolchain's `-lstdc++`
# finds that): loading and relocating the shared library cost about 1.3 MB resident; the runtime uses little of it.
static_cxx=.build/static-libstdc++
archive=$( (command -v cc >/dev/null && cc -print-file-name=libstdc++.a) || clang -print-file-name=libstdc++.a)
[ -f "$archive" ] || { echo "install.sh: libstdc++.a not found (apt-get install libstdc++-12-dev)" >&2; exit 1; }
mkdir -p "$static_cxx"
ln -sf "$archive" "$static_cxx/libstdc++.a"
flags=(-c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie
    -Xlinker --no-export-dynamic -Xlinker -L"$PWD/$static_cxx")
echo "== static release build" >&2
swift build "${flags[@]}" --product hstsq >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/hstsq"

# swift-argument-parser's generate-manual tool (what its GenerateManual plugin runs), built from the checkout in a
# folder of its own so that its build never relinks hstsq with other flags.
echo "== man pages" >&2
parser=$(swift package show-dependencies --format json | python3 -c '
import json, sys
def walk(node):
    for dep in node.get("dependencies", []):
        if dep["identity"] == "swift-argument-parser": print(dep["path"]); sys.exit()
        walk(dep)
walk(json.load(sys.stdin))')
swift build -c release --package-path "$parser" --scratch-path .build/generate-manual --product generate-manual >&2
mkdir -p "$work/man"
.build/generate-manual/release/generate-manual "$bin" --multi-page --output-directory "$work/man" >&2

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
# Stripped in a copy: the build folder keeps its symbols for debugging.
cp "$bin" "$work/hstsq"
strip "$work/hstsq"
install -m 755 "$work/hstsq" "$prefix/bin/hstsq"
find "$work/man" -name '*.1' -exec install -m 644 {} "$prefix/share/man/man1/" \;
"$prefix/bin/hstsq" --generate-completion-script bash >"$prefix/share/bash-completion/completions/hstsq"
"$prefix/bin/hstsq" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_hstsq"
"$prefix/bin/hstsq" --generate-completion-script fish >"$prefix/share/fish/vendor_completions.d/hstsq.fish"

echo "installed $prefix/bin/hstsq ($(stat -c %s "$prefix/bin/hstsq") bytes), man pages and completions" >&2
