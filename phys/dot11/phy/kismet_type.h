// Kismet's device classification (phy_80211.cc): kismet.device.base.type and
// basic_type_set follow the roles a device plays in frames, not its
// dot11.device.typeset. Each rule below names Kismet's helper it mirrors, so
// the rules in Dot11Phy read like Kismet's classifier.
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
