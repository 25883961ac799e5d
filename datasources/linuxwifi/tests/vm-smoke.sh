#!/usr/bin/env bash
# Runs the linuxwifi VM smoke test ($1, the vm_smoke program) inside the hwsim
# VM with two radios. Exit 77 (skip) with the reason when the VM script or
# qemu is missing, unless CI=true (then that is a failure).
set -u
program="$(realpath "$1")"
root="${AIRSIGHT_SOURCE_ROOT:-$(cd "$(dirname "$0")/../../.." && pwd)}"
vm="$root/../shared/vm/hwsim-vm"
missing=""
[ -x "$vm" ] || missing="the hwsim VM script $vm is missing"
[ -z "$missing" ] && ! command -v qemu-system-x86_64 >/dev/null && missing="qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
if [ -n "$missing" ]; then
  if [ "${CI:-}" = "true" ]; then echo "FAIL: $missing" >&2; exit 1; fi
  echo "SKIP: $missing" >&2
  exit 77
fi
cd "$(dirname "$program")"
# Leak checking is off in the VM (its init is not a normal session); the unit tests check leaks.
# Exit 125 is the VM itself failing (under heavy load plain emulation can
# panic at boot: "IO-APIC + timer doesn't work"): tried once more.
for attempt in 1 2; do
  "$vm" --radios 2 --timeout 150 -- env ASAN_OPTIONS=detect_leaks=0 "$program"
  rc=$?
  [ "$rc" -ne 125 ] && exit "$rc"
  echo "the VM did not run the test (attempt $attempt)" >&2
done
exit 1
