"""BlueZ's virtual Bluetooth controllers in the VM: btvirt (bluez-test-tools)
emulates LE-only controllers on hci_vhci as hci0.., hearing each other's
advertising; btmgmt (bluez) drives them through the management socket."""
import glob
import os
import re
import subprocess

from .checks import CheckFailed, expect, log, wait_until
from .daemon import Daemon

# What btvirt needs in the kernel: the Bluetooth core and virtual HCI, and
# AF_ALG hashes and ciphers, which its emulated controllers use for LE
# crypto (without them each controller fails to open: "Failed to open
# Virtual HCI device", after socket(AF_ALG) fails).
MODULES = "bluetooth hci_vhci af_alg algif_hash algif_skcipher ecb cmac"
NEEDS = [("btvirt", "bluez-test-tools"), ("btmgmt", "bluez")]


def run_btmgmt(*args, timeout=20):
    """(exit status, output) of one btmgmt command. Its standard input stays
    open and silent: btmgmt quits at end of input, before the kernel answers."""
    argv = ["btmgmt", *args]
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status = p.wait(timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        raise CheckFailed(f"{' '.join(argv)} did not finish within {timeout} s") from None
    finally:
        p.stdin.close()
    return status, p.stdout.read().decode(errors="replace")


def btmgmt(index, *args, timeout=20):
    """Runs one btmgmt command on controller `index` and returns its output;
    fails when btmgmt reports a failure (it may still exit 0)."""
    status, out = run_btmgmt("--index", str(index), *args, timeout=timeout)
    if status != 0 or "failed" in out.lower() or "invalid" in out.lower():
        raise CheckFailed(f"btmgmt --index {index} {' '.join(args)}: exit {status}: {out.strip()}")
    return out


def kernel_messages():
    """The kernel's Bluetooth lines (dmesg), for a failure's log."""
    lines = subprocess.run(["dmesg"], capture_output=True, text=True).stdout.splitlines()
    return "\n".join(line for line in lines if "Bluetooth" in line or "hci" in line)


def controller_count():
    out = run_btmgmt("info")[1]
    m = re.search(r"Index list with (\d+) item", out)
    return int(m.group(1)) if m else 0


class VirtualControllers(Daemon):
    """`count` LE-only controllers, hci0..hci(count-1), while btvirt runs.

    With the machine under heavy load (load 7-9 on 2 cores) the first btvirt
    after boot ran, but the kernel logged "hci0: Opcode 0x0c03 failed: -110"
    (its HCI Reset timed out) and hci0 never reached the index list; a second
    btvirt had both controllers within a second. So btvirt is started again,
    up to ATTEMPTS times, each attempt's log kept and the kernel's Bluetooth
    messages logged."""

    ATTEMPTS = 3

    def __init__(self, workdir, count, name="btvirt"):
        self.count = count
        failures = []
        for attempt in range(1, self.ATTEMPTS + 1):
            super().__init__(name if attempt == 1 else f"{name}-attempt{attempt}", ["btvirt", "-L", f"-l{count}"],
                             workdir)
            try:
                wait_until(f"btvirt's {count} controllers in the management index list",
                           lambda: controller_count() == count or self._check_alive(), timeout=30)
                return
            except CheckFailed as e:
                failures.append(f"attempt {attempt}: {e}\n{self.tail()}")
                log(f"btvirt attempt {attempt} failed: {e}\n{kernel_messages()}")
                self.stop()
                wait_until("btvirt's controllers to go", lambda: controller_count() == 0, timeout=30)
        raise CheckFailed("\n".join(failures))

    def _check_alive(self):
        expect(self.alive(), f"btvirt exited ({self.process.returncode}):\n{self.tail()}")
        return False

    @staticmethod
    def address(index):
        """The controller's public address, as BlueZ prints it ("00:AA:01:00:00:00")."""
        m = re.search(r"addr ([0-9A-F:]{17})", btmgmt(index, "info"))
        expect(m, f"btmgmt --index {index} info shows no address")
        return m.group(1)

    @staticmethod
    def advertise(index, name, service_uuid16, service_data):
        """Powers controller `index` on and makes it advertise, connectable (so
        the kernel uses its public address, not a private one): its complete
        local name and 16-bit service data."""
        btmgmt(index, "power", "on")
        name_bytes = name.encode()
        payload = bytes([service_uuid16 & 0xff, service_uuid16 >> 8]) + service_data
        data = bytes([len(name_bytes) + 1, 0x09]) + name_bytes + bytes([len(payload) + 1, 0x16]) + payload
        btmgmt(index, "add-adv", "-c", "-d", data.hex(), "1")


def set_rfkill(controller, blocked):
    """Blocks or unblocks `controller` ("hci1") as `rfkill block` would, through
    its rfkill switch in sysfs (each controller registers one)."""
    for switch in glob.glob("/sys/class/rfkill/rfkill*"):
        with open(os.path.join(switch, "name")) as f:
            if f.read().strip() != controller:
                continue
        with open(os.path.join(switch, "soft"), "w") as f:
            f.write("1" if blocked else "0")
        return
    raise CheckFailed(f"{controller} has no rfkill switch in /sys/class/rfkill")
