// A watcher of what access points advertise: the dot11 PHY calls it while it
// holds the AP's device locked, before it records a beacon or probe
// response, so the watcher can compare with what the AP said before (and
// keep a few bytes of its own in the AP's Dot11Device). It cannot raise
// alerts there (the tracker is locked): it adds them to the packet's pending
// list (ids/pending_alerts.h), raised in OBSERVE. ids/bss_alerts implements
// it; phy/ knows only this interface, so ids/ stays above phy/.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_ADVERTISEMENT_WATCH_H
#define AIRSIGHT_PHYS_DOT11_PHY_ADVERTISEMENT_WATCH_H

#include "ids/pending_alerts.h"
#include "phy/dot11_device.h"

#include <cstdint>
#include <string_view>

namespace airsight::dot11 {

/// What a watcher compares of one SSID record, before and after a frame.
struct AdvertisedState {
    std::uint8_t channel = 0;      // from the IEs (AdvertisedSsid::ie_channel); 0: none
    std::uint64_t crypt = 0;       // crypt_bitfield
    std::uint32_t beacon_rate = 0; // beacons per second; 0: no interval
    std::uint16_t country = 0;     // the two letters, first in the high byte; 0: none

    static AdvertisedState of(const AdvertisedSsid& a)
    {
        AdvertisedState s;
        s.channel = a.ie_channel;
        s.crypt = a.crypt_bitfield;
        s.beacon_rate = a.beacon_rate;
        if (a.country.size() == 2)
            s.country = static_cast<std::uint16_t>((static_cast<unsigned char>(a.country[0]) << 8) |
                                                   static_cast<unsigned char>(a.country[1]));
        return s;
    }
};

class AdvertisementWatch {
public:
    virtual ~AdvertisementWatch() = default;
    /// A beacon of an infrastructure BSS with timestamp `tsf` (microseconds),
    /// heard at `ts_sec`; `ap`'s bss_timestamp and last_beacon_timestamp are
    /// still the last beacon's.
    virtual void beacon_timestamp(Dot11Device& ap, std::uint64_t tsf, std::uint64_t ts_sec,
                                  PendingAlerts& out) const = 0;
    /// A beacon or probe response with the ESS and IBSS capability bits as given.
    virtual void bss_mode(Dot11Device& ap, bool ess, bool ibss, PendingAlerts& out) const = 0;
    /// One SSID record `before` and `after` the frame updated it; `added`: the
    /// record is new; `ssid` (printable) and `source` are the frame's.
    virtual void advertisement(const AdvertisedState& before, const AdvertisedState& after, bool added, bool beacon,
                               std::string_view ssid, const MacAddr& source, PendingAlerts& out) const = 0;
};

} // namespace airsight::dot11

#endif
