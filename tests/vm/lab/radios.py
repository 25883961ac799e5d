"""The VM's mac80211_hwsim radios through iw and sysfs: wlanN on phyN, address
02:00:00:00:NN:00 (hwsim's own numbering), and the regulatory domain."""
import os
import re
import subprocess

from .checks import CheckFailed, expect, wait_until

# hwsim-vm chroots into /merged after the kernel started, but the kernel
# loads firmware (regulatory.db) relative to its own root, the initramfs:
# point it into the chroot, or `iw reg set` never leaves the world domain
# (2.4 GHz only, 5 GHz no-IR: no access point can start there).
FIRMWARE_PATH = "/merged/lib/firmware"


# Every hwsim radio of this kernel hears channel 1 (2412 MHz, its first
# channel) whatever its monitor interface is tuned to: a monitor on 2462 or
# 5180 MHz got a channel 1 AP's beacons at the full rate (tried with raw
# sockets, no airsight). Scenarios that check what a source does NOT hear
# keep their access points off it.
LEAKY_CHANNEL = 1


def iw(*args, check=True):
    done = subprocess.run(["iw", *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise CheckFailed(f"iw {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def mac(index):
    return f"02:00:00:00:{index:02x}:00"


def exists(interface):
    return os.path.isdir(f"/sys/class/net/{interface}")


def interface_type(interface):
    """'managed', 'monitor', 'AP', ... as iw names it; None when it does not exist."""
    if not exists(interface):
        return None
    found = re.search(r"^\s*type (\S+)", iw("dev", interface, "info"), re.M)
    return found.group(1) if found else None


def is_up(interface):
    with open(f"/sys/class/net/{interface}/flags") as f:
        return int(f.read(), 16) & 1 == 1


def delete(interface):
    iw("dev", interface, "del")


def add_managed(phy_index, interface):
    iw("phy", f"phy{phy_index}", "interface", "add", interface, "type", "managed")


def phy_frequencies(phy_index):
    """Enabled frequencies of a phy (MHz) that allow transmitting (no 'no IR')."""
    out = []
    for line in iw("phy", f"phy{phy_index}", "info").splitlines():
        m = re.match(r"\s+\* (\d+)(?:\.\d+)? MHz \[\d+\](.*)", line)
        if m and "disabled" not in m.group(2) and "no IR" not in m.group(2):
            out.append(int(m.group(1)))
    return out


def set_country(country, radios):
    """Loads the regulatory database and sets `country` so 5 GHz access points
    can start; waits until every radio may transmit on channel 36 (5180 MHz)."""
    with open("/sys/module/firmware_class/parameters/path", "w") as f:
        f.write(FIRMWARE_PATH)
    expect(os.path.exists("/lib/firmware/regulatory.db"),
           "/lib/firmware/regulatory.db is missing (install wireless-regdb: scripts/install-deps.sh --test)")
    iw("reg", "reload", check=False)
    iw("reg", "set", country)
    wait_until(f"regulatory domain {country} on every radio",
               lambda: all(5180 in phy_frequencies(i) for i in range(radios)), timeout=15)
