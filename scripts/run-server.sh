#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and run airsight
# on http://127.0.0.1:2501 with the default configuration (conf/airsight.conf).
# Extra arguments go to airsight, e.g. --override httpd_port=2502.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build --buildtype=release
fi
ninja -C build
exec build/core/airsight -f conf/airsight.conf "$@"
