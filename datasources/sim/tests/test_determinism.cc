// Same seed, same bytes; different seed, different world; tuning a radio
// changes what it hears, never what is sent.
#include "engine/radio.h"

#include <doctest/doctest.h>

#include <vector>

using namespace airsight::sim;

namespace {

struct Heard {
    std::uint64_t ts;
    int channel;
    std::vector<std::uint8_t> bytes;
    bool operator==(const Heard&) const = default;
};

WorldConfig busy_world(std::uint64_t seed)
{
    WorldConfig config;
    config.seed = seed;
    config.misbehaviour_deauth_flood = true;
    config.misbehaviour_spoofed_ap = true;
    return config;
}

std::vector<Heard> capture(Radio& radio, int frames)
{
    std::vector<Heard> out;
    SimFrame f;
    for (int i = 0; i < frames && radio.next_frame(f); ++i) out.push_back({f.ts_usec, f.channel, f.bytes});
    return out;
}

std::vector<Heard> capture_all(const WorldConfig& config, int frames)
{
    Radio radio(config, {.fcs = true});
    radio.listen_all();
    return capture(radio, frames);
}

} // namespace

TEST_CASE("the same seed gives byte-identical frames")
{
    const auto a = capture_all(busy_world(42), 5000);
    const auto b = capture_all(busy_world(42), 5000);
    REQUIRE(a.size() == 5000);
    CHECK(a == b);
}

TEST_CASE("different seeds give different worlds")
{
    const auto a = capture_all(busy_world(1), 2000);
    const auto b = capture_all(busy_world(2), 2000);
    int same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
    CHECK(same == 0);
    CHECK(make_world(busy_world(1)).aps.front().bssid != make_world(busy_world(2)).aps.front().bssid);
}

TEST_CASE("hopping (same seed) is deterministic too")
{
    auto hop = [] {
        Radio radio(busy_world(7));
        radio.set_hop({1, 6, 11, 36}, 8.0);
        return capture(radio, 2000);
    };
    CHECK(hop() == hop());
}

TEST_CASE("tuning does not change what is sent: channel 6 alone equals channel 6 within everything")
{
    const WorldConfig config = busy_world(9);
    Radio locked(config, {.fcs = true});
    locked.set_channel(6);
    const auto on_six = capture(locked, 1500);
    REQUIRE(on_six.size() == 1500);

    std::vector<Heard> from_all;
    for (const Heard& h : capture_all(config, 20000))
        if (h.channel == 6 && from_all.size() < on_six.size()) from_all.push_back(h);
    REQUIRE(from_all.size() == on_six.size());
    CHECK(from_all == on_six);
}

TEST_CASE("start time is configurable")
{
    WorldConfig config;
    config.start_usec = 1'000'000'000'000ULL;
    Radio radio(config);
    radio.listen_all();
    SimFrame f;
    REQUIRE(radio.next_frame(f));
    CHECK(f.ts_usec >= config.start_usec);
    CHECK(f.ts_usec < config.start_usec + kBeaconIntervalUsec);
}
