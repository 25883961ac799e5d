// Channel numbers and centre frequencies of the bands the simulator uses.
#ifndef AIRSIGHT_SIM_CHANNELS_H
#define AIRSIGHT_SIM_CHANNELS_H

#include <cstdint>
#include <initializer_list>

namespace airsight::sim {

/// A 20 MHz channel of the 5 GHz band: 32-64 and 100-144 in steps of 4, 149-177 likewise.
constexpr bool is_5ghz_channel(int channel)
{
    if ((channel >= 32 && channel <= 64) || (channel >= 100 && channel <= 144)) return channel % 4 == 0;
    return channel >= 149 && channel <= 177 && (channel - 149) % 4 == 0;
}

/// Centre frequency in MHz of a 2.4 GHz (1-14) or 5 GHz channel; 0 if not one.
constexpr std::uint32_t channel_freq_mhz(int channel)
{
    if (channel >= 1 && channel <= 13) return 2407 + 5 * static_cast<std::uint32_t>(channel);
    if (channel == 14) return 2484;
    if (is_5ghz_channel(channel)) return 5000 + 5 * static_cast<std::uint32_t>(channel);
    return 0;
}

constexpr bool is_valid_channel(int channel) { return channel_freq_mhz(channel) != 0; }
constexpr bool is_5ghz(int channel) { return channel >= 32; }

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
