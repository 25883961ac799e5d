"""A linuxbluetooth source scans with one of btvirt's virtual LE controllers
while the other advertises: the type lists both controllers, the source runs
with link type 254 and counts HCI events, and restarts discovery each time
the kernel ends it. When the controller is blocked by rfkill, and when the
controllers vanish (btvirt stops), the source shows why, and with retry it
recovers once they are back. The advertiser
becomes a device (through the Bluetooth PHY's HCI dissector). On the host,
tshark reads the pcapng log: the advertiser's reports as hci1's events."""
import glob
import os
import subprocess
import time

from lab import bluetooth
from lab.checks import CheckFailed, expect, log, wait_until

RADIOS = 1  # the VM always has hwsim radios; this scenario uses none
MODULES = bluetooth.MODULES
VM_NEEDS = bluetooth.NEEDS
VM_TIMEOUT = 240
HOST_NEEDS = ["tshark"]
PLUGINS = ("phys/bluetooth", "datasources/linuxbluetooth", "plugins/pcapng")
ADVERTISER_FILE = "advertiser.txt"
NAME = "airsight-bt"  # the advertiser's complete local name
# The kernel ends an LE discovery after 10.24 s (DISCOV_LE_TIMEOUT).
DISCOVERY_WINDOW = 10.24


def failed(server, text):
    """The source's record once it is in error with `text` in its reason."""
    s = server.source("hci1")
    expect(s["kismet.datasource.error"] == 1, f"no error yet: running {s['kismet.datasource.running']}")
    expect(text in s["kismet.datasource.error_reason"], f"the reason is {s['kismet.datasource.error_reason']!r}")
    return s


def wait_recovered(server, when):
    """Waits for the retry (every 5 s) to open the source again and new packets."""
    before = server.source("hci1")["kismet.datasource.num_packets"]

    def recovered():
        s = server.source("hci1")
        expect(s["kismet.datasource.error"] == 0 and s["kismet.datasource.running"] == 1,
               f"error {s['kismet.datasource.error']} ({s['kismet.datasource.error_reason']})")
        expect(s["kismet.datasource.num_packets"] > before, "no new packets")
        return s
    wait_until(f"the source to recover {when}", recovered, timeout=30)


