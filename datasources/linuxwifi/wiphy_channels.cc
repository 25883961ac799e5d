#include "wiphy_channels.h"

#include <stdexcept>

namespace airsight::linuxwifi {

namespace {

using ieee80211::Band;

struct Found {
    const BandInfo* band = nullptr;
    const FrequencyInfo* frequency = nullptr;
};

Found find(const WiphyInfo& wiphy, unsigned mhz)
{
    for (const BandInfo& b : wiphy.bands)
        for (const FrequencyInfo& f : b.frequencies)
            if (f.mhz == mhz) return {&b, &f};
    return {};
}

bool enabled(const WiphyInfo& wiphy, unsigned mhz)
{
    const Found f = find(wiphy, mhz);
    return f.frequency != nullptr && !f.frequency->disabled;
}

std::string mhz_text(unsigned mhz) { return std::to_string(mhz) + " MHz"; }

} // namespace

bool ChannelChoice::allows(Band band) const
{
    if (!band_2_4 && !band_5 && !band_6) return true;
    switch (band) {
    case Band::GHz2_4: return band_2_4;
    case Band::GHz5: return band_5;
    case Band::GHz6: return band_6;
    }
    return false;
}

std::optional<Band> band_of(unsigned mhz)
{
    const auto ch = ieee80211::channel_of_mhz(mhz);
    if (!ch || ieee80211::channel_mhz(ch->band, ch->number) != mhz) return std::nullopt;
    return ch->band;
}

std::optional<std::string> why_not_tunable(const WiphyInfo& wiphy, const WifiChannel& channel)
{
    const std::string name = channel_name(channel);
    const Found control = find(wiphy, channel.control_mhz);
    if (control.frequency == nullptr)
        return wiphy.name + " has no channel " + name + " (" + mhz_text(channel.control_mhz) + ")";
    if (control.frequency->disabled)
        return wiphy.name + " has channel " + std::to_string(channel.number) + " (" + mhz_text(channel.control_mhz) +
               ") disabled (regulatory domain or hardware)";
    const BandInfo& band = *control.band;
    switch (channel.width) {
    case Width::NoHt20: return std::nullopt;
    case Width::Ht20:
        if (!band.ht) return wiphy.name + " cannot tune " + name + ": the band has no HT (802.11n) support";
        return std::nullopt;
    case Width::Ht40Plus:
    case Width::Ht40Minus: {
        if (!band.ht40) return wiphy.name + " cannot tune " + name + ": it has no 40 MHz (HT40) support in this band";
        const bool plus = channel.width == Width::Ht40Plus;
        if (plus ? control.frequency->no_ht40_plus : control.frequency->no_ht40_minus)
            return wiphy.name + " cannot tune " + name + ": the regulatory domain forbids it (no HT40" +
                   (plus ? "+" : "-") + " on " + mhz_text(channel.control_mhz) + ")";
        break;
    }
    case Width::Vht80:
        if (!band.vht) return wiphy.name + " cannot tune " + name + ": it has no 80 MHz (VHT) support in this band";
        if (control.frequency->no_80mhz) return wiphy.name + " cannot tune " + name + ": the regulatory domain forbids 80 MHz here";
        break;
    case Width::Vht160:
        if (!band.vht160) return wiphy.name + " cannot tune " + name + ": it has no 160 MHz support in this band";
        if (control.frequency->no_160mhz) return wiphy.name + " cannot tune " + name + ": the regulatory domain forbids 160 MHz here";
        break;
    }
    for (unsigned mhz : covered_mhz(channel))
        if (!enabled(wiphy, mhz))
            return wiphy.name + " cannot tune " + name + ": it covers " + mhz_text(mhz) + ", which the phy lacks or has disabled";
    return std::nullopt;
}

std::vector<std::string> offered_channels(const WiphyInfo& wiphy, const ChannelChoice& choice)
{
    std::vector<std::string> out;
    auto offer = [&](const std::string& name) {
        try {
            const WifiChannel c = parse_channel(name);
            if (!why_not_tunable(wiphy, c)) out.push_back(name);
        } catch (const std::invalid_argument&) {
            // Not a channel of this width (2.4 GHz channel 12 has no HT40+): not offered.
        }
    };
    for (const BandInfo& b : wiphy.bands) {
        for (const FrequencyInfo& f : b.frequencies) {
            const auto band = band_of(f.mhz);
            if (!band || f.disabled || !choice.allows(*band)) continue;
            const auto ch = ieee80211::channel_of_mhz(f.mhz);
            const std::string number = std::to_string(ch->number);
            if (*band == Band::GHz6) {
                out.push_back(number + "W6e");
                continue;
            }
            out.push_back(number);
            if (choice.ht && b.ht40) {
                offer(number + "HT40-");
                offer(number + "HT40+");
            }
            if (choice.vht && *band == Band::GHz5) {
                if (b.vht) offer(number + "VHT80");
                if (b.vht160) offer(number + "VHT160");
            }
        }
    }
    return out;
}

} // namespace airsight::linuxwifi
