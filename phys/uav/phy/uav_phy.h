// The UAV PHY's packet handler: reads what dot11 and the Bluetooth PHYs
// dissected (the shared 802.11 and BLE advertisement components), and puts
// what a frame says about a drone on its sender's device as a uav.device
// record. It parses no 802.11 or BLE itself.
#ifndef AIRSIGHT_PHYS_UAV_PHY_UAV_PHY_H
#define AIRSIGHT_PHYS_UAV_PHY_UAV_PHY_H

#include "phy/uav_device.h"
#include "phy/uav_fields.h"
#include "phy/uav_match.h"
#include "phy/uav_sighting.h"

#include <airsight/devices.h>
#include <airsight/btle_component.h>
#include <airsight/ieee80211_component.h>
#include <airsight/packet.h>

#include <atomic>
#include <cstdint>
#include <memory>

namespace airsight::uav {

/// Frames the PHY read, and the bad input among them (Kismet keeps no such
/// counts; /phy/phyuav/decode_stats serves them).
struct UavCounters {
    std::atomic<std::uint64_t> sightings{0};  // frames that told something about a drone
    std::atomic<std::uint64_t> truncated{0};
    std::atomic<std::uint64_t> impossible{0};
    std::atomic<std::uint64_t> unknown{0};
};

class UavPhy {
public:
    static constexpr std::string_view kPhyName = "UAV";

    /// `frame` and `advertisement`: the shared components, read when a packet has them.
    UavPhy(DeviceTracker& devices, std::shared_ptr<const UavFields> fields, PacketComponent<Ieee80211Frame> frame,
           PacketComponent<BtleAdvertisement> advertisement, UavMatchers matchers);

    /// The TRACK handler.
    void track(const Packet& packet);

    /// The id of the "UAV" PHY (Kismet lists it; its records live on dot11's devices).
    std::uint32_t phy_id() const { return phy_id_; }
    const UavCounters& counters() const { return counters_; }
    const UavMatchers& matchers() const { return matchers_; }
    const UavFields& fields() const { return *fields_; }
    bool is_uav(const Device& d) const { return d.find_component<UavDevice>(fields_->device) != nullptr; }
    Value stats() const;

private:
    /// Counts the sighting and, when it says something, updates the sender's
    /// device; `public_address`: the MAC's OUI may name the maker.
    void record(const Packet& packet, const MacAddr& sender, const UavSighting& s, bool public_address);

    DeviceTracker& devices_;
    std::shared_ptr<const UavFields> fields_;
    PacketComponent<Ieee80211Frame> frame_;
    PacketComponent<BtleAdvertisement> advertisement_;
    UavMatchers matchers_;
    std::uint32_t phy_id_;
    UavCounters counters_;
};

} // namespace airsight::uav

#endif
