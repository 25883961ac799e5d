#!/bin/sh
# Regenerates sdk/abi/airsight-sdk.abi, the committed record of the SDK's
# binary surface that the sdk-abi test compares against (see sdk/abi/).
# Run it after a deliberate SDK change, with AIRSIGHT_SDK_ABI already set to
# the number the new surface belongs to, and commit the result.
#
#   scripts/update-sdk-abi.sh [BUILD_DIR]
#
# BUILD_DIR: any configured build of this checkout (default: build-asan if it
# exists, otherwise a plain build in build-sdk-abi, set up on first use). The
# probe library is built without sanitizers and at -O0 whatever the build
# type, so every build gives the same dump.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/sdk/abi/abi-tools.sh"
abi_tools_present update-sdk-abi || exit 1
build=${1:-}
if [ -z "$build" ]; then
    if [ -d "$root/build-asan" ]; then build=$root/build-asan; else build=$root/build-sdk-abi; fi
fi
[ -f "$build/build.ninja" ] || meson setup "$build" "$root" >/dev/null

abi=$(sed -n 's/^#define AIRSIGHT_SDK_ABI \([0-9]*\)u$/\1/p' "$root/sdk/include/airsight/abi.h")
[ -n "$abi" ] || { echo "cannot read AIRSIGHT_SDK_ABI from sdk/include/airsight/abi.h" >&2; exit 1; }
probe=sdk/abi/libairsight-sdk-probe.so.$abi

ninja -C "$build" "$probe" >/dev/null
abidw --no-show-locs --no-corpus-path --no-comp-dir-path --out-file "$root/sdk/abi/airsight-sdk.abi" "$build/$probe"
echo "wrote sdk/abi/airsight-sdk.abi for SDK ABI $abi ($(wc -c <"$root/sdk/abi/airsight-sdk.abi") bytes); commit it"
