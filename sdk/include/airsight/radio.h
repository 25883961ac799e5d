// airsight SDK: what a capture header (radiotap, PPI) says about the radio.
#ifndef AIRSIGHT_RADIO_H
#define AIRSIGHT_RADIO_H

#include <airsight/ieee80211_channels.h>

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

/// An IEEE 802.11 channel number for a frequency in MHz (2.4, 5, 6 GHz bands),
/// or 0: the number of ieee80211::channel_of_mhz, which says the band too.
inline int wifi_channel_for_mhz(unsigned mhz) { return ieee80211::channel_number_of_mhz(mhz); }

} // namespace airsight

#endif
