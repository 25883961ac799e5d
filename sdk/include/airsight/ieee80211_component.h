// airsight SDK: the 802.11 facts a Wi-Fi PHY shares with other plugins.
//
// A plugin cannot see another plugin's private types, so a PHY that dissects
// 802.11 (dot11) fills this small packet component in DISSECT for the frames
// other plugins read by content: beacons, probe responses and action frames.
// Any plugin registers the same name and type and reads it from TRACK on:
//
//   auto key = host.register_packet_component<Ieee80211Frame>(
//       std::string(Ieee80211Frame::kComponentName));
//   if (const Ieee80211Frame* f = key.find(packet)) { ... }
//
// Every span points into the packet's bytes: valid while the packet runs.
// The packet's phy_id is the PHY that filled it (the device of `transmitter`
// lives under that PHY).
#ifndef AIRSIGHT_IEEE80211_COMPONENT_H
#define AIRSIGHT_IEEE80211_COMPONENT_H

#include <airsight/mac.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace airsight {

enum class Ieee80211FrameKind : std::uint8_t { beacon, probe_response, action };

/// One vendor-specific IE (221): OUI as a 24-bit number (FA:0B:BC is
/// 0xfa0bbc), the byte after it, and the bytes after that.
struct Ieee80211VendorIe {
    std::uint32_t oui = 0;
    std::uint8_t type = 0;
    std::span<const std::uint8_t> payload; // after OUI and type
};

struct Ieee80211Frame {
    static constexpr std::string_view kComponentName = "ieee80211.frame";
    static constexpr std::size_t kMaxVendorIes = 16;

    Ieee80211FrameKind kind = Ieee80211FrameKind::beacon;
    MacAddr transmitter; // addr2
    MacAddr bssid;
    /// Beacons and probe responses: the SSID IE's bytes (empty when none).
    std::span<const std::uint8_t> ssid;
    /// Beacons and probe responses: the vendor IEs, in frame order (at most
    /// kMaxVendorIes; `vendor_ies_dropped` counts the rest).
    std::array<Ieee80211VendorIe, kMaxVendorIes> vendor_ie_storage{};
    std::uint8_t vendor_ie_count = 0;
    std::uint8_t vendor_ies_dropped = 0;
    /// Action frames: the category, the action code and the body after them
    /// (a public action, category 4, with code 9 is vendor specific: OUI,
    /// type, payload).
    std::uint8_t action_category = 0;
    std::uint8_t action_code = 0;
    std::span<const std::uint8_t> action_body;

    std::span<const Ieee80211VendorIe> vendor_ies() const { return {vendor_ie_storage.data(), vendor_ie_count}; }

    /// Per packet: forget the previous frame's lists (the storage is reused).
    void reset()
    {
        kind = Ieee80211FrameKind::beacon;
        transmitter = bssid = MacAddr{};
        ssid = {};
        vendor_ie_count = vendor_ies_dropped = 0;
        action_category = action_code = 0;
        action_body = {};
    }
};

} // namespace airsight

#endif
