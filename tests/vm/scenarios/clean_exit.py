"""SIGTERM stops a server capturing with linuxwifi cleanly: exit status 0,
the monitor interface it made removed, and wlan1 back to its original mode
and up/down state."""
import signal

from lab.checks import expect, log
from lab.radios import exists, interface_type, is_up

RADIOS = 2
VM_TIMEOUT = 300
LEAK_CHECK = True  # the one VM test that runs LeakSanitizer at exit (slow under emulation)


def run(lab):
    lab.access_point(0, "exit", 6, "open")
    original = (interface_type("wlan1"), is_up("wlan1"))
    server = lab.airsight(["wlan1:type=linuxwifi,channel=6"])
    monitor = server.wait_running("wlan1")["kismet.datasource.capture_interface"]
    expect(interface_type(monitor) == "monitor", f"{monitor} is a {interface_type(monitor)} interface, not monitor")

    status = server.stop(signal.SIGTERM, timeout=180)
    log(f"airsight exited with {status}")
    expect(status == 0, f"airsight exited with {status} on SIGTERM, not 0:\n{server.tail()}")
    expect(not exists(monitor), f"{monitor} is still there after the server exited")
    now = (interface_type("wlan1"), is_up("wlan1"))
    expect(now == original, f"wlan1 is (mode, up) {now} after the server exited, was {original}")
