// Internal: the per-family IE appliers parse_ies dispatches to.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_IE_PARTS_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_IE_PARTS_H

#include "ie.h"

#include <string_view>

namespace airsight::dot11 {

// Each returns why Kismet's own parser would reject the IE, or "" when it would not.

/// Vendor IEs (221 and Cisco 150): records OUI/type, parses WPA, WMM, WPS and OWE transition.
std::string_view apply_vendor_ie(std::uint8_t element_id, Bytes data, Ies& out);

/// HT/VHT/HE IEs; other IDs are ignored.
std::string_view apply_phy_ie(const InformationElement& ie, Ies& out);

} // namespace airsight::dot11

#endif
