// The radiotap header a monitor-mode driver puts before each 802.11 frame.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_RADIOTAP_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_RADIOTAP_H

#include "bytes.h"

#include <cstdint>

namespace airsight::sim {

// Radiotap channel flags.
inline constexpr std::uint16_t kChanCck = 0x0020;
inline constexpr std::uint16_t kChanOfdm = 0x0040;
inline constexpr std::uint16_t kChan2Ghz = 0x0080;
inline constexpr std::uint16_t kChan5Ghz = 0x0100;
// Radiotap flags.
inline constexpr std::uint8_t kFlagFcs = 0x10;

struct RadiotapFields {
    std::uint8_t flags = 0;         // kFlagFcs when the frame ends in its FCS
    std::uint8_t rate_500kbps = 0;  // legacy rate; unused when mcs >= 0
    int mcs = -1;                   // HT MCS index, or -1 for a legacy frame
    std::uint16_t freq_mhz = 0;
    std::uint16_t channel_flags = 0;
    std::int8_t signal_dbm = 0;
    std::int8_t noise_dbm = 0;
};

/// Appends version 0 radiotap with Flags, Rate (legacy frames) or MCS (HT
/// frames, as mac80211 does), Channel, dBm signal and dBm noise, each field
/// at its natural alignment from the start of the header.
void append_radiotap(ByteSink& out, const RadiotapFields& f);

} // namespace airsight::sim

#endif
