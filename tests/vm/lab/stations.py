"""Real 802.11 stations on hwsim radios: hostapd access points (open,
WPA2-PSK, WPA3-SAE; 2.4 or 5 GHz) and wpa_supplicant clients that associate
and run the 4-way handshake."""
import os

from .daemon import Daemon
from .radios import mac

COUNTRY = "US"  # allows 5 GHz channels 36-48 and 149-165 without radar detection
PASSPHRASE = "airsight-vm-test"


def _security_lines(security):
    if security == "open":
        return []
    if security == "wpa2":
        return ["wpa=2", "wpa_key_mgmt=WPA-PSK", "rsn_pairwise=CCMP", f"wpa_passphrase={PASSPHRASE}"]
    if security == "wpa3":
        # SAE only, management frame protection required: a WPA3-Personal-only AP.
        return ["wpa=2", "wpa_key_mgmt=SAE", "rsn_pairwise=CCMP", "ieee80211w=2", f"sae_password={PASSPHRASE}"]
    raise ValueError(f"unknown security '{security}' (open, wpa2, wpa3)")


class AccessPoint(Daemon):
    """hostapd on radio wlan<radio>; its BSSID is the radio's address."""

    def __init__(self, workdir, radio, ssid, channel, security="open"):
        self.radio, self.ssid, self.channel, self.security = radio, ssid, channel, security
        self.bssid = mac(radio)
        conf = os.path.join(workdir, f"hostapd-wlan{radio}.conf")
        lines = [
            f"interface=wlan{radio}", "driver=nl80211", f"ssid={ssid}",
            f"hw_mode={'a' if channel > 14 else 'g'}", f"channel={channel}",
            f"country_code={COUNTRY}", "ieee80211d=1", "ieee80211n=1", "wmm_enabled=1",
            "beacon_int=100",
        ] + _security_lines(security)
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        super().__init__(f"hostapd-wlan{radio}", ["hostapd", conf], workdir)

    def wait_enabled(self, timeout=30):
        self.wait_for_line("AP-ENABLED", timeout)


class Client(Daemon):
    """wpa_supplicant on radio wlan<radio>, associating with `ap`."""

    def __init__(self, workdir, radio, ap):
        self.radio, self.ap = radio, ap
        self.mac = mac(radio)
        conf = os.path.join(workdir, f"wpa_supplicant-wlan{radio}.conf")
        network = [f'ssid="{ap.ssid}"', f"scan_freq={_frequency(ap.channel)}"]
        if ap.security == "open":
            network.append("key_mgmt=NONE")
        elif ap.security == "wpa2":
            network += ["key_mgmt=WPA-PSK", f'psk="{PASSPHRASE}"']
        else:
            network += ["key_mgmt=SAE", "ieee80211w=2", f'sae_password="{PASSPHRASE}"']
        with open(conf, "w") as f:
            f.write(f"country={COUNTRY}\nnetwork={{\n" + "".join(f"    {l}\n" for l in network) + "}\n")
        super().__init__(f"wpa_supplicant-wlan{radio}",
                         ["wpa_supplicant", "-D", "nl80211", "-i", f"wlan{radio}", "-c", conf], workdir)

    def wait_connected(self, timeout=60):
        """Associated and, with WPA, the 4-way handshake done."""
        self.wait_for_line("CTRL-EVENT-CONNECTED", timeout)


def _frequency(channel):
    if channel == 14:
        return 2484
    return 2407 + 5 * channel if channel < 14 else 5000 + 5 * channel
