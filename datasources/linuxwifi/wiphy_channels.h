// What a radio (an nl80211 wiphy) can tune, as plain data, and the channel
// list Kismet's linuxwifi source offers from it: every enabled 20 MHz
// channel, then its HT40-/HT40+ (where the band's HT capabilities allow 40 MHz
// and regulatory flags do not forbid it), VHT80 and VHT160 forms (where the
// band's VHT capabilities allow them and every 20 MHz channel they cover is
// enabled). Kept apart from netlink so it is tested on constructed data.
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_WIPHY_CHANNELS_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_WIPHY_CHANNELS_H

#include "channel.h"

#include <optional>
#include <string>
#include <vector>

namespace airsight::linuxwifi {

/// One NL80211_BAND_ATTR_FREQS entry.
struct FrequencyInfo {
    unsigned mhz = 0;
    bool disabled = false;
    bool no_ht40_minus = false;
    bool no_ht40_plus = false;
    bool no_80mhz = false;
    bool no_160mhz = false;
};

/// One NL80211_ATTR_WIPHY_BANDS entry.
struct BandInfo {
    int nl_band = 0;         // enum nl80211_band
    bool ht = false;         // NL80211_BAND_ATTR_HT_CAPA present
    bool ht40 = false;       // its "supported channel width set" bit (1)
    bool vht = false;        // NL80211_BAND_ATTR_VHT_CAPA present
    bool vht160 = false;     // its supported-width field (bits 2-3) is 1 or 2
    std::vector<FrequencyInfo> frequencies;
};

struct WiphyInfo {
    int index = -1;
    std::string name;        // "phy0"
    std::vector<BandInfo> bands;
};

/// Which channels a source offers (its ht_channels=, vht_channels= and
/// band24ghz= / band5ghz= / band6ghz= options). No band chosen: all bands.
struct ChannelChoice {
    bool ht = true;
    bool vht = true;
    bool band_2_4 = false;
    bool band_5 = false;
    bool band_6 = false;
    bool allows(ieee80211::Band band) const;
};

/// The channels of `wiphy` in Kismet's names and order (per frequency: the
/// 20 MHz channel, HT40-, HT40+, VHT80, VHT160), restricted by `choice`.
std::vector<std::string> offered_channels(const WiphyInfo& wiphy, const ChannelChoice& choice = {});

/// Why `wiphy` cannot tune to `channel` ("phy0 has no channel 165 (5825
/// MHz)", "phy0 cannot use 40 MHz channels in this band"), or nothing when it can.
std::optional<std::string> why_not_tunable(const WiphyInfo& wiphy, const WifiChannel& channel);

/// The band (2.4, 5 or 6 GHz) a frequency of the wiphy is in, nothing for
/// others (60 GHz, sub-1 GHz).
std::optional<ieee80211::Band> band_of(unsigned mhz);

} // namespace airsight::linuxwifi

#endif
