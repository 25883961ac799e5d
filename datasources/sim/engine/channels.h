// The simulator's channels: bare numbers, 2.4 GHz (1-14) and 5 GHz, as
// definitions and REST calls give them. Frequencies come from the SDK's one
// table (airsight/ieee80211_channels.h); what is here is the simulator's own.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_CHANNELS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_CHANNELS_H

#include <airsight/ieee80211_channels.h>

#include <cstdint>
#include <initializer_list>

namespace airsight::sim {

/// Centre frequency in MHz of a 2.4 GHz (1-14) or 5 GHz channel; 0 if not one.
constexpr std::uint32_t channel_freq_mhz(int channel) { return ieee80211::channel_mhz(channel); }

constexpr bool is_valid_channel(int channel) { return channel_freq_mhz(channel) != 0; }
constexpr bool is_5ghz(int channel) { return ieee80211::band_of_bare_number(channel) == ieee80211::Band::GHz5; }

/// The centre channel of the 80 MHz block holding a 5 GHz channel, or 0 when
/// the channel is in no 80 MHz block (then the AP runs 20/40 MHz only).
constexpr int vht80_center(int channel)
{
    for (int start : {36, 52, 100, 116, 132, 149})
        if (channel >= start && channel <= start + 12 && (channel - start) % 4 == 0) return start + 6;
    return 0;
}

} // namespace airsight::sim

#endif
