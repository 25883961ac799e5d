"""Two linuxwifi sources on two radios, one locked on channel 6 and one on
channel 36: both run, each on its own monitor interface, and each hears
only the access point on its channel. Then both hop over the same channels:
they split the list (Kismet's hop_split, a different hop_offset each) and
each now hears both access points. (Not channel 1: see lab/radios.py.)"""
from lab.airsight import seen_by
from lab.checks import expect, wait_until
from lab.radios import interface_type

RADIOS = 4
VM_TIMEOUT = 240


def run(lab):
    ap_24, ap_5 = lab.access_points((0, "two-6", 6, "open"), (1, "two-36", 36, "open"))
    server = lab.airsight(["wlan2:type=linuxwifi,channel=6", "wlan3:type=linuxwifi,channel=36"])
    source_24, source_5 = server.wait_running("wlan2"), server.wait_running("wlan3")
    expect(source_24["kismet.datasource.uuid"] != source_5["kismet.datasource.uuid"], "both sources share a UUID")
    for source, channel in ((source_24, "6"), (source_5, "36")):
        monitor = source["kismet.datasource.capture_interface"]
        expect(source["kismet.datasource.channel"] == channel and source["kismet.datasource.hopping"] == 0,
               f"{source['kismet.datasource.interface']} is on {source['kismet.datasource.channel']!r} "
               f"(hopping {source['kismet.datasource.hopping']}), not locked on {channel}")
        expect(interface_type(monitor) == "monitor", f"{monitor} is a {interface_type(monitor)} interface")
    expect(source_24["kismet.datasource.capture_interface"] != source_5["kismet.datasource.capture_interface"],
           "both sources capture from the same interface")

    def heard_apart():
        sources = {s["kismet.datasource.interface"]: s for s in server.sources()}
        d24, d5 = server.device(ap_24.bssid), server.device(ap_5.bssid)
        expect(d24 is not None and d5 is not None, "not both access points are known yet")
        counts = {(ap, src): seen_by(d, sources[src]) for ap, d in (("ch6", d24), ("ch36", d5))
                  for src in ("wlan2", "wlan3")}
        expect(counts[("ch6", "wlan2")] > 0 and counts[("ch36", "wlan3")] > 0,
               f"packets per (AP, source): {counts}")
        return counts
    counts = wait_until("each access point heard by the source on its channel", heard_apart, timeout=60)
    expect(counts[("ch6", "wlan3")] == 0 and counts[("ch36", "wlan2")] == 0,
           f"a source heard the access point of the other channel: {counts}")

    hop = ["6", "11", "36", "44"]
    for source in (source_24, source_5):
        server.command(f"/datasource/by-uuid/{source['kismet.datasource.uuid']}/set_channel.cmd",
                       {"channels": hop, "rate": 5})
    records = [server.source("wlan2"), server.source("wlan3")]
    for r in records:
        expect(r["kismet.datasource.hopping"] == 1 and sorted(r["kismet.datasource.hop_channels"]) == sorted(hop),
               f"{r['kismet.datasource.interface']} does not hop over {hop}: hopping {r['kismet.datasource.hopping']}, "
               f"channels {r['kismet.datasource.hop_channels']}")
        expect(r["kismet.datasource.hop_split"] == 1, f"{r['kismet.datasource.interface']} does not split hopping")
    offsets = [r["kismet.datasource.hop_offset"] for r in records]
    expect(offsets[0] != offsets[1], f"both sources hop from the same offset {offsets[0]}")

    def crossed():
        now = heard_apart()
        expect(now[("ch6", "wlan3")] > counts[("ch6", "wlan3")] and now[("ch36", "wlan2")] > counts[("ch36", "wlan2")],
               f"packets per (AP, source) while both hop: {now}")
        return True
    wait_until("each source to hear the other channel's access point while hopping", crossed, timeout=60)
