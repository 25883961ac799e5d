// airsight SDK: IEEE 802.11 channel numbers and centre frequencies, the one
// table every plugin converts with (a capture header's frequency to the
// channel Kismet shows, a simulated radio's channel to its frequency).
//
// A channel number alone is ambiguous once 6 GHz is in play (6 GHz channel 1
// is not 2.4 GHz channel 1), so conversions take or return the band.
// Channel strings without a band ("6", "36"), as Kismet's definitions and
// REST calls give them, mean 2.4 GHz for 1-14 and 5 GHz otherwise.
#ifndef AIRSIGHT_IEEE80211_CHANNELS_H
#define AIRSIGHT_IEEE80211_CHANNELS_H

#include <optional>

namespace airsight::ieee80211 {

enum class Band : unsigned char { GHz2_4, GHz5, GHz6 };

struct Channel {
    Band band;
    int number;
    friend constexpr bool operator==(const Channel&, const Channel&) = default;
};

/// Centre frequency in MHz of a 20 MHz channel of `band`, or 0 when the band
/// has no such channel:
/// - 2.4 GHz: 1-13 at 2407 + 5 * ch, 14 at 2484;
/// - 5 GHz: 32-144 in steps of 4 and 149-177 in steps of 4, at 5000 + 5 * ch;
///   the 4.9 GHz public-safety channels 182-196 at 4000 + 5 * ch;
/// - 6 GHz: the odd numbers 1-233 at 5950 + 5 * ch (20 MHz channels, and the
///   centres of wider ones), and channel 2 at 5935 (IEEE 802.11ax-2021, 27.3.23.2).
constexpr unsigned channel_mhz(Band band, int ch)
{
    switch (band) {
    case Band::GHz2_4:
        if (ch >= 1 && ch <= 13) return 2407 + 5 * static_cast<unsigned>(ch);
        return ch == 14 ? 2484 : 0;
    case Band::GHz5:
        if ((ch >= 32 && ch <= 144 && ch % 4 == 0) || (ch >= 149 && ch <= 177 && (ch - 149) % 4 == 0))
            return 5000 + 5 * static_cast<unsigned>(ch);
        if (ch >= 182 && ch <= 196) return 4000 + 5 * static_cast<unsigned>(ch);
        return 0;
    case Band::GHz6:
        if (ch == 2) return 5935;
        if (ch >= 1 && ch <= 233 && ch % 2 == 1) return 5950 + 5 * static_cast<unsigned>(ch);
        return 0;
    }
    return 0;
}

/// The band a channel number without one means: 2.4 GHz for 1-14, 5 GHz otherwise.
constexpr Band band_of_bare_number(int ch) { return ch >= 1 && ch <= 14 ? Band::GHz2_4 : Band::GHz5; }

/// Centre frequency in MHz of a channel number given without a band (see
/// band_of_bare_number), or 0 when it is none.
constexpr unsigned channel_mhz(int ch) { return channel_mhz(band_of_bare_number(ch), ch); }

/// The channel a centre frequency in MHz belongs to, or nothing when the
/// frequency is off every band's 5 MHz grid. Frequencies of wider channels'
/// centres (5 GHz 38, 42, ...) give their numbers too, as Kismet shows them.
constexpr std::optional<Channel> channel_of_mhz(unsigned mhz)
{
    if (mhz == 2484) return Channel{Band::GHz2_4, 14};
    if (mhz >= 2412 && mhz <= 2472 && (mhz - 2407) % 5 == 0) return Channel{Band::GHz2_4, static_cast<int>((mhz - 2407) / 5)};
    if (mhz == 5935) return Channel{Band::GHz6, 2};
    if (mhz >= 5955 && mhz <= 7115 && (mhz - 5950) % 10 == 5) return Channel{Band::GHz6, static_cast<int>((mhz - 5950) / 5)};
    if (mhz >= 5160 && mhz <= 5885 && mhz % 5 == 0) return Channel{Band::GHz5, static_cast<int>((mhz - 5000) / 5)};
    if (mhz >= 4910 && mhz <= 4980 && mhz % 5 == 0) return Channel{Band::GHz5, static_cast<int>((mhz - 4000) / 5)};
    return std::nullopt;
}

/// Just the number of channel_of_mhz, 0 when none (Kismet then shows the frequency).
constexpr int channel_number_of_mhz(unsigned mhz)
{
    const auto c = channel_of_mhz(mhz);
    return c ? c->number : 0;
}

} // namespace airsight::ieee80211

#endif
