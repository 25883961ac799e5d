// Capture headers: turns one captured record (by its DLT) into radio facts and
// the bare 802.11 frame. Pure functions over the caller's bytes; nothing is
// copied except the error text of a malformed record.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_DECAP_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_DECAP_H

#include "cursor.h"

#include <airsight/radio.h>

#include <cstdint>
#include <optional>
#include <string>

namespace airsight::dot11 {

// Link types this library understands (pcap LINKTYPE_ values).
inline constexpr int dlt_ieee802_11 = 105;
inline constexpr int dlt_radiotap = 127;
inline constexpr int dlt_ppi = 192;

/// Capture-header facts that RadioInfo has no slot for.
struct CaptureExtras {
    std::optional<std::uint64_t> tsft;      // MAC timestamp of the first bit, microseconds
    std::optional<std::uint8_t> antenna;
    std::optional<std::uint8_t> mcs_index;  // HT MCS (radiotap MCS field)
    std::optional<std::uint32_t> ampdu_reference;
    std::uint8_t radiotap_flags = 0;        // raw radiotap Flags field, 0 if absent
    bool header_padded = false;             // 802.11 header padded to 32 bits (radiotap flag 0x20)
};

struct Decapped {
    RadioInfo radio;
    CaptureExtras extras;
    Bytes frame;        // the 802.11 frame, without FCS
    bool ok = false;
    /// With !ok: the record is well formed but carries something other than
    /// 802.11 (a PPI header around Bluetooth, a foreign DLT). That is not an
    /// error, the record is simply not ours: another PHY may claim it.
    bool not_80211 = false;
    std::string error;  // set when !ok: what is malformed, or (not_80211) what the record carries
};

/// Decapsulates one record of link type `dlt` (105, 127 or 192; others are not_80211).
Decapped decap(int dlt, Bytes record);

} // namespace airsight::dot11

#endif
