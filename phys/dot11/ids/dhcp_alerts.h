// Kismet's alerts about DHCP seen in unprotected data: a DISCOVER whose
// client id is another MAC (DHCPCLIENTID), a client whose advertised host
// name or vendor class changes (DHCPNAMECHANGE, DHCPOSCHANGE), and a
// network offered addresses of a different range than before (DHCPCONFLICT).
#ifndef AIRSIGHT_PHYS_DOT11_IDS_DHCP_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_DHCP_ALERTS_H

#include "dissect/dhcp.h"
#include "dissect/frame.h"
#include "ids/bounded_table.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>

#include <cstdint>
#include <string>

namespace airsight::dot11::ids {

class DhcpAlerts {
public:
    /// Defines the alerts (with Kismet's default rates) for PHY `phy`.
    DhcpAlerts(AlertTracker& alerts, std::int64_t phy);

    /// An unprotected data frame carrying DHCP message `d`.
    void dhcp(const Packet& p, const Frame& f, const Dhcp& d);

    /// Client/BSSID pairs whose DHCP names are remembered, and networks
    /// whose offered range is.
    static constexpr std::size_t kClients = 4096;
    static constexpr std::size_t kNetworks = 4096;
    /// Longest host name or vendor class kept (DHCP options hold 255 bytes).
    static constexpr std::size_t kMaxName = 255;

private:
    struct ClientNames {
        std::string host, vendor;  // as sent, empty until seen
    };

    void discover(const Packet& p, const Frame& f, const Dhcp& d);
    void offer(const Packet& p, const Frame& f, const Dhcp& d);

    AlertTracker& alerts_;
    AlertRef client_id_, conflict_, name_change_, os_change_;
    BoundedTable<MacPair, ClientNames> clients_{kClients};  // (client, BSSID), as Kismet's client record
    BoundedTable<MacAddr, std::uint32_t> ranges_{kNetworks}; // per BSSID: the range last offered
};

} // namespace airsight::dot11::ids

#endif
