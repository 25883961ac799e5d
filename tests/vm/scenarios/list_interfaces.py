"""/datasource/list_interfaces lists every hwsim radio as a linuxwifi
interface with its driver (mac80211_hwsim), phy, mode and the channels the
phy offers in both bands; bad definitions are refused and change nothing."""
import json
import re

from lab.checks import expect
from lab.radios import interface_type

RADIOS = 2
VM_TIMEOUT = 240


def run(lab):
    server = lab.airsight(sources=[])

    types = {t["kismet.datasource.driver.type"]: t for t in server.get("/datasource/types.json")}
    expect("linuxwifi" in types, f"no linuxwifi datasource type; types: {sorted(types)}")
    for capability in ("list_capable", "tuning_capable", "probe_capable", "local_capable"):
        expect(types["linuxwifi"][f"kismet.datasource.driver.{capability}"] == 1, f"linuxwifi is not {capability}")

    listed = {}
    for i in server.get("/datasource/list_interfaces.json"):
        if i["kismet.datasource.type_driver"]["kismet.datasource.driver.type"] == "linuxwifi":
            listed[i["kismet.datasource.probed.interface"]] = i["kismet.datasource.probed.hardware"]
    for radio in range(RADIOS):
        name = f"wlan{radio}"
        expect(name in listed, f"{name} is not listed: {listed}")
        hardware = listed[name]
        expect("mac80211_hwsim" in hardware, f"{name}'s hardware names no driver mac80211_hwsim: {hardware!r}")
        expect(f"phy{radio}" in hardware and "managed" in hardware,
               f"{name}'s hardware names neither its phy (phy{radio}) nor its mode (managed): {hardware!r}")
        found = re.search(r"channels ([^)]*)", hardware)
        expect(found, f"{name}'s hardware lists no channels: {hardware!r}")
        channels = found.group(1).split()
        # 2.4 and 5 GHz (US allows 36-48 and 149-165 without radar detection); 14 is not allowed in the US.
        for channel in ("1", "6", "11", "36", "48", "149"):
            expect(channel in channels, f"{name} does not offer channel {channel}: {channels}")
        expect("14" not in channels, f"{name} offers channel 14, which the US regulatory domain disables: {channels}")
        expect(any(c.endswith(("HT40+", "HT40-")) for c in channels), f"{name} offers no HT40 channel: {channels}")
        expect(any(c.endswith("VHT80") for c in channels), f"{name} offers no VHT80 channel: {channels}")

    # Bad input gets a clear error and changes nothing.
    for definition, why in [("lo:type=linuxwifi", "not a Wi-Fi interface"),
                            ("wlan1:type=linuxwifi,channel=14", "a channel the phy lacks (disabled in the US)"),
                            ("wlan1:type=linuxwifi,channel=1HT40-", "a width the phy cannot do on channel 1")]:
        status, body = server.request("/datasource/add_source.cmd", {"definition": definition})
        if status == 200:
            # Accepted as a source: then opening it must have failed, with the reason.
            source = json.loads(body)
            expect(source["kismet.datasource.error"] == 1 and source["kismet.datasource.error_reason"],
                   f"add_source {definition} ({why}) was accepted and the source runs: {source}")
            server.command(f"/datasource/by-uuid/{source['kismet.datasource.uuid']}/close_source.cmd", {})
        else:
            expect(400 <= status < 500 and body, f"add_source {definition} ({why}): HTTP {status} {body!r}")
        expect(interface_type("wlan1") == "managed" and interface_type("wlan1mon") is None,
               f"add_source {definition} changed wlan1 (type {interface_type('wlan1')}, "
               f"wlan1mon {interface_type('wlan1mon')})")