def run(lab):
    controllers = lab.bluetooth_controllers(2)
    advertiser = controllers.address(0)
    controllers.advertise(0, NAME, 0x181A, b"\x2a")
    log(f"hci0 ({advertiser}) advertises")

    # An untyped definition: the type's probe claims hciN names.
    with open(os.path.join(lab.workdir, ADVERTISER_FILE), "w") as f:
        f.write(advertiser)
    server = lab.airsight(["hci1:name=scanner"], plugins=PLUGINS,
                          config=[f"log_prefix={lab.workdir}", "log_types=pcapng", "log_title=bluetooth"])
    types = {t["kismet.datasource.driver.type"]: t for t in server.get("/datasource/types.json")}
    expect("linuxbluetooth" in types, f"no linuxbluetooth datasource type; types: {sorted(types)}")
    for capability in ("list_capable", "probe_capable", "local_capable"):
        expect(types["linuxbluetooth"][f"kismet.datasource.driver.{capability}"] == 1,
               f"linuxbluetooth is not {capability}")
    listed = {i["kismet.datasource.probed.interface"]: i["kismet.datasource.probed.hardware"]
              for i in server.get("/datasource/list_interfaces.json")
              if i["kismet.datasource.type_driver"]["kismet.datasource.driver.type"] == "linuxbluetooth"}
    expect(set(listed) == {"hci0", "hci1"}, f"listed controllers: {listed}")
    expect(advertiser in listed["hci0"] and "LE only" in listed["hci0"], f"hci0's hardware: {listed['hci0']!r}")

    source = server.wait_running("hci1", timeout=60)
    started = time.monotonic()
    expect(source["kismet.datasource.dlt"] == 254, f"the source's link type is {source['kismet.datasource.dlt']}")
    expect(source["kismet.datasource.capture_interface"] == "hci1",
           f"it captures from {source['kismet.datasource.capture_interface']!r}")
    expect(controllers.address(1) in source["kismet.datasource.hardware"],
           f"its hardware does not name hci1's address: {source['kismet.datasource.hardware']!r}")
    log(f"source running: {source['kismet.datasource.hardware']}, {source['kismet.datasource.num_packets']} packets")

    # Past the kernel's first discovery window, only a restarted discovery brings new events.
    time.sleep(max(0.0, DISCOVERY_WINDOW + 1.5 - (time.monotonic() - started)))
    before = server.source("hci1")["kismet.datasource.num_packets"]
    wait_until("new HCI events after the kernel ended the first discovery",
               lambda: server.source("hci1")["kismet.datasource.num_packets"] > before,
               timeout=DISCOVERY_WINDOW + 5)

    # rfkill powers hci1 off: the source fails; its retries say what blocks it.
    bluetooth.set_rfkill("hci1", True)
    s = wait_until("the source to name rfkill as what blocks hci1", lambda: failed(server, "blocked by rfkill"),
                   timeout=30)
    log(f"source error: {s['kismet.datasource.error_reason']}")
    bluetooth.set_rfkill("hci1", False)
    wait_recovered(server, "once hci1 is unblocked")

    # The controllers vanish: the source fails with the reason, the server goes on.
    controllers.stop()
    s = wait_until("the source to fail once hci1 is gone", lambda: failed(server, "hci1"), timeout=20)
    reason = s["kismet.datasource.error_reason"]
    log(f"source error: {reason}")
    expect("disappeared" in reason or "does not exist" in reason,
           f"the error does not say that hci1 went away: {reason!r}")
    expect(server.alive_and_serving(), "the server stopped serving after its source failed")

    # They come back: the retry (every 5 s) opens the source again.
    lab.bluetooth_controllers(2)
    wait_recovered(server, "once hci1 is back")

    # The Bluetooth PHY's HCI dissector made the advertiser a device (last: it
    # needs that dissector, the rest only this source).
    def named_device():
        d = server.device(advertiser, phy="Bluetooth")
        expect(d, f"no Bluetooth device {advertiser}; records: "
                  f"{[r.get('kismet.device.base.phyname') for r in server.get(f'/devices/by-mac/{advertiser}/devices.json')]}")
        expect(d.get("kismet.device.base.name") == NAME, f"its name is {d.get('kismet.device.base.name')!r}")
        return d
    device = wait_until(f"the advertiser {advertiser} as a Bluetooth device named {NAME}", named_device, timeout=20)
    log(f"device {advertiser}: {device['kismet.device.base.type']!r}, {device['kismet.device.base.packets.total']} packets")
    expect(server.stop() == 0, "the server did not stop cleanly")  # and closed its pcapng log


def host_check(run_dir):
    """tshark reads the pcapng log as Bluetooth Linux Monitor frames (link
    type 254) and finds the advertiser's address in hci1's events: the
    pseudo-header's adapter id in the right byte order, the HCI event whole."""
    with open(os.path.join(run_dir, ADVERTISER_FILE)) as f:
        advertiser = f.read().strip().lower()
    logs = glob.glob(os.path.join(run_dir, "*.pcapng"))
    if len(logs) != 1:
        raise CheckFailed(f"expected one pcapng log in {run_dir}, found {logs}")
    done = subprocess.run(["tshark", "-r", logs[0], "-Y", f"bthci_evt.bd_addr == {advertiser}", "-T", "fields",
                           "-e", "hci_mon.adapter_id", "-e", "hci_mon.opcode", "-e", "bthci_evt.le_meta_subevent"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise CheckFailed(f"tshark cannot read {logs[0]}: {done.stderr.strip()}")
    rows = [line.split("\t") for line in done.stdout.splitlines() if line.strip()]
    if not rows:
        raise CheckFailed(f"tshark finds no event naming {advertiser} in {logs[0]}")
    if any(r[0] != "1" or r[1] != "3" for r in rows):
        raise CheckFailed(f"events naming {advertiser} are not hci1's HCI events (adapter, opcode): {rows[:5]}")
    print(f"tshark reads {len(rows)} events of hci1 naming {advertiser} (LE subevents "
          f"{sorted({r[2] for r in rows if len(r) > 2})}) from {logs[0]}")
