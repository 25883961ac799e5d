#!/usr/bin/env bash
# The SDK as a third-party developer gets it: `meson install` airsight into a
# staging folder, build sdk/example with nothing but the installed headers
# and pkg-config, run the INSTALLED airsight, and call the example plugin's
# endpoint. Also checks that the installed server finds the plugins
# installed with it (relative to its own location).
#   usage: sdk_install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
stage=$(mktemp -d /tmp/airsight-sdk-test.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$stage"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$stage/server.log" ] && sed 's/^/  server: /' "$stage/server.log"; exit 1; }

meson install -C "$build" --destdir "$stage/root" --no-rebuild --quiet >/dev/null
pc=$(find "$stage/root" -name airsight-sdk.pc | head -n 1)
[ -n "$pc" ] || fail "airsight-sdk.pc was not installed"
airsight=$(find "$stage/root" -path '*/bin/airsight' -type f | head -n 1)
[ -x "$airsight" ] || fail "the airsight executable was not installed"
echo "installed: $airsight, $pc"

# Build the out-of-tree example against the staged SDK only (no -I into the source tree).
export PKG_CONFIG_SYSROOT_DIR="$stage/root"
export PKG_CONFIG_PATH="$(dirname "$pc")"
pkg-config --exists airsight-sdk || fail "pkg-config cannot find airsight-sdk"
[ "$(pkg-config --variable=sdk_abi airsight-sdk)" = "$(sed -n 's/^#define AIRSIGHT_SDK_ABI \([0-9]*\)u$/\1/p' "$source/sdk/include/airsight/abi.h")" ] \
  || fail "sdk_abi in the .pc file differs from abi.h"
cp -r "$source/sdk/example" "$stage/example-src"   # as a third party would have it: outside our tree
CXXFLAGS="" meson setup "$stage/example-build" "$stage/example-src" -Db_sanitize=none >/dev/null \
  || fail "meson setup of the example failed"
ninja -C "$stage/example-build" >/dev/null || fail "the example did not build"
[ -f "$stage/example-build/example.so" ] || fail "example.so was not built"

# Run the installed server with the example's build folder as an extra plugin dir.
mkdir -p "$stage/plugins"
ln -s "$stage/example-build" "$stage/plugins/example"
cat > "$stage/airsight.conf" <<CONF
httpd_port=0
httpd_username=sdk
httpd_password=test
plugin_dir=$stage/plugins
CONF
"$airsight" -f "$stage/airsight.conf" --homedir "$stage/home" > "$stage/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|^airsight: listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$stage/server.log")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the installed airsight exited"
  sleep 0.1
done
[ -n "$port" ] || fail "the installed airsight did not start"

# Reads need the login (httpd_allow_anonymous_reads is off by default).
anonymous=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/example/greeting.json")
[ "$anonymous" = 401 ] || fail "GET /example/greeting.json without login answered $anonymous, not 401"
greeting=$(curl -sS -f -u sdk:test "http://127.0.0.1:$port/example/greeting.json") || fail "GET /example/greeting.json failed"
echo "example: $greeting"
echo "$greeting" | grep -q '"example.greeting"' || fail "the example's field is missing: $greeting"

plugins=$(curl -sS -f -u sdk:test "http://127.0.0.1:$port/plugins/all_plugins.ekjson") || fail "all_plugins failed"
for name in example hello webdemo; do
  echo "$plugins" | grep "\"kismet.plugin.name\":\"$name\"" | grep -q '"airsight.plugin.state":"loaded"' \
    || fail "plugin $name is not loaded: $plugins"
done
curl -sS -f "http://127.0.0.1:$port/plugin/webdemo/js/webdemo.js" >/dev/null || fail "installed web plugin files not served"
curl -sS -f "http://127.0.0.1:$port/" | grep -q airsight || fail "installed webroot not served at /"
# The web UI's modules and stylesheet, from their subfolders, as JavaScript (ES modules need the type).
for file in js/main.js js/devices/device-table.js js/panels/index.js; do
  type=$(curl -sS -f -o /dev/null -w '%{content_type}' "http://127.0.0.1:$port/$file") || fail "installed web UI file $file not served"
  case "$type" in text/javascript*) ;; *) fail "installed $file served as '$type', not text/javascript" ;; esac
done
curl -sS -f "http://127.0.0.1:$port/css/airsight.css" >/dev/null || fail "installed web UI stylesheet not served"

kill -TERM "$server_pid"
wait "$server_pid" || fail "the installed airsight did not exit cleanly"
server_pid=""
echo "PASS: out-of-tree plugin built against the installed SDK, loaded by the installed server"
