// Kismet's alerts about EAPOL frames: a WPA group-key message with an
// all-zero nonce (NONCEDEGRADE), a handshake nonce used again
// (NONCEREUSE, KRACK-style replays), and a station sending WPS M3 messages
// over and over, as a PIN brute force makes an AP do (WPSBRUTE).
#ifndef AIRSIGHT_PHYS_DOT11_IDS_EAPOL_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_EAPOL_ALERTS_H

#include "dissect/frame.h"
#include "ids/bounded_table.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>

#include <array>
#include <cstdint>
#include <vector>

namespace airsight::dot11::ids {

class EapolAlerts {
public:
    /// Defines the alerts (with Kismet's default rates) for PHY `phy`.
    EapolAlerts(AlertTracker& alerts, std::int64_t phy);

    /// An unprotected data frame whose LLC/SNAP payload is EAPOL (f.eapol set).
    void eapol(const Packet& p, const Frame& f);

    /// Nonces remembered per client and handshake message, as Kismet: past
    /// 128 the oldest goes.
    static constexpr std::size_t kNoncesPerClient = 128;
    /// Clients whose nonces are remembered (handshakes are rare; a client's
    /// record is at most 2 x 129 nonces).
    static constexpr std::size_t kClients = 1024;
    /// WPSBRUTE: more than 5 M3 messages from one station, each within 5
    /// minutes of the one before.
    static constexpr std::uint32_t kWpsCount = 5;
    static constexpr std::int64_t kWpsWindowSec = 300;
    static constexpr std::size_t kWpsSenders = 4096;

private:
    struct SeenNonce {
        std::array<std::uint8_t, 32> nonce{};
        std::uint64_t replay_counter = 0;
        double time = 0;
    };
    struct ClientNonces {
        std::vector<SeenNonce> message3, message1;
    };
    struct WpsCount {
        std::uint32_t count = 0;
        std::int64_t last_sec = 0;
    };

    void check_key(const Packet& p, const Frame& f, const EapolKey& key, const MacAddr& client);
    void check_wps(const Packet& p, const Frame& f);

    AlertTracker& alerts_;
    AlertRef degrade_, reuse_, wps_brute_;
    BoundedTable<MacAddr, ClientNonces> nonces_{kClients}; // per client, as Kismet's device record
    BoundedTable<MacAddr, WpsCount> wps_{kWpsSenders};    // per sender of M3
};

} // namespace airsight::dot11::ids

#endif
