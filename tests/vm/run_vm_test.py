#!/usr/bin/env python3
"""Runs one live-capture scenario (scenarios/NAME.py) inside the hwsim VM
(../shared/vm/hwsim-vm: Debian's kernel in qemu with mac80211_hwsim radios,
this machine's files visible) against the build under test, then the
scenario's host-side checks, if any (e.g. tshark on a file it served).

    run_vm_test.py NAME        (meson test sets AIRSIGHT_BUILD_ROOT, AIRSIGHT_SOURCE_ROOT)

Exits 0 when the scenario passed; 77 (meson's SKIP) with the reason when
qemu, the VM script or a tool the scenario runs is missing, unless CI=true,
where that is a failure; 1 otherwise. $AIRSIGHT_HWSIM_VM overrides where
the VM script is."""
import importlib
import json
import os
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

SKIP = 77
INSTALL = "scripts/install-deps.sh --test installs it"


def hwsim_vm_script(source_root):
    path = os.environ.get("AIRSIGHT_HWSIM_VM") or os.path.join(source_root, "..", "shared", "vm", "hwsim-vm")
    return os.path.normpath(path)


def missing_prerequisites(vm_script, scenario):
    """What this machine lacks to run the scenario, each with how to get it."""
    missing = []
    if not os.access(vm_script, os.X_OK):
        missing.append(f"the VM script {vm_script} is missing (set AIRSIGHT_HWSIM_VM)")
    # The VM script installs its own tools when they are missing: a test must not.
    for program, package in [("qemu-system-x86_64", "qemu-system-x86"), ("cpio", "cpio"), ("depmod", "kmod"),
                             ("iw", "iw"), ("hostapd", "hostapd"), ("wpa_supplicant", "wpasupplicant")]:
        if not shutil.which(program, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin"):
            missing.append(f"{program} is not installed (package {package}; {INSTALL})")
    if not os.access("/bin/busybox", os.X_OK):
        missing.append(f"/bin/busybox is missing (package busybox-static; {INSTALL})")
    if not os.path.exists("/lib/firmware/regulatory.db"):
        missing.append(f"/lib/firmware/regulatory.db is missing, so no 5 GHz (package wireless-regdb; {INSTALL})")
    for program in getattr(scenario, "HOST_NEEDS", []):
        if not shutil.which(program):
            missing.append(f"{program} is not installed ({INSTALL})")
    # The VM runs this machine's programs: what a scenario starts there must be installed here.
    for program, package in getattr(scenario, "VM_NEEDS", []):
        if not shutil.which(program):
            missing.append(f"{program} is not installed (package {package}; {INSTALL})")
    return missing


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    name = sys.argv[1]
    build_root = os.environ["AIRSIGHT_BUILD_ROOT"]
    source_root = os.environ["AIRSIGHT_SOURCE_ROOT"]
    scenario = importlib.import_module(f"scenarios.{name}")
    vm_script = hwsim_vm_script(source_root)

    missing = missing_prerequisites(vm_script, scenario)
    if missing:
        if os.environ.get("CI") == "true":
            print("FAIL (CI=true, so missing prerequisites fail):\n  " + "\n  ".join(missing))
            return 1
        print("SKIP:\n  " + "\n  ".join(missing))
        return SKIP

    # The run folder is the VM's working directory, mounted read-write inside
    # at the same path: logs, the generated config and served files come back.
    workdir = os.path.join(build_root, "tests", "vm", "runs", name)
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    passed_env = {k: os.environ[k] for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS") if k in os.environ}
    if not getattr(scenario, "LEAK_CHECK", False):
        # LeakSanitizer's scan at exit takes minutes under emulation: only
        # the scenario that checks the exit runs it (the host tests check leaks).
        passed_env["ASAN_OPTIONS"] = ":".join(
            [o for o in passed_env.get("ASAN_OPTIONS", "").split(":") if o and not o.startswith("detect_leaks=")] +
            ["detect_leaks=0"])
    with open(os.path.join(workdir, "env.json"), "w") as f:
        json.dump(passed_env, f)

    modules = ["--modules", scenario.MODULES] if getattr(scenario, "MODULES", "") else []
    command = [vm_script, "--radios", str(scenario.RADIOS), *modules, "--mem", "1536",
               "--timeout", str(scenario.VM_TIMEOUT), "--", "python3", os.path.join(HERE, "in_vm.py"), name, build_root, workdir]
    print("running:", " ".join(command), flush=True)
    started = time.monotonic()
    status = subprocess.run(command, cwd=workdir).returncode
    print(f"the VM ran {time.monotonic() - started:.0f} s and returned {status}", flush=True)
    if status == 125:
        print(f"FAIL: the VM did not finish the scenario within {scenario.VM_TIMEOUT} s, or did not boot")
        return 1
    if status != 0:
        return 1
    if hasattr(scenario, "host_check"):
        from lab.checks import CheckFailed
        try:
            scenario.host_check(workdir)
        except CheckFailed as e:
            print(f"FAIL (on the host): {e}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
