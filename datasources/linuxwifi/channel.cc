#include "channel.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace airsight::linuxwifi {

namespace {

using ieee80211::Band;

[[noreturn]] void bad(std::string_view text, std::string_view why)
{
    throw std::invalid_argument("'" + std::string(text) + "' " + std::string(why));
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The first 20 MHz channel of the 5 GHz block of `block_channels` 20 MHz
// channels holding `ch`, or 0 when none does. Blocks are aligned on 36 below
// 149 and on 149 above (IEEE 802.11-2020 Annex E, as regulators use it);
// 144 ends the last block below 149.
int block_start_5ghz(int ch, int block_channels)
{
    const int base = ch >= 149 ? 149 : 36;
    const int last = ch >= 149 ? 177 : 144;
    if (ch < base || ch > last || (ch - base) % 4 != 0) return 0;
    const int start = base + ((ch - base) / 4 / block_channels) * block_channels * 4;
    const int end = start + (block_channels - 1) * 4;
    if (end > last) return 0;
    // 160 MHz below 149: 36-64 and 100-128 only (68-96 is not a 5 GHz block).
    if (block_channels == 8 && base == 36 && start != 36 && start != 100) return 0;
    if (block_channels == 4 && base == 36 && start == 68) return 0;
    if (block_channels == 4 && base == 36 && start == 84) return 0;
    return start;
}

} // namespace

unsigned width_mhz(Width width)
{
    switch (width) {
    case Width::NoHt20:
    case Width::Ht20: return 20;
    case Width::Ht40Plus:
    case Width::Ht40Minus: return 40;
    case Width::Vht80: return 80;
    case Width::Vht160: return 160;
    }
    return 20;
}

WifiChannel parse_channel(std::string_view text)
{
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    int n = 0;
    if (digits == 0 || std::from_chars(text.data(), text.data() + digits, n).ec != std::errc())
        bad(text, "is not an 802.11 channel (a number or frequency, then HT20, HT40+, HT40-, VHT80, VHT160 or W6e)");
    const std::string_view suffix = text.substr(digits);

    WifiChannel c;
    if (iequals(suffix, "W6e") || iequals(suffix, "-6e")) {
        if (n >= 2400) bad(text, "names a frequency; W6e takes a 6 GHz channel number");
        c.band = Band::GHz6;
        c.number = n;
        c.control_mhz = ieee80211::channel_mhz(Band::GHz6, n);
        if (c.control_mhz == 0) bad(text, "is not a 6 GHz channel (1-233 odd, or 2)");
    } else if (n >= 2400) {
        const auto ch = ieee80211::channel_of_mhz(static_cast<unsigned>(n));
        if (!ch || ieee80211::channel_mhz(ch->band, ch->number) != static_cast<unsigned>(n))
            bad(text, "is not the centre frequency of an 802.11 channel");
        c.band = ch->band;
        c.number = ch->number;
        c.control_mhz = static_cast<unsigned>(n);
    } else {
        c.band = ieee80211::band_of_bare_number(n);
        c.number = n;
        c.control_mhz = ieee80211::channel_mhz(n);
        if (c.control_mhz == 0) bad(text, "is not an 802.11 channel (2.4 GHz: 1-14, 5 GHz: 32-177)");
    }
    c.center_mhz = c.control_mhz;

    if (c.band == Band::GHz6 && !suffix.empty() && !iequals(suffix, "W6e") && !iequals(suffix, "-6e"))
        bad(text, "is a 6 GHz channel; only its 20 MHz form (W6e) is supported");
    if (suffix.empty() || iequals(suffix, "W6e") || iequals(suffix, "-6e")) {
        c.width = Width::NoHt20;
    } else if (iequals(suffix, "HT20")) {
        c.width = Width::Ht20;
    } else if (iequals(suffix, "HT40+") || iequals(suffix, "HT40-")) {
        const bool plus = suffix.back() == '+';
        c.width = plus ? Width::Ht40Plus : Width::Ht40Minus;
        if (c.band == Band::GHz2_4) {
            if (c.number == 14) bad(text, "cannot be 40 MHz wide: channel 14 is 20 MHz only");
            if (plus ? c.number + 4 > 13 : c.number - 4 < 1)
                bad(text, std::string("has no secondary channel ") + (plus ? "above" : "below") + " (2.4 GHz HT40 needs " +
                              (plus ? "channel + 4 <= 13" : "channel - 4 >= 1") + ")");
        } else {
            const int start = block_start_5ghz(c.number, 2);
            if (start == 0) bad(text, "is not in a 5 GHz 40 MHz channel pair");
            if (plus != (start == c.number))
                bad(text, "is the wrong side of its 40 MHz pair: use " + std::to_string(c.number) +
                              (plus ? "HT40-" : "HT40+"));
        }
        c.center_mhz = plus ? c.control_mhz + 10 : c.control_mhz - 10;
    } else if (iequals(suffix, "VHT80") || iequals(suffix, "VHT160")) {
        const bool wide = suffix.size() == 6;
        c.width = wide ? Width::Vht160 : Width::Vht80;
        if (c.band != Band::GHz5) bad(text, "is not possible: 80 and 160 MHz channels exist only in the 5 GHz band");
        const int blocks = wide ? 8 : 4;
        const int start = block_start_5ghz(c.number, blocks);
        if (start == 0) bad(text, std::string("is not in a 5 GHz ") + (wide ? "160" : "80") + " MHz block");
        c.center_mhz = ieee80211::channel_mhz(Band::GHz5, start) + (width_mhz(c.width) - 20) / 2;
    } else {
        bad(text, "has an unknown width '" + std::string(suffix) + "' (HT20, HT40+, HT40-, VHT80, VHT160, W6e)");
    }
    return c;
}

std::string channel_name(const WifiChannel& c)
{
    std::string name = std::to_string(c.number);
    if (c.band == Band::GHz6) return name + "W6e";
    switch (c.width) {
    case Width::NoHt20: break;
    case Width::Ht20: name += "HT20"; break;
    case Width::Ht40Plus: name += "HT40+"; break;
    case Width::Ht40Minus: name += "HT40-"; break;
    case Width::Vht80: name += "VHT80"; break;
    case Width::Vht160: name += "VHT160"; break;
    }
    return name;
}

std::vector<unsigned> covered_mhz(const WifiChannel& c)
{
    const unsigned width = width_mhz(c.width);
    std::vector<unsigned> out;
    for (unsigned f = c.center_mhz - (width - 20) / 2; f <= c.center_mhz + (width - 20) / 2; f += 20) out.push_back(f);
    return out;
}

} // namespace airsight::linuxwifi
