// Kismet's stateless 802.11 frame-fingerprint alerts: their names, classes,
// severities and shipped rates (conf/kismet_alerts.conf), defined once at
// plugin creation. The descriptions are our own words.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_FRAME_ALERT_DEFINITIONS_H
#define AIRSIGHT_PHYS_DOT11_IDS_FRAME_ALERT_DEFINITIONS_H

#include <airsight/alerts.h>

#include <cstdint>

namespace airsight::dot11::ids {

/// The defined alerts of the frame-fingerprint group.
struct FrameAlertRefs {
    // Raised by FrameAlerts.
    AlertRef longssid, msfbcomssid, msfdlinkrate, msfnetgearbeacon, airjackssid, wmmoverflow, wmmtspec, qcomextended,
        rsnloop, bcom11kchan, badfixlenie, rtlwifip2p, rtl8195vd1406, vdoo202027301, vdoo202027302, formatstring,
        karmaoui, overpowered, ssidcanary;
    // Defined so clients find them in /alerts/definitions, never raised:
    // Kismet defines them and raises them nowhere either.
    //  NETSTUMBLER, LUCENTTEST: Kismet keeps their frame signatures but no
    //    code compares a frame with them (both tools are long gone).
    //  NULLPROBERESP, MALFORMMGMT: no raise_alert names them in Kismet.
    //  PROBECHAN: Kismet compares a probe response's channel with its
    //    responded-SSID record's, which it never sets, so it cannot fire.
    AlertRef netstumbler, lucenttest, nullproberesp, malformmgmt, probechan;
};

/// Defines every alert of the group for the PHY `phy`; throws what
/// AlertTracker::define throws (e.g. a name another plugin took).
FrameAlertRefs define_frame_alerts(AlertTracker& alerts, std::int64_t phy);

} // namespace airsight::dot11::ids

#endif
