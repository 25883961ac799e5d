// Kismet's device classification (phy_80211.cc, packet_dot11_common_classifier):
// kismet.device.base.type and basic_type_set follow the roles a device plays
// in frames, not its dot11.device.typeset. Each rule below names Kismet's
// helper it mirrors, so the rules in Dot11Phy read like Kismet's classifier.
//
// Which addresses become devices, and what a frame counts for each, follow
// Kismet too:
//  - never a broadcast, multicast or zero address;
//  - a BSSID any management or data frame names is a device, but counts the
//    frame only when it sent it: merely named (a probe request's BSSID, the
//    IBSS of two peers' data, a NAN cluster's beacons) it is kept alive and
//    counts nothing (DEVICE_NAMED);
//  - null and QoS-null frames create no device (Kismet: they are often
//    corrupt): they update only known devices (DEVICE_EXISTING_ONLY), and
//    make their sender a client, as only a radio sends them;
//  - WDS (4-address) data: the ends, SA and DA, are WDS peers ("Wi-Fi WDS");
//    the radios, TA and RA, when not the ends themselves, relay: WDS APs
//    ("Wi-Fi WDS AP"). A source behind a relay (WDS SA, or the SA of from-DS
//    data) counts as the sender, without the relay's signal (DEVICE_RELAYED).
// Departures, where tshark's addresses say otherwise:
//  - a BSSID that is the frame's receiver (wlan.ra: authentication or
//    association to the AP, to-DS data, ad-hoc data to the peer whose address
//    is the BSSID), and the RA of WDS data, count it as received; Kismet
//    counts nothing for them only because its destination is the DA and its
//    destination rule skips the BSSID;
//  - an AP (wlan.ta) relaying from-DS data from a host behind it counts as
//    its sender; Kismet counts a BSSID only when it is the SA;
//  - a WDS end becomes "Wi-Fi WDS" with its first frame: Kismet tests the
//    peer bit before setting it, so only from the second (same end state).
#ifndef AIRSIGHT_PHYS_DOT11_PHY_KISMET_TYPE_H
#define AIRSIGHT_PHYS_DOT11_PHY_KISMET_TYPE_H

#include <airsight/devices.h>

#include <cstdint>
#include <string_view>

namespace airsight::dot11 {

/// kismet.device.base.basic_type_set bits (KIS_DEVICE_BASICTYPE_*).
namespace basic_type {
inline constexpr std::uint64_t device = 0, ap = 1, client = 2, wired = 4, peer = 8;
}

/// Kismet's type strings (phy_80211.cc devtype_*).
namespace type_name {
inline constexpr std::string_view ap = "Wi-Fi AP", client = "Wi-Fi Client", adhoc = "Wi-Fi Ad-Hoc",
                                  bridged = "Wi-Fi Bridged", device = "Wi-Fi Device",
                                  inferred = "Wi-Fi Device (Inferred)", wds = "Wi-Fi WDS", wds_ap = "Wi-Fi WDS AP";
}

/// The type a device gets when a frame creates it (update_common_device's
/// in_basic_type): "Wi-Fi Device", or "Wi-Fi Device (Inferred)" for one seen
/// only as a destination. Later rules refine it.
inline void set_initial_type(Device& d, std::string_view type)
{
    if (d.type.empty()) d.type.assign(type);
}

/// set_type_string_ifnotany: unless the device has any of `bits`.
inline void type_unless_any(Device& d, std::string_view type, std::uint64_t bits)
{
    if (!(d.basic_type_set & bits)) d.type.assign(type);
}

/// set_type_string_ifnot: unless the device has all of `bits`.
inline void type_unless_all(Device& d, std::string_view type, std::uint64_t bits)
{
    if ((d.basic_type_set & bits) != bits) d.type.assign(type);
}

/// set_type_string_ifonly: when the device has exactly `bits`.
inline void type_if_only(Device& d, std::string_view type, std::uint64_t bits)
{
    if (d.basic_type_set == bits) d.type.assign(type);
}

} // namespace airsight::dot11

#endif
