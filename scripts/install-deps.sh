#!/usr/bin/env bash
# Installs the Debian 12 packages airsight needs to build and run (and, with
# --test, to run its tests), skipping what is already there. Safe to run again.
set -euo pipefail

packages=(
  g++ meson ninja-build pkgconf python3 git ca-certificates ieee-data
  libpoco-dev libpcap-dev libnl-genl-3-dev libpcre2-dev libsqlite3-dev doctest-dev
)
if [ "${1:-}" = "--test" ]; then
  # tshark cross-checks what airsight reads from real captures; curl drives the install test;
  # abigail-tools (abidw, abidiff) checks the SDK's binary surface against sdk/abi/;
  # clang and its runtime (libFuzzer) build the fuzz targets (scripts/test-sanitizers.sh);
  # the VM tests (tests/vm) boot ../shared/vm/hwsim-vm in qemu (which needs busybox-static,
  # kmod and cpio) and run iw, hostapd and wpa_supplicant there, with wireless-regdb's
  # database for 5 GHz channels. gpsd and gpsfake (gpsd-clients, python3-gps) feed the GPS
  # integration tests a replayed NMEA log. bluez-test-tools (btvirt: virtual controllers on
  # hci_vhci) and bluez (btmgmt: makes one advertise) drive the linuxbluetooth VM test.
  # chromium, chromium-driver and python3-selenium run the web UI's browser tests (tests/browser).
  packages+=(tshark curl abigail-tools clang libclang-rt-dev
             qemu-system-x86 busybox-static kmod cpio iw hostapd wpasupplicant wireless-regdb
             gpsd gpsd-clients python3-gps bluez bluez-test-tools
             chromium chromium-driver python3-selenium)
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
# tshark asks whether non-root users may capture; answer for it (no).
echo "wireshark-common wireshark-common/install-setuid boolean false" | ${sudo:-} debconf-set-selections 2>/dev/null || true
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
