// What every 802.11 alert about a frame names (ids/frame_alert_event.h).
#include "ids/frame_alert_event.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::dot11;

TEST_CASE("frame alerts name the advertised channel, else the radio's, else none")
{
    Packet p;
    char digits[8];
    p.radio.freq_khz = 2'437'000; // channel 6
    CHECK(frame_alert_channel(p, 11, digits) == "11");
    CHECK(frame_alert_channel(p, 0, digits) == "6");
    p.radio.freq_khz = 5'180'000;
    CHECK(frame_alert_channel(p, 0, digits) == "36");
    p.radio.freq_khz = 0;
    CHECK(frame_alert_channel(p, 0, digits).empty());
    p.radio.freq_khz = 1'000; // no Wi-Fi channel
    CHECK(frame_alert_channel(p, 0, digits).empty());
    CHECK(frame_alert_channel(p, 165, digits) == "165");
}

TEST_CASE("frame alerts name the BSSID as transmitter, the source and destination, and the packet's fix")
{
    Packet p;
    p.radio.freq_khz = 2'412'000;
    Frame f;
    f.roles.bssid = MacAddr{{0x02, 0, 0, 0, 0, 1}};
    f.roles.source = MacAddr{{0x02, 0, 0, 0, 0, 2}};
    f.roles.dest = MacAddr{{0x02, 0, 0, 0, 0, 3}};

    const AlertEvent unlocated = frame_alert_event(p, f, "1", "text");
    CHECK(unlocated.transmitter == f.roles.bssid);
    CHECK(unlocated.source == f.roles.source);
    CHECK(unlocated.dest == f.roles.dest);
    CHECK(unlocated.other.is_zero());
    CHECK(unlocated.channel == "1");
    CHECK(unlocated.frequency_khz == 2'412'000);
    CHECK(unlocated.text == "text");
    CHECK(unlocated.location == nullptr); // the tracker then takes the GPS's best fix

    const GpsFix fix{.lat = 51.5, .lon = -0.12, .fix = 3};
    p.location = &fix;
    CHECK(frame_alert_event(p, f, "1", "text").location == &fix);
}
