"""Two linuxwifi sources on two radios. Hopping over the same channels, they
split the list as Kismet does (hop_split, a different hop_offset each) and
each hears the access points of both bands; locked with set_channel, one on
channel 6 and one on 36, each hears only the access point on its channel,
through its own monitor interface. (Not channel 1: see lab/radios.py.)"""
import time

from lab.airsight import seen_by
from lab.checks import expect, log, wait_until
from lab.radios import interface_type

RADIOS = 4
VM_TIMEOUT = 240
HOP = "6/36"


def counts(server, aps):
    """Packets per (AP channel, source interface)."""
    sources = {s["kismet.datasource.interface"]: s for s in server.sources()}
    out = {}
    for ap in aps:
        d = server.device(ap.bssid)
        for interface in ("wlan2", "wlan3"):
            out[(ap.channel, interface)] = seen_by(d, sources[interface]) if d else 0
    return out


def run(lab):
    aps = lab.access_points((0, "two-6", 6, "open"), (1, "two-36", 36, "open"))
    server = lab.airsight([f"wlan2:type=linuxwifi,channels={HOP},channel_hop_speed=5",
                           f"wlan3:type=linuxwifi,channels={HOP},channel_hop_speed=5"])
    sources = [server.wait_running("wlan2"), server.wait_running("wlan3")]
    expect(sources[0]["kismet.datasource.uuid"] != sources[1]["kismet.datasource.uuid"], "both sources share a UUID")
    monitors = [s["kismet.datasource.capture_interface"] for s in sources]
    expect(monitors[0] != monitors[1] and all(interface_type(m) == "monitor" for m in monitors),
           f"the sources do not capture from two monitor interfaces: {monitors}")

    records = [server.source("wlan2"), server.source("wlan3")]
    for r in records:
        expect(r["kismet.datasource.hopping"] == 1 and r["kismet.datasource.hop_split"] == 1,
               f"{r['kismet.datasource.interface']} does not hop with a split list: hopping "
               f"{r['kismet.datasource.hopping']}, hop_split {r['kismet.datasource.hop_split']}")
    offsets = [r["kismet.datasource.hop_offset"] for r in records]
    expect(offsets[0] != offsets[1], f"both sources hop from the same offset {offsets[0]}")

    def all_heard():
        now = counts(server, aps)
        expect(all(n > 0 for n in now.values()), f"packets per (AP channel, source) while hopping: {now}")
        return now
    wait_until("each source to hear both access points while hopping", all_heard, timeout=60)

    for source, channel in ((sources[0], "6"), (sources[1], "36")):
        locked = server.command(f"/datasource/by-uuid/{source['kismet.datasource.uuid']}/set_channel.cmd",
                                {"channel": channel})
        expect(locked["kismet.datasource.channel"] == channel and locked["kismet.datasource.hopping"] == 0,
               f"{locked['kismet.datasource.interface']} is on {locked['kismet.datasource.channel']!r} "
               f"(hopping {locked['kismet.datasource.hopping']}) after set_channel {channel}")
    time.sleep(1)  # frames already on their way through the chain
    before = counts(server, aps)
    time.sleep(4)
    after = counts(server, aps)
    delta = {k: after[k] - before[k] for k in after}
    log(f"locked for 4 s, new packets per (AP channel, source): {delta}")
    expect(delta[(6, "wlan2")] >= 10 and delta[(36, "wlan3")] >= 10,
           f"a locked source barely heard the access point on its channel: {delta}")
    expect(delta[(36, "wlan2")] == 0 and delta[(6, "wlan3")] == 0,
           f"a locked source heard the access point of the other channel: {delta}")
