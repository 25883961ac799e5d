// Radiotap capture headers (https://www.radiotap.org): extended presence
// bitmaps, namespaces, per-field alignment, FCS handling.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_RADIOTAP_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_RADIOTAP_H

#include "decap.h"

namespace airsight::dot11 {

/// Parses a radiotap header and returns the 802.11 frame behind it. A field
/// this parser does not know ends field parsing (what was read is kept);
/// anything running past the declared header length is an error.
Decapped parse_radiotap(Bytes record);

} // namespace airsight::dot11

#endif
