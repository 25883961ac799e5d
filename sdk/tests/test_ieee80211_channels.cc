#include <airsight/ieee80211_channels.h>

#include <doctest/doctest.h>

using namespace airsight::ieee80211;

TEST_CASE("2.4 GHz: channels 1-13 every 5 MHz from 2412, channel 14 at 2484")
{
    CHECK(channel_mhz(Band::GHz2_4, 1) == 2412);
    CHECK(channel_mhz(Band::GHz2_4, 6) == 2437);
    CHECK(channel_mhz(Band::GHz2_4, 13) == 2472);
    CHECK(channel_mhz(Band::GHz2_4, 14) == 2484);
    CHECK(channel_mhz(Band::GHz2_4, 0) == 0);
    CHECK(channel_mhz(Band::GHz2_4, 15) == 0);
    CHECK(channel_of_mhz(2437) == Channel{Band::GHz2_4, 6});
    CHECK(channel_of_mhz(2484) == Channel{Band::GHz2_4, 14});
    CHECK_FALSE(channel_of_mhz(2478));
}

TEST_CASE("5 GHz: 20 MHz channels at 5000 + 5 * ch, the 4.9 GHz ones at 4000 + 5 * ch")
{
    CHECK(channel_mhz(Band::GHz5, 36) == 5180);
    CHECK(channel_mhz(Band::GHz5, 64) == 5320);
    CHECK(channel_mhz(Band::GHz5, 100) == 5500);
    CHECK(channel_mhz(Band::GHz5, 144) == 5720);
    CHECK(channel_mhz(Band::GHz5, 149) == 5745);
    CHECK(channel_mhz(Band::GHz5, 165) == 5825);
    CHECK(channel_mhz(Band::GHz5, 177) == 5885);
    CHECK(channel_mhz(Band::GHz5, 184) == 4920);
    CHECK(channel_mhz(Band::GHz5, 37) == 0);  // not on the 20 MHz raster
    CHECK(channel_mhz(Band::GHz5, 150) == 0);
    CHECK(channel_mhz(Band::GHz5, 6) == 0);
    CHECK(channel_mhz(Band::GHz5, 200) == 0);
    CHECK(channel_of_mhz(5180) == Channel{Band::GHz5, 36});
    CHECK(channel_of_mhz(5210) == Channel{Band::GHz5, 42}); // an 80 MHz centre
    CHECK(channel_of_mhz(5825) == Channel{Band::GHz5, 165});
    CHECK(channel_of_mhz(4920) == Channel{Band::GHz5, 184});
    CHECK_FALSE(channel_of_mhz(5181));
}

TEST_CASE("6 GHz: 1-233 at 5950 + 5 * ch, channel 2 at 5935 (802.11ax 27.3.23.2)")
{
    CHECK(channel_mhz(Band::GHz6, 1) == 5955);
    CHECK(channel_mhz(Band::GHz6, 2) == 5935);
    CHECK(channel_mhz(Band::GHz6, 5) == 5975);
    CHECK(channel_mhz(Band::GHz6, 37) == 6135);   // a preferred scanning channel
    CHECK(channel_mhz(Band::GHz6, 93) == 6415);
    CHECK(channel_mhz(Band::GHz6, 233) == 7115);
    CHECK(channel_mhz(Band::GHz6, 0) == 0);
    CHECK(channel_mhz(Band::GHz6, 234) == 0);
    CHECK(channel_mhz(Band::GHz6, 4) == 0); // 6 GHz numbers are odd, but for 2
    CHECK_FALSE(channel_of_mhz(5970));
    CHECK(channel_of_mhz(5955) == Channel{Band::GHz6, 1});
    CHECK(channel_of_mhz(5935) == Channel{Band::GHz6, 2});
    CHECK(channel_of_mhz(6135) == Channel{Band::GHz6, 37});
    CHECK(channel_of_mhz(7115) == Channel{Band::GHz6, 233});
    CHECK_FALSE(channel_of_mhz(7120));
    CHECK_FALSE(channel_of_mhz(5940));
}

TEST_CASE("every channel's frequency converts back to it, in every band")
{
    for (Band band : {Band::GHz2_4, Band::GHz5, Band::GHz6})
        for (int ch = 0; ch <= 240; ++ch) {
            const unsigned mhz = channel_mhz(band, ch);
            if (mhz == 0) continue;
            CAPTURE(ch);
            CHECK(channel_of_mhz(mhz) == Channel{band, ch});
        }
}

TEST_CASE("a bare channel number is 2.4 GHz for 1-14 and 5 GHz otherwise")
{
    CHECK(channel_mhz(6) == 2437);
    CHECK(channel_mhz(14) == 2484);
    CHECK(channel_mhz(36) == 5180);
    CHECK(channel_mhz(15) == 0);
    CHECK(channel_mhz(200) == 0);
    CHECK(channel_number_of_mhz(6135) == 37);
    CHECK(channel_number_of_mhz(1000) == 0);
}
