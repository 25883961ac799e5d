// PPI (Per-Packet Information, CACE) capture headers carrying 802.11.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_PPI_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_PPI_H

#include "decap.h"

namespace airsight::dot11 {

/// Parses a PPI header. A malformed fixed header (version, length) is an
/// error; a sound one whose inner DLT is not 105 gives not_80211 with the
/// reason "PPI carries DLT N, not 802.11". Reads the 802.11-common field
/// (type 2) for TSF, rate, channel, signal, noise and FCS flags.
Decapped parse_ppi(Bytes record);

} // namespace airsight::dot11

#endif
