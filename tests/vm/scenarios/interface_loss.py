"""The capture interface vanishes under a running linuxwifi source: the
source shows the error with its reason and the server keeps serving; with
retry (the default) the source recovers by itself, both when only its
monitor interface was deleted and when the radio's interface itself was
gone and is created again."""
from lab.checks import expect, log, wait_until
from lab.radios import add_managed, delete, exists

RADIOS = 2
VM_TIMEOUT = 300


def wait_failed(server, interface):
    def failed():
        s = server.source(interface)
        expect(s["kismet.datasource.error"] == 1, f"the source is not in error: running {s['kismet.datasource.running']}")
        expect(s["kismet.datasource.error_reason"], "the source is in error without a reason")
        return s
    s = wait_until(f"the source on {interface} to show an error", failed, timeout=30)
    log(f"source error: {s['kismet.datasource.error_reason']}")
    expect(server.alive_and_serving(), "the server stopped serving after its source failed")
    return s


def wait_recovered(server, interface):
    before = server.source(interface)["kismet.datasource.num_packets"]

    def recovered():
        s = server.source(interface)
        expect(s["kismet.datasource.error"] == 0 and s["kismet.datasource.running"] == 1,
               f"error {s['kismet.datasource.error']} ({s['kismet.datasource.error_reason']}), "
               f"running {s['kismet.datasource.running']}")
        expect(s["kismet.datasource.num_packets"] > before, "no new packets")
        return s
    return wait_until(f"the source on {interface} to recover and capture again", recovered, timeout=60)


def run(lab):
    lab.access_point(0, "loss", 6, "open")
    server = lab.airsight(["wlan1:type=linuxwifi,channel=6"])
    monitor = server.wait_running("wlan1")["kismet.datasource.capture_interface"]
    expect(monitor != "wlan1" and exists(monitor), f"the source captures from {monitor!r}, not a monitor VIF of wlan1")

    # 1. Its monitor interface is deleted; wlan1 stays: retry makes a new one.
    delete(monitor)
    wait_failed(server, "wlan1")
    wait_recovered(server, "wlan1")
    expect(exists(monitor), f"{monitor} was not created again")

    # 2. The radio's interface goes too (as when a card is unplugged): the source
    # stays in error while it is gone, and recovers once it is back.
    delete(monitor)
    delete("wlan1")
    failed = wait_failed(server, "wlan1")
    expect(failed["kismet.datasource.retry"] == 1, "retry is off on the source, though it is Kismet's default")

    def retried():
        s = server.source("wlan1")
        expect(s["kismet.datasource.error"] == 1, "the source left its error while wlan1 is gone")
        expect(s["kismet.datasource.retry_attempts"] >= 2, f"{s['kismet.datasource.retry_attempts']} retries")
        return s
    s = wait_until("two retries to fail while wlan1 is gone", retried, timeout=40)
    log(f"after {s['kismet.datasource.retry_attempts']} retries: {s['kismet.datasource.error_reason']}")
    expect(server.alive_and_serving(), "the server stopped serving while wlan1 was gone")
    add_managed(1, "wlan1")
    wait_recovered(server, "wlan1")
