// Wi-Fi channels as Kismet names them ("6", "6HT20", "6HT40+", "36HT40-",
// "36VHT80", "36VHT160", "1W6e") and what nl80211 needs to tune to them: a
// control frequency, a width and the centre of the whole channel.
//
// The number in a name is always the 20 MHz control channel (Kismet's form:
// "116VHT80" is the 80 MHz block 116-128 heard from 116); a number of 2400 or
// more is a frequency ("2437", "5180HT40+").
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_CHANNEL_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_CHANNEL_H

#include <airsight/ieee80211_channels.h>

#include <string>
#include <string_view>
#include <vector>

namespace airsight::linuxwifi {

enum class Width : unsigned char { NoHt20, Ht20, Ht40Plus, Ht40Minus, Vht80, Vht160 };

struct WifiChannel {
    ieee80211::Band band = ieee80211::Band::GHz2_4;
    int number = 0;           // the control channel
    unsigned control_mhz = 0; // its centre
    Width width = Width::NoHt20;
    unsigned center_mhz = 0;  // centre of the whole channel (control_mhz at 20 MHz)
    friend bool operator==(const WifiChannel&, const WifiChannel&) = default;
};

/// The channel a name means. Throws std::invalid_argument naming what is
/// wrong ("'15' is not an 802.11 channel", "'6VHT80': 80 and 160 MHz
/// channels exist only in the 5 GHz band", "'40HT40+': ...").
WifiChannel parse_channel(std::string_view text);

/// Kismet's name of a channel ("6", "36HT40+", "36VHT80", "1W6e").
std::string channel_name(const WifiChannel& channel);

/// 20, 40, 80 or 160.
unsigned width_mhz(Width width);

/// The 20 MHz channels a channel covers, lowest first (control included).
std::vector<unsigned> covered_mhz(const WifiChannel& channel);

} // namespace airsight::linuxwifi

#endif
