// The radio hears only the channel it is on: locked, hopping, re-locked.
#include "engine/radio.h"
#include "frame_view.h"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>

using namespace airsight::sim;
using airsight::MacAddr;
using airsight::sim::test::FrameView;

namespace {

WorldConfig busy_world()
{
    WorldConfig config;
    config.seed = 5;
    config.misbehaviour_deauth_flood = true;
    config.misbehaviour_spoofed_ap = true;
    return config;
}

std::set<MacAddr> bssids_on(const World& w, const std::set<int>& channels)
{
    std::set<MacAddr> out;
    for (const AccessPoint& ap : w.aps)
        if (channels.count(ap.channel)) out.insert(ap.bssid);
    return out;
}

} // namespace

TEST_CASE("locked on channel 6: only 2437 MHz and only channel 6's APs")
{
    Radio radio(busy_world());
    radio.set_channel(6);
    CHECK(radio.current_channel() == 6);
    CHECK_FALSE(radio.hopping());
    const std::set<MacAddr> expected = bssids_on(radio.world(), {6});
    REQUIRE_FALSE(expected.empty());

    std::set<MacAddr> heard;
    SimFrame f;
    int frames = 0;
    while (radio.next_frame(f, radio.world().config.start_usec + 10'000'000)) {
        ++frames;
        const FrameView v(f.bytes);
        CHECK(f.channel == 6);
        CHECK(f.freq_khz == 2'437'000);
        CHECK(v.freq_mhz() == 2437);
        const auto bssid = v.bssid();
        if (bssid && !bssid->is_broadcast()) {
            CHECK_MESSAGE(expected.count(*bssid), "heard ", bssid->str(), " which is not on channel 6");
            heard.insert(*bssid);
        }
    }
    CHECK(frames > 100);
    CHECK(heard == expected);
}

TEST_CASE("hopping over 1, 6, 11 hears all three, each in its own time slot, and nothing else")
{
    Radio radio(busy_world());
    const std::vector<int> hop{1, 6, 11};
    const double rate = 5.0; // 200 ms per channel: every AP beacons (102.4 ms) at least once per visit
    const std::uint64_t dwell = 200'000;
    const std::uint64_t start = radio.now_usec();
    radio.set_hop(hop, rate);
    CHECK(radio.hopping());
    CHECK(radio.current_channel() == 1);
    const std::set<MacAddr> allowed = bssids_on(radio.world(), {1, 6, 11});

    std::set<int> channels;
    std::set<MacAddr> heard;
    SimFrame f;
    while (radio.next_frame(f, start + 3 * dwell)) { // one full cycle
        const FrameView v(f.bytes);
        const int expected_channel = hop[((f.ts_usec - start) / dwell) % 3];
        CHECK(f.channel == expected_channel);
        CHECK(v.freq_mhz() * 1000u == f.freq_khz);
        CHECK(radio.current_channel() == f.channel);
        channels.insert(f.channel);
        const auto bssid = v.bssid();
        if (bssid && !bssid->is_broadcast()) {
            CHECK_MESSAGE(allowed.count(*bssid), "heard ", bssid->str(), " from a channel not hopped to");
            heard.insert(*bssid);
        }
    }
    CHECK(channels == std::set<int>{1, 6, 11});
    CHECK(heard == allowed); // every AP on a visited channel beaconed during its visit
    CHECK(radio.now_usec() == start + 3 * dwell);

    SUBCASE("set_channel stops the hop")
    {
        radio.set_channel(11);
        CHECK_FALSE(radio.hopping());
        int frames = 0;
        while (radio.next_frame(f, start + 3 * dwell + 2'000'000)) {
            ++frames;
            CHECK(f.channel == 11);
            CHECK(radio.current_channel() == 11);
        }
        CHECK(frames > 20);
    }
}

TEST_CASE("a silent channel and deadlines: next_frame always returns")
{
    Radio radio(WorldConfig{});
    radio.set_channel(13); // nobody transmits there
    const std::uint64_t start = radio.now_usec();
    SimFrame f;
    CHECK_FALSE(radio.next_frame(f));
    CHECK(radio.now_usec() == start + Radio::kQuietLimitUsec);
    CHECK(radio.transmissions() > 0); // the rest of the world went on meanwhile

    radio.set_channel(6);
    const std::uint64_t deadline = radio.now_usec() + 1'000;
    while (radio.next_frame(f, deadline)) CHECK(f.ts_usec <= deadline);
    CHECK(radio.now_usec() == deadline);
}

TEST_CASE("bad tuning is rejected and leaves the radio as it was")
{
    Radio radio(WorldConfig{});
    radio.set_channel(6);
    CHECK_THROWS_AS(radio.set_channel(0), std::invalid_argument);
    CHECK_THROWS_AS(radio.set_channel(15), std::invalid_argument);
    CHECK_THROWS_AS(radio.set_hop({}, 5), std::invalid_argument);
    CHECK_THROWS_AS(radio.set_hop({1, 6}, 0), std::invalid_argument);
    CHECK_THROWS_AS(radio.set_hop({1, 99}, 5), std::invalid_argument);
    CHECK(radio.current_channel() == 6);
    CHECK_FALSE(radio.hopping());
}

TEST_CASE("a new radio hops over the world's channels")
{
    Radio radio(WorldConfig{});
    CHECK(radio.hopping());
    CHECK(radio.hop_channels() == radio.world().config.channels);
}
