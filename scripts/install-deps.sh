#!/usr/bin/env bash
# Installs the Debian 12 packages airsight needs to build, run and test,
# skipping what is already there. Safe to run again.
set -euo pipefail

packages=(
  g++ meson ninja-build pkgconf python3 git curl ca-certificates
  libpoco-dev libpcap-dev libnl-genl-3-dev libpcre2-dev doctest-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
