#!/usr/bin/env python3
"""Inside the hwsim VM (started by run_vm_test.py): runs one scenario,
tests/vm/scenarios/NAME.py, and exits 0 when its checks pass, 1 with the
reason and the logs of what it started when not.
    in_vm.py NAME BUILD_ROOT RUN_DIR"""
import importlib
import os
import sys
import traceback

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lab.checks import CheckFailed, log  # noqa: E402
from lab.session import Lab  # noqa: E402


def main():
    name, build_root, workdir = sys.argv[1:4]
    scenario = importlib.import_module(f"scenarios.{name}")
    lab = None
    log(f"{name}: the VM is up, {scenario.RADIOS} radios")
    try:
        lab = Lab(build_root, workdir, scenario.RADIOS)
        scenario.run(lab)
        log(f"{name}: passed in the VM")
        return 0
    except CheckFailed as e:
        print(f"FAIL: {e}", flush=True)
    except Exception:
        print("FAIL: the scenario raised:", flush=True)
        traceback.print_exc()
    if lab:
        lab.show_logs()
    return 1


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    os._exit(status)  # daemons left running die with the VM
