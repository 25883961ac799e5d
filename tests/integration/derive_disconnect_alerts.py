#!/usr/bin/env python3
"""Kismet's disconnect alerts on a capture, derived from tshark's fields in capture time.

Run by hand (python3 derive_disconnect_alerts.py ../shared/captures/*.cap) to
re-derive the expected numbers in test_capture_alerts.cc, independently of the
server's code: Kismet's conditions (phy_80211.cc, phy_80211_dissectors.cc, and
finitestate.cc of 2004-2011 for DISASSOCTRAFFIC), then Kismet's throttle
(alertracker.cc check_times) with the capture's time as the clock. Prints, per
file, the alerts sent and the candidates before the throttle.
"""
import math, subprocess, sys
from collections import defaultdict

FIELDS = ["frame.time_epoch", "wlan.fc.type", "wlan.fc.subtype", "wlan.fc.protected", "wlan.sa", "wlan.da",
          "wlan.bssid", "wlan.ta", "wlan.fixed.reason_code", "wlan.rsn.capabilities.mfpc", "wlan.tag.number",
          "_ws.malformed", "wlan.fcs.status"]
RATES = {"DEAUTHFLOOD": ((5, 60), (2, 1)), "BCASTDISCON": ((5, 60), (2, 1)), "DISCONCODEINVALID": ((5, 60), (1, 1)),
         "DEAUTHCODEINVALID": ((0, 60), (0, 1)), "DISASSOCTRAFFIC": ((10, 60), (1, 1)), "NOCLIENTMFP": ((10, 60), (1, 1))}

class Throttle:
    def __init__(self, limit, burst):
        self.limit, self.burst = limit, burst
        self.total = self.bsent = 0
        self.last = 0.0
    def admit(self, now):
        if self.limit[0] == 0: return False
        if self.last < math.floor(now) - self.limit[1]:
            self.total = self.bsent = 0
        else:
            if self.last < math.floor(now) - self.burst[1]: self.bsent = 0
            if self.bsent >= self.burst[0] or self.total >= self.limit[0]: return False
        self.bsent += 1; self.total += 1; self.last = now
        return True

def names_device(m):
    return m not in ("", "00:00:00:00:00:00") and not (int(m[:2], 16) & 1)

def run(path):
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"] +
                         sum([["-e", f] for f in FIELDS], []), capture_output=True, text=True).stdout
    throttles = {k: Throttle(*v) for k, v in RATES.items()}
    sent = defaultdict(int); candidates = defaultdict(int)
    floods = {}; disconnected = {}; latest = None
    def raise_(name, now):
        candidates[name] += 1
        if throttles[name].admit(now): sent[name] += 1
    for line in out.splitlines():
        c = dict(zip(FIELDS, line.split("\t") + [""] * len(FIELDS)))
        if c["wlan.fc.type"] == "": continue
        t = float(c["frame.time_epoch"]); sec = math.floor(t)
        ftype, sub = int(c["wlan.fc.type"], 0), int(c["wlan.fc.subtype"], 0)
        sa, da, bssid = c["wlan.sa"], c["wlan.da"], c["wlan.bssid"]
        if ftype == 0 and sub in (10, 12):
            deauth = sub == 12
            if c["wlan.fixed.reason_code"]:
                code = int(c["wlan.fixed.reason_code"], 0)
                if 25 <= code <= 31 or code > 45:
                    raise_("DEAUTHCODEINVALID" if deauth else "DISCONCODEINVALID", t)
            if names_device(sa) and sa != bssid:
                disconnected[sa] = sec
                latest = sec if latest is None else max(latest, sec)
            if not names_device(bssid): continue
            count, last = floods.get(bssid, (0, 0))
            count = 1 if (sec - last) % 2**64 > 1 else count + 1
            if count > 10:
                raise_("DEAUTHFLOOD", t); count = 1
            floods[bssid] = (count, sec)
            if da == "ff:ff:ff:ff:ff:ff": raise_("BCASTDISCON", t)
        elif ftype == 0 and sub == 0:
            if c["wlan.rsn.capabilities.mfpc"] in ("0", "False") and names_device(bssid) and names_device(sa) and sa != bssid:
                raise_("NOCLIENTMFP", t)
        elif ftype == 2:
            if latest is None or sec - latest >= 10 or not names_device(sa) or sa not in disconnected: continue
            if sec - disconnected[sa] < 10: raise_("DISASSOCTRAFFIC", t)
            else: del disconnected[sa]
    return dict(sent), dict(candidates)

for p in sys.argv[1:]:
    print(p, *run(p))
