#!/bin/sh
# Fails when the SDK's binary surface differs from the committed dump while
# AIRSIGHT_SDK_ABI still has the number the dump was made for.
#
#   check-sdk-abi.sh REFERENCE.abi PROBE.so CURRENT_ABI
#
# REFERENCE.abi is sdk/abi/airsight-sdk.abi; PROBE.so is the probe library
# built from sdk/abi/probe.cc (soname libairsight-sdk-probe.so.<ABI>, which
# is how the dump records its number); CURRENT_ABI is AIRSIGHT_SDK_ABI.
# Exit: 0 same surface, 1 changed (with what to do), 77 tools missing
# (a failure when CI=true).
set -u
reference=$1 probe=$2 current=$3

. "$(dirname "$0")/abi-tools.sh"
skip_without_abi_tools sdk-abi
[ -r "$reference" ] || { echo "sdk-abi: no dump at $reference: run scripts/update-sdk-abi.sh" >&2; exit 1; }

recorded=$(sed -n "1s/.*soname='libairsight-sdk-probe\.so\.\([0-9]*\)'.*/\1/p" "$reference")
[ -n "$recorded" ] || { echo "sdk-abi: $reference records no ABI number (soname): regenerate it with scripts/update-sdk-abi.sh" >&2; exit 1; }

if [ "$recorded" != "$current" ]; then
    echo "sdk-abi: $reference was made for SDK ABI $recorded, but sdk/include/airsight/abi.h says AIRSIGHT_SDK_ABI $current." >&2
    echo "sdk-abi: record the new surface: scripts/update-sdk-abi.sh, then commit sdk/abi/airsight-sdk.abi." >&2
    exit 1
fi

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
if ! abidw --no-show-locs --no-corpus-path --no-comp-dir-path --out-file "$work/fresh.abi" "$probe"; then
    echo "sdk-abi: abidw could not read $probe" >&2
    exit 1
fi
# --harmless: an added enumerator or virtual function breaks plugins too.
if abidiff --harmless "$reference" "$work/fresh.abi" >"$work/diff.txt" 2>&1; then
    echo "sdk-abi: the SDK's binary surface matches $reference (SDK ABI $current)"
    exit 0
fi
cat "$work/diff.txt"
cat >&2 <<MSG

sdk-abi: the SDK's binary surface changed (above), but AIRSIGHT_SDK_ABI is still $current, the number
sdk-abi: sdk/abi/airsight-sdk.abi was recorded for. Plugins built against the old headers would load and misbehave.
sdk-abi: What to do:
sdk-abi:   - if SDK ABI $current was already released, set AIRSIGHT_SDK_ABI to $((current + 1)) in sdk/include/airsight/abi.h;
sdk-abi:     if it was not (the number was already bumped in this release), keep it;
sdk-abi:   - then run scripts/update-sdk-abi.sh and commit sdk/abi/airsight-sdk.abi.
sdk-abi: (If you did not mean to change the SDK's binary surface, undo the header change instead.)
MSG
exit 1
