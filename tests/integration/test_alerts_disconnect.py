#!/usr/bin/env python3
"""The disconnect group's alerts (deauthentication/disassociation, EAPOL, WPS,
DHCP; phys/dot11/ids) raised by the real server on the sim source's scripted
attacks (datasources/sim/engine/attacks): each attack alone in a world on
channel 6 raises exactly the alerts of this group it is named after, naming
the target AP as transmitter and the attacker's made-up station, and a clean
world raises none of them.

Run by meson with AIRSIGHT_BIN set; exits 0 on success, 1 with the reasons."""
import sys
import tempfile
import time

from airsight_server import AirsightServer

USER, PASSWORD = "idstest", "idstest-pw"
GROUP = {"DEAUTHFLOOD", "BCASTDISCON", "DISCONCODEINVALID", "DEAUTHCODEINVALID", "DISASSOCTRAFFIC",
         "NOCLIENTMFP", "NONCEDEGRADE", "NONCEREUSE", "WPSBRUTE", "DHCPCLIENTID", "DHCPCONFLICT",
         "DHCPNAMECHANGE", "DHCPOSCHANGE"}
# Kismet ships these silenced (0/min); the test turns them on, as an operator would.
ENABLE = ["alert=DEAUTHCODEINVALID,10/min,1/sec", "alert=NONCEDEGRADE,10/min,1/sec",
          "alert=NONCEREUSE,10/min,1/sec"]
STATION = "02:BA:DC:0D:E0:{:02X}"  # the attacks' made-up stations (engine/attacks/*.cc)
# attack: (alerts it raises in this group, the made-up station the alerts name as source or destination)
ATTACKS = {
    "bcastdiscon": ({"BCASTDISCON"}, None),
    "disconcodeinvalid": ({"DISCONCODEINVALID"}, STATION.format(1)),
    "deauthcodeinvalid": ({"DEAUTHCODEINVALID"}, STATION.format(2)),
    "deauthflood": ({"DEAUTHFLOOD"}, STATION.format(3)),
    "disassoctraffic": ({"DISASSOCTRAFFIC"}, STATION.format(4)),
    "noclientmfp": ({"NOCLIENTMFP"}, STATION.format(5)),
    "noncedegrade": ({"NONCEDEGRADE"}, STATION.format(6)),
    "noncereuse": ({"NONCEREUSE"}, STATION.format(7)),
    "wpsbrute": ({"WPSBRUTE"}, STATION.format(8)),
    "dhcpclientid": ({"DHCPCLIENTID"}, STATION.format(9)),
    "dhcpnamechange": ({"DHCPNAMECHANGE"}, STATION.format(10)),
    "dhcposchange": ({"DHCPOSCHANGE"}, STATION.format(11)),
    "dhcpconflict": ({"DHCPCONFLICT"}, STATION.format(12)),
}
WORLD = "seed=7,aps=3,clients=6,channels=6,rate=max"


class Server(AirsightServer):
    """The server with one sim source, in its own folder, started; stopped by close()."""

    def __init__(self, folder, source):
        super().__init__(folder, USER, PASSWORD, [f"source={source}"] + ENABLE)
        self.start()

    def get(self, path):
        return self.json(path)

    def wait_finished(self, frames):
        """Until the source has delivered its `frames` and the chain has processed them."""
        deadline = time.time() + 120
        while time.time() < deadline:
            sources = self.get("/datasource/all_sources.json")
            if not sources and "Cannot add source" in self.output():
                break
            stats = self.get("/packetchain/packet_stats.json")
            if (sources and sources[0].get("airsight.datasource.finished") == 1 and
                    stats.get("airsight.packetchain.processed", 0) >= frames):
                return
            time.sleep(0.2)
        raise RuntimeError(f"the sim source did not finish its {frames} frames:\n" + self.output()[-3000:])

    def group_alerts(self):
        return [a for a in self.get("/alerts/all_alerts.json") if a["kismet.alert.header"] in GROUP]


def run(source, frames):
    with tempfile.TemporaryDirectory(prefix="alerts-disconnect-") as folder:
        server = Server(folder, f"sim:name=ids,{WORLD},frames={frames},{source}".rstrip(","))
        try:
            server.wait_finished(frames)
            aps = {d["kismet.device.base.macaddr"].upper()
                   for d in server.get("/devices/views/phydot11_accesspoints/devices.json")}
            return server.group_alerts(), aps
        finally:
            server.close()


def main():
    failures = []
    targets = set()
    for attack, (expected, station) in ATTACKS.items():
        # ~100 frames a simulated second: 1,500 frames hold every attack's first burst (at 1 s).
        alerts, aps = run(f"attacks={attack}", 1500)
        names = {a["kismet.alert.header"] for a in alerts}
        print(f"{attack}: {sorted(names)} ({len(alerts)} sent)")
        if names != expected:
            failures.append(f"{attack}: expected exactly {sorted(expected)} of this group, got {sorted(names)}")
        for a in alerts:
            transmitter = a["kismet.alert.transmitter_mac"].upper()
            targets.add(transmitter)
            if transmitter not in aps:
                failures.append(f"{attack}: {a['kismet.alert.header']} names transmitter {transmitter}, not an AP")
            if a["kismet.alert.channel"] != "6":
                failures.append(f"{attack}: {a['kismet.alert.header']} on channel {a['kismet.alert.channel']!r}")
            named = {a["kismet.alert.source_mac"].upper(), a["kismet.alert.dest_mac"].upper()}
            if station and station not in named:
                failures.append(f"{attack}: {a['kismet.alert.header']} names {sorted(named)}, not {station}")
    # Every attack aims at the world's first AP: one transmitter for all of them.
    if len(targets) != 1:
        failures.append(f"the attacks' alerts name {len(targets)} transmitters, not the one target: {sorted(targets)}")

    # A clean world (the same, longer: clients join, leave and come back) raises none of them.
    alerts, _ = run("", 20000)
    if alerts:
        failures.append("a clean world raised " + ", ".join(
            f"{a['kismet.alert.header']} ({a['kismet.alert.text']})" for a in alerts[:10]))
    print(f"clean world: {len(alerts)} alerts of this group")

    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
