// Every 802.11 detector group wired to one PHY, behind the one OBSERVE
// handler the plugin registers: one dispatch and one dissection lookup per
// packet for all of them. The plugin and the real-capture test both run
// this, so what the test replays is what the server runs.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_DOT11_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_DOT11_ALERTS_H

#include "ids/bss_alerts.h"
#include "ids/disconnect_group.h"
#include "ids/frame_alerts.h"
#include "phy/dot11_phy.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>

namespace airsight::dot11::ids {

class Dot11Alerts {
public:
    /// Defines every group's alerts and has `phy` tell the per-AP group what
    /// its APs advertised; `phy` must outlive this object.
    Dot11Alerts(AlertTracker& alerts, Dot11Phy& phy, FrameAlertOptions frame_options, ApspoofRules apspoof);
    Dot11Alerts(const Dot11Alerts&) = delete; // `phy` holds the per-AP group's address
    Dot11Alerts& operator=(const Dot11Alerts&) = delete;

    /// The OBSERVE stage for one packet.
    void observe(Packet& p);

private:
    AlertTracker& alerts_;
    Dot11Phy& phy_;
    FrameAlerts frames_;
    BssAlerts bss_;
    DisconnectGroup disconnects_;
};

} // namespace airsight::dot11::ids

#endif
