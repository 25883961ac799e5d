#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build
# with AddressSanitizer + UndefinedBehaviorSanitizer, run the whole suite.
# Before it, scripts/test-sanitizers.sh runs the libFuzzer targets (clang) and
# the REST tests under ThreadSanitizer, each in a build dir of its own.
# It ends with the tests that were skipped and why (a test that needs the
# shared captures or tshark exits 77 when they are missing; under CI=true it
# fails instead), then the closing counts again: the last lines say how many
# tests ran.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh --test
builddir=build-asan
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$builddir"

sanitizers=0
./scripts/test-sanitizers.sh || sanitizers=$?

status=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 || status=$?
if [ "$sanitizers" -ne 0 ]; then
  echo "test.sh: the fuzz or ThreadSanitizer run failed (see its output above)" >&2
  status=1
fi
if [ -f "$builddir/meson-logs/testlog.json" ]; then
  python3 scripts/test-summary.py "$builddir/meson-logs/testlog.json"
fi
exit "$status"
