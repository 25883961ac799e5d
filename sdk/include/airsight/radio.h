// airsight SDK: what a capture header (radiotap, PPI) says about the radio.
#ifndef AIRSIGHT_RADIO_H
#define AIRSIGHT_RADIO_H

#include <cstdint>
#include <optional>

namespace airsight {

/// Radio facts for one received frame. Fields a header did not carry stay empty.
struct RadioInfo {
    std::optional<int> signal_dbm;
    std::optional<int> noise_dbm;
    std::uint32_t freq_khz = 0;       // 0: unknown
    double data_rate_mbps = 0;        // 0: unknown
    bool fcs_present = false;         // the frame ends in a 4-byte FCS
    bool fcs_bad = false;             // the header flags the FCS as failed
    std::uint16_t channel_flags = 0;  // radiotap channel flags (2.4/5 GHz, OFDM, CCK, ...)
    std::uint64_t encoding_set = 0;   // bits: 1 legacy, 2 HT (11n), 4 VHT (11ac), 8 HE (11ax)
};

/// An IEEE 802.11 channel number for a frequency in MHz (2.4, 5, 6 GHz bands), or 0.
inline int wifi_channel_for_mhz(unsigned mhz)
{
    if (mhz == 2484) return 14;
    if (mhz >= 2412 && mhz <= 2472) return static_cast<int>((mhz - 2407) / 5);
    if (mhz >= 5955 && mhz <= 7115) return static_cast<int>((mhz - 5950) / 5); // 6 GHz
    if (mhz >= 5160 && mhz <= 5885) return static_cast<int>((mhz - 5000) / 5);
    if (mhz >= 4910 && mhz <= 4980) return static_cast<int>((mhz - 4000) / 5);
    return 0;
}

} // namespace airsight

#endif
