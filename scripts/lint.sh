#!/usr/bin/env bash
# Usage: scripts/lint.sh
# Fails on any swift-format finding (house-style rules in .swift-format) and on `unsafe` code outside the files and
# folder allowed to hold it (below), and on an allowed file that no longer needs to be. (The fuzz targets in
# Tests/Fuzz take libFuzzer's raw pointers by its C ABI; that is the only unsafe code there.)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '%s\n' "$*" >&2; }
fatal() { log "lint: $*"; exit 1; }

# Tests includes the fuzz package (Tests/Fuzz); its links to Sources/ are not followed, so Sources is linted once.
paths=(Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks)
existing=()
for p in "${paths[@]}"; do [ -e "$p" ] && existing+=("$p"); done
swift format lint --strict --recursive "${existing[@]}" || fatal "swift-format found problems (scripts/format.sh fixes most)"

# The only places where `unsafe` code may live, each for a reason; keep the list short.
unsafe_files=(
    Sources/HSTSPreload/TrieFile/MappedFile.swift            # mmap of the compiled file
    Sources/HSTSPreload/TrieFile/Checksum.swift              # word reads over the whole file at open
    Sources/HSTSPreload/TrieFile/TrieFile.swift              # validating the mapped bytes, building the decode tables
    Sources/HSTSPreload/TrieFile/TrieFile+Decoding.swift     # raw loads of the mapped bytes
    Sources/HSTSPreload/TrieFile/TrieFile+Search.swift       # the block search, over the mapped bytes and a stack key
    Sources/HSTSPreload/TrieFile/HeadDirectory.swift         # its tables, owned and freed by its deinit
    Sources/HSTSPreload/HashIndex/NameHashTable.swift        # the hash index: control bytes and records
    Sources/HSTSPreload/HashIndex/LookupIndexSection.swift   # the hash index's file section: writing, validating
    Sources/HSTSPreload/HashIndex/RecordPages.swift          # checking the section's record pages on first read
    Sources/HSTSPreload/HostNormalization/HostNormalizer.swift  # normalizing a host into a stack buffer, by words
    Sources/HSTSPreload/HostNormalization/ScratchHost.swift  # the view of that stack buffer
    Sources/HSTSPreload/Lookup/TrieFile+HostLookup.swift     # the lookup's stack buffer, open-coded on the hot path
    Sources/HSTSQCAPI/OpenFunctions.swift                    # hstsq.h: C strings in, a retained handle out
    Sources/HSTSQCAPI/LookupFunctions.swift                  # hstsq.h: hosts as C pointers, answers into C structs
    Sources/HSTSQCAPI/InfoFunction.swift                     # hstsq.h: the handle and the caller's struct
    Sources/HSTSQCAPI/CText.swift                            # writing into the caller's char buffers
    Sources/hstsq/Input/StandardInputLines.swift             # read(2) of standard input into its buffer, memchr
    Sources/hstsq/BundledData.swift                          # the embedded data's C arrays
    Sources/hstsq/Output/OutputBuffer.swift                  # the output buffer it owns, memcpy and write(2)
)
unsafe_folder='Sources/HSTSStore/SQLite/' # the SQLite C API
uses_unsafe() { grep -nwE '(unsafe|@unsafe)' "$@" | grep -vE '^([^:]*:)?[0-9]*:\s*//'; }
hits=""
while IFS= read -r file; do
    case " ${unsafe_files[*]} " in *" $file "*) continue ;; esac
    case "$file" in "$unsafe_folder"*) continue ;; esac
    if found=$(uses_unsafe "$file"); then hits+="$file: $found"$'\n'; fi
done < <(find Sources -name '*.swift' | sort)
if [ -n "$hits" ]; then
    log "$hits"
    fatal "unsafe code outside the allowed files (scripts/lint.sh, unsafe_files) and $unsafe_folder"
fi
for file in "${unsafe_files[@]}"; do
    uses_unsafe "$file" >/dev/null || fatal "$file holds no unsafe code: take it off unsafe_files in scripts/lint.sh"
done
log "lint: ok"
