"""A WPA3-Personal (SAE only, MFP required) access point on 5 GHz and a
client that joins it with SAE: the AP shows as WPA3 in Kismet's crypt
fields (crypt_string, crypt_set's WPA3 version bit, no PSK, MFP required,
kismet.device.base.crypt), and the client as its client."""
from lab.checks import expect, wait_until

RADIOS = 3
VM_TIMEOUT = 300
VERSION_WPA3 = 1 << 29  # Kismet's crypt_version_wpa3 in crypt_set
PSK = 1 << 7            # Kismet's crypt_psk


def run(lab):
    ap = lab.access_point(0, "vm-wpa3", 36, "wpa3")
    server = lab.airsight(["wlan1:type=linuxwifi,channel=36"])
    server.wait_running("wlan1")
    client = lab.client(2, ap)
    client.wait_connected(timeout=120)  # SAE is slow to compute under emulation

    def advertised():
        d = server.device(ap.bssid)
        expect(d is not None and "dot11.device.last_beaconed_ssid_record" in d.get("dot11.device", {}),
               f"no beacon of {ap.bssid} recorded yet")
        return d
    d = wait_until("the AP's beacon", advertised, timeout=60)
    ssid = d["dot11.device"]["dot11.device.last_beaconed_ssid_record"]
    expect(ssid["dot11.advertisedssid.ssid"] == ap.ssid, f"beaconed SSID {ssid['dot11.advertisedssid.ssid']!r}")
    crypt_string = ssid["dot11.advertisedssid.crypt_string"]
    expect("WPA3-SAE" in crypt_string and "PSK" not in crypt_string,
           f"crypt_string {crypt_string!r} does not say WPA3-SAE alone")
    crypt_set = ssid["dot11.advertisedssid.crypt_set"]
    expect(crypt_set & VERSION_WPA3, f"crypt_set {crypt_set:#x} lacks the WPA3 version bit {VERSION_WPA3:#x}")
    expect(not crypt_set & PSK, f"crypt_set {crypt_set:#x} claims PSK")
    expect(ssid["dot11.advertisedssid.wpa_mfp_required"] == 1, "WPA3-SAE requires MFP, the record says it is not")
    expect("WPA3" in d["kismet.device.base.crypt"], f"kismet.device.base.crypt is {d['kismet.device.base.crypt']!r}")
    expect(ssid["dot11.advertisedssid.channel"] == "36", f"channel {ssid['dot11.advertisedssid.channel']!r}, not 36")

    c = wait_until("the SAE client's device", lambda: server.device(client.mac), timeout=30)
    client_map = c["dot11.device"].get("dot11.device.client_map", {})
    expect(any(bssid.lower() == ap.bssid for bssid in client_map),
           f"{client.mac} is not recorded as a client of {ap.bssid}: {list(client_map)}")
