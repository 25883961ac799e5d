#!/usr/bin/env bash
# Tests check-sdk-abi.sh itself: builds the probe twice from a copy of the
# SDK headers (same surface: the check must pass, so dumps are stable between
# builds) and from copies with a deliberate break (a struct member inserted,
# an enumerator added, a virtual function added: the check must fail and say
# what to do), and checks a dump recorded for another ABI number.
#
#   test-abi-check.sh SDK_INCLUDE_DIR PROBE_CC CHECK_SCRIPT ABI COMPILER...
set -u
include=$1 probe_cc=$2 check=$3 abi=$4
shift 4
compiler=("$@")

. "$(dirname "$0")/abi-tools.sh"
skip_without_abi_tools sdk-abi-check

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# variant NAME: a copy of the SDK headers to break on purpose.
variant() { mkdir -p "$work/$1" && cp -r "$include" "$work/$1/include"; }
# build NAME [ABI]: the probe from that copy, with the flags sdk/abi/meson.build uses.
build() {
    local number=${2:-$abi}
    "${compiler[@]}" -std=c++20 -g -O0 -fPIC -shared -femit-class-debug-always -fvisibility=hidden \
        -I "$work/$1/include" "$probe_cc" -o "$work/$1/libairsight-sdk-probe.so.$number" \
        -Wl,-soname,"libairsight-sdk-probe.so.$number" || { fail "cannot build the $1 probe"; return 1; }
}
# edit NAME FILE PYTHON-REPLACE-ARGS: replaces text in a header, failing if absent.
edit() {
    python3 - "$work/$1/include/airsight/$2" "$3" "$4" <<'PY' || fail "cannot edit $2 for $1"
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if old not in text: sys.exit("'" + old + "' not in " + path)
open(path, "w").write(text.replace(old, new, 1))
PY
}
# expect_change NAME WHAT: the check fails against the base dump and says what to do.
expect_change() {
    if "$check" "$work/base.abi" "$work/$1/libairsight-sdk-probe.so.$abi" "$abi" >"$work/$1.out" 2>&1; then
        fail "$2 was not caught"
    elif ! grep -q "set AIRSIGHT_SDK_ABI to $((abi + 1))" "$work/$1.out" ||
        ! grep -q "scripts/update-sdk-abi.sh" "$work/$1.out"; then
        fail "$2: the message does not say what to do"; cat "$work/$1.out" >&2
    else
        echo "ok: $2 is caught"
    fi
}

variant base && build base || exit 1
abidw --no-show-locs --no-corpus-path --no-comp-dir-path --out-file "$work/base.abi" \
    "$work/base/libairsight-sdk-probe.so.$abi" || exit 1

# A second, independent build of the same headers: no change.
variant again && build again
if "$check" "$work/base.abi" "$work/again/libairsight-sdk-probe.so.$abi" "$abi" >"$work/again.out" 2>&1; then
    echo "ok: two builds of the same SDK give the same surface"
else
    fail "two builds of the same SDK differ"; cat "$work/again.out" >&2
fi

variant member
edit member devices.h "struct SeenBy {
    std::uint32_t source_number = 0;" "struct SeenBy {
    std::uint32_t source_number = 0;
    std::uint32_t inserted = 0;"
build member && expect_change member "a member inserted into SeenBy (layout change)"

variant enumerator
edit enumerator packet.h "OBSERVE = 3 }" "OBSERVE = 3, LOG = 4 }"
build enumerator && expect_change enumerator "an enumerator added to PacketStage"

variant virtual
edit virtual host.h "    virtual std::string plugin_dir() const = 0;" "    virtual std::string plugin_dir() const = 0;
    virtual int added_later() = 0;"
build virtual && expect_change virtual "a virtual function added to PluginHost"

# The dump was made for this ABI, but abi.h now says the next one: regenerate.
build base $((abi + 1))
if "$check" "$work/base.abi" "$work/base/libairsight-sdk-probe.so.$((abi + 1))" "$((abi + 1))" >"$work/bumped.out" 2>&1; then
    fail "a dump for ABI $abi passed for ABI $((abi + 1))"
elif ! grep -q "scripts/update-sdk-abi.sh" "$work/bumped.out"; then
    fail "a stale dump's message does not say what to do"; cat "$work/bumped.out" >&2
else
    echo "ok: a dump made for another ABI number must be regenerated"
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "all checks of the check passed"
