#!/usr/bin/env bash
# Usage: scripts/format.sh
# Formats every Swift file in place with the toolchain's swift-format, then lints strictly.
set -euo pipefail
cd "$(dirname "$0")/.."

paths=(Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks)
existing=()
for p in "${paths[@]}"; do [ -e "$p" ] && existing+=("$p"); done
swift format format --in-place --recursive "${existing[@]}"
exec scripts/lint.sh
