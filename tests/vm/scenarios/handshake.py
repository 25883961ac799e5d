"""A WPA2-PSK client associating while a linuxwifi source listens on the AP's
channel: the client is tracked as the AP's client, the AP's handshake list
holds EAPOL messages 1-4 for it, and the handshake pcap endpoint serves a
file in which tshark finds those four EAPOL-Key frames, in order."""
import os
import struct
import subprocess

from lab.checks import CheckFailed, expect, wait_until

RADIOS = 3
VM_TIMEOUT = 240
HOST_NEEDS = ["tshark"]
PCAP = "handshake.pcap"


def run(lab):
    ap = lab.access_point(0, "vm-wpa2", 6, "wpa2")
    server = lab.airsight(["wlan1:type=linuxwifi,channel=6"])
    server.wait_running("wlan1")
    client = lab.client(2, ap)
    client.wait_connected()

    def messages():
        d = server.device(ap.bssid)
        records = (d or {}).get("dot11.device", {}).get("dot11.device.wpa_handshake_list", {})
        seen = {r["dot11.eapol.message_num"] for mac, rs in records.items() if mac.lower() == client.mac for r in rs}
        expect(seen >= {1, 2, 3, 4}, f"EAPOL messages recorded for {client.mac}: {sorted(seen)}")
        return d
    ap_device = wait_until("the complete handshake in the AP's record", messages, timeout=60)
    expect(ap_device["dot11.device"]["dot11.device.last_beaconed_ssid_record"]["dot11.advertisedssid.ssid"] == ap.ssid,
           "the AP's beaconed SSID is not vm-wpa2")

    client_device = wait_until("the client's device", lambda: server.device(client.mac), timeout=30)
    expect(client_device["kismet.device.base.type"] == "Wi-Fi Client",
           f"{client.mac} is a {client_device['kismet.device.base.type']!r}, not a Wi-Fi Client")
    client_map = client_device["dot11.device"].get("dot11.device.client_map", {})
    expect(any(bssid.lower() == ap.bssid for bssid in client_map),
           f"{client.mac}'s client map does not name the AP {ap.bssid}: {list(client_map)}")

    key = ap_device["kismet.device.base.key"]
    status, body = server.request(f"/phy/phy80211/by-key/{key}/pcap/{key}-handshake.pcap")
    expect(status == 200, f"the handshake pcap endpoint answered HTTP {status}: {body[:200]!r}")
    expect(len(body) > 24 and struct.unpack("<I", body[:4])[0] == 0xA1B2C3D4,
           f"the handshake pcap is not a pcap file ({len(body)} bytes)")
    with open(os.path.join(lab.workdir, PCAP), "wb") as f:
        f.write(body)


def host_check(run_dir):
    """tshark (on the host: the VM would take long to start it) reads the served
    file: an SSID frame and EAPOL-Key messages 1, 2, 3 and 4, in that order."""
    path = os.path.join(run_dir, PCAP)
    done = subprocess.run(["tshark", "-r", path, "-Y", "eapol", "-T", "fields", "-e", "wlan_rsna_eapol.keydes.msgnr"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise CheckFailed(f"tshark cannot read {path}: {done.stderr.strip()}")
    numbers = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    # An AP resends a message the (slow, emulated) client did not answer in
    # time, and on a loaded machine hostapd may start the exchange over (a
    # run read 1,1,2,2,1,2,3,1,4,1): the file must hold 1, 2, 3 and 4 in that
    # order, with resends and restarts between them.
    remaining = iter(numbers)
    if not all(any(n == wanted for n in remaining) for wanted in ["1", "2", "3", "4"]):
        raise CheckFailed(f"tshark finds EAPOL-Key messages {numbers} in {path}, not 1, 2, 3, 4 in order")
    print(f"tshark reads EAPOL-Key messages {', '.join(numbers)} from {path}")
