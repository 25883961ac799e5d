#include "ids/frame_alert_definitions.h"

#include <string>

namespace airsight::dot11::ids {

namespace {

struct Facts {
    const char* name;
    const char* alert_class;
    AlertSeverity severity;
    const char* throttle; // Kismet's shipped alert=NAME,throttle,burst
    const char* burst;
    const char* description;
};

AlertRef define(AlertTracker& alerts, std::int64_t phy, const Facts& f)
{
    return alerts.define(AlertDefinition{.name = f.name,
                                         .alert_class = f.alert_class,
                                         .severity = f.severity,
                                         .description = f.description,
                                         .phy = phy,
                                         .throttle = f.throttle,
                                         .burst = f.burst});
}

} // namespace

FrameAlertRefs define_frame_alerts(AlertTracker& alerts, std::int64_t phy)
{
    using S = AlertSeverity;
    FrameAlertRefs r;
    const auto d = [&](const Facts& f) { return define(alerts, phy, f); };
    r.netstumbler = d({"NETSTUMBLER", "PROBE", S::LOW, "0/min", "0/sec",
                       "(Deprecated) Old Windows scanners such as Netstumbler sent probe frames with a "
                       "recognisable payload; the tools and the cards they drove have all but disappeared."});
    r.nullproberesp = d({"NULLPROBERESP", "DENIAL", S::MEDIUM, "5/min", "1/sec",
                         "A probe response carrying a zero-length SSID could crash the firmware of some old "
                         "Orinoco cards; such cards are rarely in use today."});
    r.lucenttest = d({"LUCENTTEST", "PROBE", S::LOW, "0/min", "0/sec",
                      "(Deprecated) Lucent's Orinoco test utilities sent frames that identify them; seeing "
                      "them today is very unlikely."});
    r.msfbcomssid = d({"MSFBCOMSSID", "EXPLOIT", S::MEDIUM, "5/min", "1/sec",
                       "A beacon shaped like the Metasploit attack on old Broadcom Windows (and Linux NDIS) "
                       "drivers, which overflow on it. Vulnerable drivers are rare now, but the frame itself "
                       "shows someone attempting the attack."});
    r.msfdlinkrate = d({"MSFDLINKRATE", "EXPLOIT", S::MEDIUM, "5/min", "1/sec",
                        "A rates field shaped like the Metasploit attack on old D-Link Windows drivers. "
                        "Vulnerable drivers are rare now, but the frame shows an attempted attack."});
    r.msfnetgearbeacon = d({"MSFNETGEARBEACON", "EXPLOIT", S::MEDIUM, "5/min", "1/sec",
                            "An over-sized beacon shaped like the Metasploit attack on old Netgear Windows "
                            "drivers. Vulnerable drivers are rare now, but the frame shows an attempted attack."});
    r.longssid = d({"LONGSSID", "EXPLOIT", S::CRITICAL, "5/min", "1/sec",
                    "An SSID may hold at most 32 bytes; drivers have had overflows on longer ones, so an "
                    "over-long SSID means heavy corruption or an attack on Wi-Fi drivers."});
    r.wmmoverflow = d({"WMMOVERFLOW", "EXPLOIT", S::HIGH, "10/min", "1/sec",
                       "A WMM element longer than the 24 bytes the standard gives it, as sent to exploit "
                       "Broadcom chipsets with the Broadpwn attack."});
    r.airjackssid = d({"AIRJACKSSID", "PROBE", S::LOW, "5/min", "1/sec",
                       "The SSID 'AirJack', which very old attack tools set while taking over a card; "
                       "modern networks should never show it."});
    r.ssidcanary = d({"SSIDCANARY", "SPOOF", S::HIGH, "5/min", "1/sec",
                      "An SSID from the operator's ssidcanary= list was advertised, answered for or probed "
                      "for."});
    r.malformmgmt = d({"MALFORMMGMT", "EXPLOIT", S::MEDIUM, "5/min", "1/sec",
                       "A malformed management frame: a capture driver that passes on corrupted frames, or "
                       "an attempt to attack drivers that mishandle them."});
    r.karmaoui = d({"KARMAOUI", "PROBE", S::MEDIUM, "5/min", "1/sec",
                    "A probe response from a MAC address in OUI 00:13:37, which Karma-style impersonating "
                    "access points (such as the Wi-Fi Pineapple) use."});
    r.overpowered = d({"OVERPOWERED", "OTHER", S::HIGH, "0/min", "0/sec",
                       "A frame arrived with an abnormally strong signal (above dot11_max_signal): with an "
                       "external amplifier the gain may be set too high, which loses frames."});
    r.wmmtspec = d({"WMMTSPEC", "EXPLOIT", S::HIGH, "10/min", "1/sec",
                    "An association response with more than four WMM TSPEC elements, as sent to exploit "
                    "Atheros drivers (CVE-2017-11013)."});
    r.rsnloop = d({"RSNLOOP", "EXPLOIT", S::HIGH, "5/min", "1/sec",
                   "An RSN element declaring an impossible number of pairwise ciphers, which can send some "
                   "Atheros drivers into a loop (CVE-2017-9714)."});
    r.bcom11kchan = d({"BCOM11KCHAN", "EXPLOIT", S::HIGH, "10/min", "1/sec",
                       "An 802.11k neighbor report naming a channel above 224, which can exploit Broadcom "
                       "HardMAC chips in mobile devices (Project Zero issue 1289)."});
    r.probechan = d({"PROBECHAN", "SPOOF", S::MEDIUM, "5/min", "1/sec",
                     "A probe response names a channel other than the one its beacons advertise: a spoofed "
                     "or 'evil twin' access point, or a misbehaving AP or repeater."});
    r.qcomextended = d({"QCOMEXTENDED", "EXPLOIT", S::HIGH, "0/min", "0/sec",
                        "An extended capabilities element (IE 127) far longer than usual, which can overflow "
                        "some Qualcomm drivers and run code on the host (CVE-2019-10539)."});
    r.badfixlenie = d({"BADFIXLENIE", "EXPLOIT", S::HIGH, "10/min", "1/sec",
                       "An information element whose length the standard fixes was sent with another length: "
                       "a general sign of an attempted overflow that no more specific alert names."});
    r.rtlwifip2p = d({"RTLWIFIP2P", "EXPLOIT", S::HIGH, "5/min", "1/sec",
                      "A Wi-Fi Direct (P2P) Notice of Absence longer than the Linux rtlwifi driver can hold, "
                      "which can crash it or run code (CVE-2019-17666)."});
    r.rtl8195vd1406 = d({"RTL8195VD1406", "EXPLOIT", S::HIGH, "5/min", "1/sec",
                         "An EAPOL key frame longer than 512 bytes, which can overflow Realtek 8195 devices and "
                         "run code in their kernel (CVE-2020-9395, VD-1406, VD-1407)."});
    r.vdoo202027301 = d({"VDOO202027301", "EXPLOIT", S::HIGH, "5/min", "1/sec",
                         "A handshake key far longer than any real one, which can overflow Realtek 8710C "
                         "modules when the attacker knows their PSK (CVE-2020-27301)."});
    r.vdoo202027302 = d({"VDOO202027302", "EXPLOIT", S::HIGH, "5/min", "1/sec",
                         "An AES handshake key longer than any real one, which can overflow Realtek 8710C "
                         "modules when the attacker knows their PSK (CVE-2020-27302)."});
    r.formatstring = d({"FORMATSTRING", "EXPLOIT", S::HIGH, "5/min", "1/sec",
                        "An SSID holding printf format sequences (%s, %n, %p, %@): legal, but some systems "
                        "(notably older iPhones) crashed or worse when showing one."});
    return r;
}

} // namespace airsight::dot11::ids
