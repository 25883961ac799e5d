"""set_channel locks a hopping linuxwifi source on one channel: the radio is
tuned there (iw says so), kismet.datasource.channel shows it, and only that
channel's access point is heard from then on; set_hop resumes hopping."""
import re
import time

from lab.checks import expect, log, wait_until
from lab.radios import iw

RADIOS = 3
VM_TIMEOUT = 240


def packets(server, ap):
    d = server.device(ap.bssid)
    return d["kismet.device.base.packets.total"] if d else 0


def run(lab):
    ap_24, ap_5 = lab.access_points((0, "lock-6", 6, "open"), (1, "lock-36", 36, "open"))
    server = lab.airsight(["wlan2:type=linuxwifi,channels=6/36,channel_hop_speed=5"])
    source = server.wait_running("wlan2")
    uuid = source["kismet.datasource.uuid"]
    wait_until("both access points heard while hopping",
               lambda: packets(server, ap_24) > 0 and packets(server, ap_5) > 0, timeout=60)

    locked = server.command(f"/datasource/by-uuid/{uuid}/set_channel.cmd", {"channel": "36"})
    expect(locked["kismet.datasource.channel"] == "36" and locked["kismet.datasource.hopping"] == 0,
           f"set_channel 36 answered channel {locked['kismet.datasource.channel']!r}, "
           f"hopping {locked['kismet.datasource.hopping']}")
    monitor = locked["kismet.datasource.capture_interface"]
    tuned = re.search(r"channel (\d+) \((\d+) MHz", iw("dev", monitor, "info"))
    expect(tuned and tuned.group(2) == "5180", f"iw dev {monitor} info does not show 5180 MHz: {tuned and tuned.group(0)}")

    time.sleep(1)  # frames already on their way through the chain
    before_24, before_5 = packets(server, ap_24), packets(server, ap_5)
    time.sleep(4)
    after_24, after_5 = packets(server, ap_24), packets(server, ap_5)
    log(f"locked on 36 for 4 s: channel 6 AP +{after_24 - before_24}, channel 36 AP +{after_5 - before_5} packets")
    expect(after_5 - before_5 >= 10, f"the channel 36 AP was barely heard while locked there: +{after_5 - before_5}")
    expect(after_24 == before_24,
           f"the channel 6 AP was heard while locked on 36: +{after_24 - before_24} packets; its packets per "
           f"frequency: {server.device(ap_24.bssid)['kismet.device.base.freq_khz_map']}; the source: "
           f"{ {k: v for k, v in server.source('wlan2').items() if 'channel' in k or 'hop' in k} }; "
           f"iw: {iw('dev', monitor, 'info')}")
    expect(server.source("wlan2")["kismet.datasource.channel"] == "36", "the source's channel moved off 36")

    hopping = server.command(f"/datasource/by-uuid/{uuid}/set_hop.cmd", {})
    expect(hopping["kismet.datasource.hopping"] == 1, f"set_hop did not resume hopping: {hopping}")
    resumed = packets(server, ap_24)
    wait_until("the channel 6 AP heard again after set_hop", lambda: packets(server, ap_24) > resumed, timeout=30)
