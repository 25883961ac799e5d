// The channel tracker: per-frequency totals on the packet path, RRD samples
// and active devices once a second (kismet.channeltracker.*).
#include "devices/device_tracker.h"
#include "messagebus/message_bus.h"
#include "stats/channel_tracker.h"

#include <doctest/doctest.h>

#include <thread>

using namespace airsight;
using namespace airsight::core;

namespace {
constexpr std::int64_t kT0 = 1'700'000'000 / 60 * 60 + 30; // second 30 of a minute

Packet packet_on(std::uint32_t khz, std::optional<int> signal, std::size_t bytes, std::int64_t local)
{
    static const std::uint8_t frame[256] = {};
    Packet p;
    p.ts_sec = 1000;
    p.local_sec = local;
    p.radio.freq_khz = khz;
    p.radio.signal_dbm = signal;
    p.data = std::span<const std::uint8_t>(frame, bytes);
    p.source_number = 1;
    return p;
}
} // namespace

TEST_CASE("the channel tracker samples packets, bytes and active devices per frequency each second")
{
    MessageBusImpl bus;
    DeviceTrackerImpl devices({}, bus, std::make_shared<const OuiTable>());
    const std::uint32_t phy = devices.register_phy("Test PHY");
    ChannelTracker channels;

    // Two devices on 2437 MHz, heard now; one on 5180 MHz heard long ago.
    devices.update(phy, *MacAddr::parse("02:00:00:00:00:01"), packet_on(2437000, -50, 100, kT0), DEVICE_TRANSMITTED, 0,
                   nullptr);
    devices.update(phy, *MacAddr::parse("02:00:00:00:00:02"), packet_on(2437000, -60, 100, kT0 - 29),
                   DEVICE_TRANSMITTED, 0, nullptr);
    devices.update(phy, *MacAddr::parse("02:00:00:00:00:03"), packet_on(5180000, -70, 100, kT0 - 31),
                   DEVICE_TRANSMITTED, 0, nullptr);

    channels.count(packet_on(2437000, -50, 100, kT0));
    channels.count(packet_on(2437000, -80, 60, kT0));
    channels.count(packet_on(2437000, std::nullopt, 40, kT0));
    channels.count(packet_on(5180000, std::nullopt, 10, kT0));
    channels.count(packet_on(0, -20, 10, kT0)); // no frequency: not counted
    channels.tick(kT0, devices);
    channels.count(packet_on(2437000, -65, 20, kT0 + 1));
    channels.tick(kT0 + 1, devices);

    const auto list = channels.channels();
    REQUIRE(list.size() == 2);
    const ChannelTracker::Channel& wifi = list[0];
    CHECK(wifi.khz == 2437000);
    CHECK(wifi.packets == 4);
    CHECK(wifi.bytes == 220);
    CHECK(wifi.signal.last == -65);
    CHECK(wifi.signal.min == -80);
    CHECK(wifi.signal.max == -50);
    CHECK(wifi.packets_rrd.minute()[30] == 3);
    CHECK(wifi.packets_rrd.minute()[31] == 1);
    CHECK(wifi.data_rrd.minute()[30] == 200);
    CHECK(wifi.data_rrd.minute()[31] == 20);
    CHECK(wifi.device_rrd.minute()[30] == 2);
    CHECK(wifi.device_rrd.last_value() == 2);

    const ChannelTracker::Channel& five = list[1];
    CHECK(five.khz == 5180000);
    CHECK(five.packets == 1);
    CHECK(five.signal.last == 0); // never measured
    CHECK(five.packets_rrd.minute()[31] == 0);
    CHECK(five.device_rrd.last_value() == 0); // its one device is past the 30 s decay
}

TEST_CASE("frequency totals and signal extremes stay exact with concurrent sources")
{
    FrequencyCounts counts;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&counts, t] {
            for (int i = 0; i < 5000; ++i) counts.add(2412000, 10, -30 - (i + t) % 60);
        });
    for (auto& t : threads) t.join();
    const auto totals = counts.snapshot().at(2412000);
    CHECK(totals.packets == 20000);
    CHECK(totals.bytes == 200000);
    CHECK(totals.signal.max == -30);
    CHECK(totals.signal.min == -89);
}
