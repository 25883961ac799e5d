#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and run airsight
# on http://127.0.0.1:2501 with the default configuration (conf/airsight.conf).
# Extra arguments go to airsight, e.g. --override httpd_port=2502.
#
# It builds only the server, the SDK and the plugins, in its own build folder
# configured with -Dtests=false: no tests, fixtures or benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
builddir=build
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release -Dtests=false
elif ! python3 -c 'import json,sys; sys.exit(0 if any(o["name"]=="tests" and o["value"] is False for o in json.load(open(sys.argv[1]))) else 1)' \
       "$builddir/meson-info/intro-buildoptions.json"; then
  # A folder set up by hand with the tests: drop them from this build.
  meson configure "$builddir" -Dtests=false
fi
ninja -C "$builddir"
exec "$builddir/core/airsight" -f conf/airsight.conf "$@"
