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

# libFuzzer targets (clang) and the ThreadSanitizer REST run (gcc), each in a
# build dir of its own that compiles only what it runs. A failure there fails
# this command too, but only after the whole suite below has run.
sanitizers_ok=true
./scripts/test-sanitizers.sh || sanitizers_ok=false
trap '[ "$sanitizers_ok" = true ] || { echo "test.sh: the fuzz or ThreadSanitizer run failed (see above)" >&2; exit 1; }' EXIT
meson test -C "$builddir" --print-errorlogs --num-processes 2
