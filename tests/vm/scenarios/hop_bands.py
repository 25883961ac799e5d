"""A hopping linuxwifi source finds access points on several channels in
both bands (6 and 11 at 2.4 GHz, 36 and 149 at 5 GHz), each on its channel.
(Not channel 1, which every hwsim radio hears: see lab/radios.py.)"""
from lab.checks import expect, wait_until

RADIOS = 5
VM_TIMEOUT = 300
CHANNELS = (6, 11, 36, 149)


def run(lab):
    aps = lab.access_points(*[(radio, f"hop-{channel}", channel) for radio, channel in enumerate(CHANNELS)])
    capture = f"wlan{len(CHANNELS)}"
    hop_list = "/".join(str(c) for c in CHANNELS)
    server = lab.airsight([f"{capture}:type=linuxwifi,channels={hop_list},channel_hop_speed=4"])
    source = server.wait_running(capture)
    expect(source["kismet.datasource.hopping"] == 1 and source["kismet.datasource.hop_rate"] == 4,
           f"the source does not hop 4 channels a second: hopping {source['kismet.datasource.hopping']}, "
           f"rate {source['kismet.datasource.hop_rate']}")
    expect(sorted(source["kismet.datasource.hop_channels"]) == sorted(str(c) for c in CHANNELS),
           f"hop channels {source['kismet.datasource.hop_channels']}, not {list(CHANNELS)}")
    offered = source["kismet.datasource.channels"]
    expect("1" in offered and "44" in offered, f"the source's channels lack one band: {offered}")

    def all_seen():
        missing = {}
        for ap in aps:
            d = server.device(ap.bssid)
            channel = d and d["kismet.device.base.channel"]
            if channel != str(ap.channel):
                missing[ap.ssid] = channel
        expect(not missing, f"access points not seen on their channel (SSID: channel seen): {missing}")
        return True
    # One radio hears all four only by tuning to each channel in turn.
    wait_until("every access point seen on its own channel", all_seen, timeout=90)
