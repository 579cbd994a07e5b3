#!/usr/bin/env bash
# Usage: scripts/refresh-data.sh [LIST.json]
# Recompiles data/preload-2026-06-01.hstsq (the bundled default) from its JSON source, reproducibly: the compile
# time recorded is the list's date, so the same source always gives the same bytes (a test checks this).
set -euo pipefail
cd "$(dirname "$0")/.."

source="${1:-data/preload-2026-06-01.json}"
swift build -c release --product hstsq
.build/release/hstsq compile "$source" -o data/preload-2026-06-01.hstsq --compiled-at 1780272000
