// Channel names (Kismet's forms) and the wiphy -> channel list logic, fed
// from constructed wiphy descriptions (what the nl80211 layer parses the
// kernel's NL80211_ATTR_WIPHY_BANDS into).
#include "../channel.h"
#include "../wiphy_channels.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

using namespace airsight::linuxwifi;
using airsight::ieee80211::Band;

namespace {

bool has(const std::vector<std::string>& list, const std::string& name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

std::string error_of(const std::string& text)
{
    try {
        (void)parse_channel(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

// A 2.4 GHz band of channels 1-13 (14 disabled) and a 5 GHz band of
// 36-64 and 100-144 (52-64 disabled when `dfs_disabled`), as mac80211_hwsim
// and a typical card report them.
WiphyInfo dual_band(bool ht40, bool vht, bool vht160, bool dfs_disabled = false)
{
    WiphyInfo w;
    w.index = 0;
    w.name = "phy0";
    BandInfo b24{.nl_band = 0, .ht = true, .ht40 = ht40, .frequencies = {}};
    for (int ch = 1; ch <= 14; ++ch)
        b24.frequencies.push_back({.mhz = airsight::ieee80211::channel_mhz(Band::GHz2_4, ch), .disabled = ch == 14});
    BandInfo b5{.nl_band = 1, .ht = true, .ht40 = ht40, .vht = vht, .vht160 = vht160, .frequencies = {}};
    for (int ch = 36; ch <= 144; ch += 4) {
        if (ch > 64 && ch < 100) continue;
        b5.frequencies.push_back(
            {.mhz = 5000u + 5u * static_cast<unsigned>(ch), .disabled = dfs_disabled && ch >= 52 && ch <= 64});
    }
    w.bands = {b24, b5};
    return w;
}

} // namespace

TEST_CASE("channel names: Kismet's forms parse to frequency, width and centre")
{
    WifiChannel c = parse_channel("6");
    CHECK(c.band == Band::GHz2_4);
    CHECK(c.number == 6);
    CHECK(c.control_mhz == 2437);
    CHECK(c.width == Width::NoHt20);
    CHECK(c.center_mhz == 2437);

    c = parse_channel("6HT20");
    CHECK(c.width == Width::Ht20);
    CHECK(c.center_mhz == 2437);

    c = parse_channel("6HT40+");
    CHECK(c.width == Width::Ht40Plus);
    CHECK(c.center_mhz == 2447);
    c = parse_channel("6ht40-");
    CHECK(c.width == Width::Ht40Minus);
    CHECK(c.center_mhz == 2427);

    c = parse_channel("36HT40+");
    CHECK(c.center_mhz == 5190);
    c = parse_channel("40HT40-");
    CHECK(c.center_mhz == 5190);

    c = parse_channel("36VHT80");
    CHECK(c.band == Band::GHz5);
    CHECK(c.width == Width::Vht80);
    CHECK(c.center_mhz == 5210); // channel 42
    c = parse_channel("48VHT80");
    CHECK(c.center_mhz == 5210);
    c = parse_channel("116VHT80");
    CHECK(c.center_mhz == 5610); // 122
    c = parse_channel("157VHT80");
    CHECK(c.center_mhz == 5775); // 155
    c = parse_channel("36VHT160");
    CHECK(c.center_mhz == 5250); // 50
    c = parse_channel("128VHT160");
    CHECK(c.center_mhz == 5570); // 114

    c = parse_channel("2412");
    CHECK(c.number == 1);
    CHECK(c.width == Width::NoHt20);
    c = parse_channel("5180HT40+");
    CHECK(c.number == 36);
    CHECK(c.width == Width::Ht40Plus);

    c = parse_channel("5W6e");
    CHECK(c.band == Band::GHz6);
    CHECK(c.control_mhz == 5975);
    CHECK(parse_channel("5-6e") == c);
}

TEST_CASE("channel names: formatting gives Kismet's names back")
{
    for (const char* name : {"1", "6", "14", "36", "165", "6HT20", "6HT40+", "6HT40-", "36HT40+", "40HT40-",
                             "36VHT80", "116VHT80", "100VHT160", "1W6e", "233W6e"})
        CHECK(channel_name(parse_channel(name)) == name);
    CHECK(channel_name(parse_channel("2437")) == "6");
    CHECK(channel_name(parse_channel("6ht40+")) == "6HT40+");
}

TEST_CASE("channel names: what is no channel, or no channel of that width, is refused with the reason")
{
    CHECK(error_of("15").find("not an 802.11 channel") != std::string::npos);
    CHECK(error_of("").find("not an 802.11 channel") != std::string::npos);
    CHECK(error_of("abc").find("not an 802.11 channel") != std::string::npos);
    CHECK(error_of("2413").find("not the centre frequency") != std::string::npos);
    CHECK(error_of("6HT30").find("unknown width") != std::string::npos);
    CHECK(error_of("6VHT80").find("only in the 5 GHz band") != std::string::npos);
    CHECK(error_of("11HT40+").find("no secondary channel above") != std::string::npos);
    CHECK(error_of("3HT40-").find("no secondary channel below") != std::string::npos);
    CHECK(error_of("14HT40-").find("20 MHz only") != std::string::npos);
    CHECK(error_of("36HT40-").find("use 36HT40+") != std::string::npos);
    CHECK(error_of("40HT40+").find("use 40HT40-") != std::string::npos);
    CHECK(error_of("140VHT160").find("160 MHz block") != std::string::npos);
    CHECK(error_of("2W6e") == ""); // 6 GHz channel 2 exists
    CHECK(error_of("4W6e").find("not a 6 GHz channel") != std::string::npos);
    CHECK(error_of("5HT40+W6e") != "");
}

TEST_CASE("wiphy channels: every enabled channel, with HT40 and VHT forms the band allows")
{
    const auto list = offered_channels(dual_band(true, true, false));
    CHECK(list.front() == "1");
    CHECK(has(list, "13"));
    CHECK_FALSE(has(list, "14")); // disabled
    CHECK(has(list, "1HT40+"));
    CHECK_FALSE(has(list, "1HT40-"));
    CHECK(has(list, "6HT40-"));
    CHECK(has(list, "6HT40+"));
    CHECK(has(list, "9HT40+"));
    CHECK_FALSE(has(list, "10HT40+")); // its secondary, 14, is not a 40 MHz partner
    CHECK(has(list, "36HT40+"));
    CHECK_FALSE(has(list, "36HT40-"));
    CHECK(has(list, "36VHT80"));
    CHECK(has(list, "140HT40+"));
    CHECK(has(list, "144HT40-"));
    CHECK(has(list, "132VHT80"));
    CHECK_FALSE(has(list, "36VHT160")); // no 160 MHz capability
    CHECK_FALSE(has(list, "6VHT80"));
    // Kismet's order: a channel's 20 MHz form, then HT40-, HT40+, VHT80.
    const auto six = std::find(list.begin(), list.end(), "6");
    REQUIRE(six + 3 <= list.end());
    CHECK(*(six + 1) == "6HT40-");
    CHECK(*(six + 2) == "6HT40+");
    CHECK(*(six + 3) == "7");
}

TEST_CASE("wiphy channels: without 40 MHz or VHT capability, only 20 MHz channels")
{
    const auto list = offered_channels(dual_band(false, false, false));
    CHECK(list.size() == 13 + 8 + 12);
    for (const auto& c : list) CHECK(c.find("HT") == std::string::npos);
}

TEST_CASE("wiphy channels: 160 MHz where the capability says so and every covered channel is enabled")
{
    auto list = offered_channels(dual_band(true, true, true));
    CHECK(has(list, "36VHT160"));
    CHECK(has(list, "64VHT160"));
    CHECK(has(list, "100VHT160"));
    CHECK_FALSE(has(list, "132VHT160")); // 132-160 is no 160 MHz block

    list = offered_channels(dual_band(true, true, true, /*dfs_disabled=*/true));
    CHECK_FALSE(has(list, "52"));
    CHECK_FALSE(has(list, "36VHT160")); // covers 52-64
    CHECK(has(list, "36VHT80"));
    CHECK_FALSE(has(list, "52VHT80"));
    CHECK(has(list, "100VHT160"));
}

TEST_CASE("wiphy channels: regulatory no-HT40 and no-80 MHz flags remove those forms")
{
    WiphyInfo w = dual_band(true, true, false);
    for (auto& b : w.bands)
        for (auto& f : b.frequencies) {
            if (f.mhz == 2437) f.no_ht40_plus = true;
            if (f.mhz == 5180) f.no_80mhz = true;
        }
    const auto list = offered_channels(w);
    CHECK(has(list, "6HT40-"));
    CHECK_FALSE(has(list, "6HT40+"));
    CHECK_FALSE(has(list, "36VHT80"));
    CHECK(has(list, "40VHT80"));
    REQUIRE(why_not_tunable(w, parse_channel("6HT40+")));
    CHECK(why_not_tunable(w, parse_channel("6HT40+"))->find("regulatory") != std::string::npos);
}

TEST_CASE("wiphy channels: ht_channels=false, vht_channels=false and band choices restrict the list")
{
    const WiphyInfo w = dual_band(true, true, true);
    ChannelChoice plain;
    plain.ht = false;
    plain.vht = false;
    auto list = offered_channels(w, plain);
    CHECK(list.size() == 13 + 8 + 12);

    ChannelChoice no_vht;
    no_vht.vht = false;
    list = offered_channels(w, no_vht);
    CHECK(has(list, "36HT40+"));
    CHECK_FALSE(has(list, "36VHT80"));

    ChannelChoice only5;
    only5.band_5 = true;
    list = offered_channels(w, only5);
    CHECK(list.front() == "36");
    CHECK_FALSE(has(list, "6"));

    ChannelChoice only24;
    only24.band_2_4 = true;
    list = offered_channels(w, only24);
    CHECK(has(list, "6"));
    CHECK_FALSE(has(list, "36"));
    CHECK(only24.allows(Band::GHz2_4));
    CHECK_FALSE(only24.allows(Band::GHz5));
    CHECK(ChannelChoice{}.allows(Band::GHz6));
}

TEST_CASE("wiphy channels: why a channel cannot be tuned")
{
    const WiphyInfo w = dual_band(true, false, false, true);
    CHECK_FALSE(why_not_tunable(w, parse_channel("6")));
    CHECK_FALSE(why_not_tunable(w, parse_channel("6HT40+")));
    CHECK(why_not_tunable(w, parse_channel("165")).value_or("").find("phy0 has no channel 165 (5825 MHz)") == 0);
    CHECK(why_not_tunable(w, parse_channel("14")).value_or("").find("disabled") != std::string::npos);
    CHECK(why_not_tunable(w, parse_channel("36VHT80")).value_or("").find("no 80 MHz (VHT) support") != std::string::npos);
    CHECK(why_not_tunable(w, parse_channel("44HT40+")) == std::nullopt);
    CHECK(why_not_tunable(w, parse_channel("48HT40-")) == std::nullopt);
    // 64HT40- needs 60; both are disabled in this phy
    CHECK(why_not_tunable(w, parse_channel("64HT40-")).value_or("").find("disabled") != std::string::npos);

    WiphyInfo no_ht = dual_band(false, false, false);
    no_ht.bands[0].ht = false;
    CHECK(why_not_tunable(no_ht, parse_channel("6HT20")).value_or("").find("no HT") != std::string::npos);
    CHECK(why_not_tunable(no_ht, parse_channel("6HT40+")).value_or("").find("no 40 MHz") != std::string::npos);
}

TEST_CASE("wiphy channels: 6 GHz channels are offered in Kismet's W6e form, 60 GHz is skipped")
{
    WiphyInfo w;
    w.name = "phy1";
    const BandInfo b6{.nl_band = 3, .frequencies = {{.mhz = 5955}, {.mhz = 5975}, {.mhz = 5995, .disabled = true}}};
    const BandInfo b60{.nl_band = 2, .frequencies = {{.mhz = 58320}}};
    w.bands = {b6, b60};
    CHECK(offered_channels(w) == std::vector<std::string>{"1W6e", "5W6e"});
    CHECK_FALSE(why_not_tunable(w, parse_channel("5W6e")));
}
