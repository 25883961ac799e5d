// Kismet's alerts about disconnections: deauthentication/disassociation
// floods (DEAUTHFLOOD), broadcast disconnects (BCASTDISCON), reason codes the
// standard does not define (DISCONCODEINVALID, DEAUTHCODEINVALID), data from
// a station just after it disconnected (DISASSOCTRAFFIC), and clients that
// associate without management frame protection (NOCLIENTMFP).
#ifndef AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_ALERTS_H

#include "dissect/frame.h"
#include "dissect/ie.h"
#include "ids/bounded_table.h"
#include "ids/sender_filter.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>

#include <atomic>
#include <cstdint>

namespace airsight::dot11::ids {

class DisconnectAlerts {
public:
    /// Defines the alerts (with Kismet's default rates) for PHY `phy`.
    DisconnectAlerts(AlertTracker& alerts, std::int64_t phy);

    /// A deauthentication or disassociation frame.
    void disconnect(const Packet& p, const Frame& f);
    /// An association request and its IEs (`ies` valid when `has_ies`).
    void association_request(const Packet& p, const Frame& f, const Ies& ies, bool has_ies);
    /// Any data frame. One relaxed atomic read unless some station
    /// disconnected within the last 10 seconds, then one bit test unless
    /// this station may have.
    void data(const Packet& p, const Frame& f);

    /// Kismet's window: a BSSID whose disconnects come at most 1 s apart
    /// floods once it has sent more than 10 of them.
    static constexpr std::uint32_t kFloodCount = 10;
    /// Data within 10 s of a station's disconnect is suspicious (DISASSOCTRAFFIC).
    static constexpr std::int64_t kTrafficWindowSec = 10;
    /// Entries of each table: BSSIDs counted for floods, stations that disconnected.
    static constexpr std::size_t kTableCapacity = 4096;

private:
    struct Flood {
        std::uint32_t count = 0;
        std::int64_t last_sec = 0;
    };

    AlertTracker& alerts_;
    AlertRef flood_, broadcast_, disassoc_code_, deauth_code_, traffic_, no_mfp_;
    BoundedTable<MacAddr, Flood> floods_{kTableCapacity};                // per BSSID, as Kismet's device record
    BoundedTable<MacAddr, std::int64_t> disconnected_{kTableCapacity};   // per sender: second of its last disconnect
    std::atomic<std::int64_t> latest_disconnect_sec_{INT64_MIN / 2};     // any sender's, for data()'s fast path
    SenderFilter disconnected_filter_;                                   // who may be in disconnected_, lock-free
};

} // namespace airsight::dot11::ids

#endif
