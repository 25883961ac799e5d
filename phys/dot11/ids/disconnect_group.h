// The disconnect, EAPOL/WPS and DHCP detectors behind one OBSERVE handler.
// A frame none of them looks at costs a few branches: management frames
// other than deauthentication, disassociation and association requests end
// at their subtype; a data frame reads one atomic, and its payload only when
// it is unprotected EAPOL, or IPv4 UDP between ports 67 and 68.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_GROUP_H
#define AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_GROUP_H

#include "ids/dhcp_alerts.h"
#include "ids/disconnect_alerts.h"
#include "ids/eapol_alerts.h"
#include "phy/dot11_phy.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>

namespace airsight::dot11::ids {

class DisconnectGroup {
public:
    /// Defines the alerts for PHY `phy`; reads each packet's dissection
    /// through `dissection`.
    DisconnectGroup(AlertTracker& alerts, std::int64_t phy, PacketComponent<Dissection> dissection);

    /// The OBSERVE handler: thread-safe, read-only on the packet.
    void observe(const Packet& p);

private:
    PacketComponent<Dissection> dissection_;
    std::uint32_t phy_;
    DisconnectAlerts disconnects_;
    EapolAlerts eapol_;
    DhcpAlerts dhcp_;
};

} // namespace airsight::dot11::ids

#endif
