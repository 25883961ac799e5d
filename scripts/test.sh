#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build
# with AddressSanitizer + UndefinedBehaviorSanitizer, run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh --test
builddir=build-asan
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$builddir"
meson test -C "$builddir" --print-errorlogs --num-processes 2
