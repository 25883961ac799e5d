// RRDs (kismet.common.rrd.*), the per-second samplers that feed them, and
// duplicate frames heard by several sources.
#include "devices/device_tracker.h"
#include "fields/field_registry.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"
#include "packetchain/packet_rates.h"
#include "stats/sampled_rrd.h"

#include <airsight/rrd.h>

#include <doctest/doctest.h>

#include <limits>
#include <numeric>

using namespace airsight;
using namespace airsight::core;

namespace {
// A time whose second, minute and hour slots are easy to read: 10:20:30 on some day.
constexpr std::int64_t kT0 = 1'700'000'000 / 86400 * 86400 + 10 * 3600 + 20 * 60 + 30;

double sum(const auto& a) { return std::accumulate(a.begin(), a.end(), 0.0); }
} // namespace

TEST_CASE("an RRD sums samples of one second into the slot of that second")
{
    Rrd r;
    for (int i = 0; i < 5; ++i) r.add(1, kT0);
    r.add(2, kT0 + 1);
    CHECK(r.minute()[30] == 5);
    CHECK(r.minute()[31] == 2);
    CHECK(sum(r.minute()) == 7);
    CHECK(r.last_time() == kT0 + 1);
    CHECK(r.last_value() == 2);
    CHECK(r.last_value_n1() == 5);

    SUBCASE("a late sample within the minute lands in its own second")
    {
        r.add(3, kT0 - 10);
        CHECK(r.minute()[20] == 3);
        CHECK(r.last_time() == kT0 + 1);
    }
    SUBCASE("a sample more than a minute late is ignored")
    {
        r.add(3, kT0 - 90);
        CHECK(sum(r.minute()) == 7);
    }
}

TEST_CASE("an RRD shown later is brought forward: quiet seconds, minutes and hours are blank")
{
    Rrd r;
    r.add(60, kT0); // 60 packets in one second: 1 per second over the minute

    const Rrd now = r.at(kT0 + 5);
    CHECK(now.last_time() == kT0 + 5);
    CHECK(now.minute()[30] == 60);
    CHECK(sum(now.minute()) == 60);
    CHECK(now.hour()[20] == doctest::Approx(1.0)); // minute 20: average of the past 60 seconds
    CHECK(now.day()[10] == doctest::Approx(1.0 / 60)); // hour 10: average of the past 60 minutes
    CHECK(r.last_time() == kT0);                      // the original is untouched

    const Rrd later = r.at(kT0 + 125); // two minutes on
    CHECK(sum(later.minute()) == 0);
    CHECK(later.hour()[20] == doctest::Approx(1.0)); // the closed minute keeps its value
    CHECK(later.hour()[21] == 0);
    CHECK(later.hour()[22] == 0);

    const Rrd next_day = r.at(kT0 + 86400);
    CHECK(sum(next_day.minute()) == 0);
    CHECK(sum(next_day.hour()) == 0);
    CHECK(sum(next_day.day()) == 0);
}

TEST_CASE("seconds skipped between samples are cleared, not left from the previous minute")
{
    Rrd r;
    for (int s = 0; s < 60; ++s) r.add(1, kT0 + s); // every slot 1
    r.add(1, kT0 + 70);                             // 10 quiet seconds, then one
    CHECK(sum(r.minute()) == 50);                   // the 10 skipped slots were cleared
    r.add(4, kT0 + 71);
    CHECK(r.minute()[(kT0 + 71) % 60] == 4);
}

TEST_CASE("an RRD takes any 64-bit times without overflow")
{
    // Times far apart (a garbled capture timestamp beside a sane one) must
    // neither overflow the differences nor land in a wrong slot.
    constexpr std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    Rrd r;
    r.add(1, -5);
    r.add(2, hi); // a jump of more than INT64_MAX: a fresh start
    CHECK(r.last_time() == hi);
    CHECK(r.last_value() == 2.0);
    r.add(7, -5); // long before: ignored
    r.add(7, lo + 1);
    CHECK(r.last_value() == 2.0);
    CHECK(r.minute()[static_cast<std::size_t>(hi % 60)] == doctest::Approx(2.0));
    const Rrd shown = r.at(lo); // asked about an earlier time: unchanged
    CHECK(shown.last_time() == hi);

    Rrd early;
    early.add(3, lo + 1);
    early.add(4, hi - 1);
    CHECK(early.last_time() == hi - 1);
    double total = 0;
    for (float x : early.minute()) total += x;
    CHECK(total == doctest::Approx(4.0));
    (void)early.at(hi); // brought forward a second: no overflow either
}

TEST_CASE("peak and gauge RRDs")
{
    Rrd peak(RrdCombine::MAX);
    peak.add(5, kT0);
    peak.add(9, kT0);
    peak.add(2, kT0 + 1);
    const Rrd p = peak.at(kT0 + 1);
    CHECK(p.minute()[30] == 9);
    CHECK(p.hour()[20] == 9); // a minute keeps its peak second

    Rrd gauge(RrdCombine::LAST);
    gauge.add(100, kT0);
    gauge.add(120, kT0);
    CHECK(gauge.minute()[30] == 120);
}

TEST_CASE("an RRD record has Kismet's fields: 60 seconds, 60 minutes, 24 hours")
{
    FieldRegistryImpl fields;
    RrdFields f(fields);
    Rrd r;
    r.add(3, kT0);
    const Value v = f.record(r, kT0 + 2);
    CHECK(v.find(f.last_time)->as_uint() == static_cast<std::uint64_t>(kT0 + 2));
    CHECK(v.find(f.serial_time)->as_uint() == static_cast<std::uint64_t>(kT0 + 2));
    CHECK(v.find(f.last_value)->as_double() == 3);
    CHECK(v.find(f.minute_vec)->size() == 60);
    CHECK(v.find(f.hour_vec)->size() == 60);
    CHECK(v.find(f.day_vec)->size() == 24);
    CHECK(v.find(f.minute_vec)->at(30).as_double() == 3);
    CHECK(v.find(f.blank_val)->as_double() == 0);
    CHECK(fields.find("kismet.common.rrd.minute_vec") == &f.minute_vec);
}

TEST_CASE("a sampled RRD adds what a running total grew by")
{
    SampledRrd rrd;
    rrd.add_total(10, kT0);
    rrd.add_total(25, kT0 + 1);
    rrd.add_total(25, kT0 + 2);
    const Rrd r = rrd.snapshot();
    CHECK(r.minute()[30] == 10);
    CHECK(r.minute()[31] == 15);
    CHECK(r.minute()[32] == 0);
}

TEST_CASE("the packet chain's rates come from its counters")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    chain.add_handler(PacketStage::DISSECT, "reject odd", [](Packet& p) {
        if (p.data.size() % 2) p.fail("odd");
    });
    const std::uint8_t bytes[3] = {1, 2, 3};
    PacketRates rates;
    for (int i = 0; i < 4; ++i) {
        Packet p;
        p.data = std::span<const std::uint8_t>(bytes, i % 2 ? 3 : 2);
        chain.process(p);
    }
    chain.count_dropped();
    rates.sample(chain.counters(), kT0);
    CHECK(rates.packets.snapshot().minute()[30] == 4);
    CHECK(rates.processed.snapshot().minute()[30] == 4);
    CHECK(rates.errors.snapshot().minute()[30] == 2);
    CHECK(rates.dropped.snapshot().minute()[30] == 1);
    CHECK(rates.queued.snapshot().minute()[30] == 0);
    Packet p;
    p.data = std::span<const std::uint8_t>(bytes, 2);
    chain.process(p);
    rates.sample(chain.counters(), kT0 + 1);
    CHECK(rates.packets.snapshot().minute()[31] == 1);
    CHECK(rates.peak.snapshot().at(kT0 + 1).hour()[20] == 4);
}

TEST_CASE("a frame another source delivered within a second is a duplicate")
{
    DuplicateFilter filter;
    const std::uint8_t a[] = {0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    const std::uint8_t b[] = {0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12};
    CHECK_FALSE(filter.check(a, 1, 100, 0));
    CHECK_FALSE(filter.check(a, 1, 100, 10));   // the same source again: a repeat, not a duplicate
    CHECK(filter.check(a, 2, 100, 500'000));    // another source
    CHECK(filter.check(a, 3, 101, 0));          // and a third
    CHECK_FALSE(filter.check(b, 2, 100, 0));    // other bytes
    CHECK_FALSE(filter.check(a, 2, 103, 0));    // too far apart in time
    CHECK_FALSE(filter.check({}, 2, 100, 0));   // nothing to compare
}

TEST_CASE("the chain marks duplicates after decapsulation and the tracker counts them once")
{
    MessageBusImpl bus;
    FieldRegistryImpl fields;
    DeviceTrackerImpl tracker({}, bus, std::make_shared<const OuiTable>());
    const std::uint32_t phy = tracker.register_phy("Test PHY");
    PacketChain chain(bus);
    // A decap that skips a 2-byte header, as radiotap would, so headers that differ per radio do not matter.
    chain.add_handler(PacketStage::DECAP, "decap", [](Packet& p) { p.payload = p.data.subspan(2); });
    const MacAddr mac = *MacAddr::parse("02:00:00:00:00:01");
    int phy_updates = 0;
    chain.add_handler(PacketStage::TRACK, "track", [&](Packet& p) {
        tracker.update(phy, mac, p, DEVICE_TRANSMITTED, 0, [&](Device&) { ++phy_updates; });
    });

    const std::uint8_t heard_by_1[] = {0xAA, 0xAA, 0x80, 0, 7, 7, 7, 7};
    const std::uint8_t heard_by_2[] = {0xBB, 0xBB, 0x80, 0, 7, 7, 7, 7};
    Packet p1;
    p1.ts_sec = 100;
    p1.source_number = 1;
    p1.data = heard_by_1;
    chain.process(p1);
    Packet p2 = p1;
    p2.source_number = 2;
    p2.data = heard_by_2;
    p2.duplicate = false;
    chain.process(p2);

    CHECK_FALSE(p1.duplicate);
    CHECK(p2.duplicate);
    CHECK(chain.counters().duplicates == 1);
    CHECK(phy_updates == 1);
    tracker.with_device(phy, mac, [](Device& d) {
        CHECK(d.packets.total == 1);
        REQUIRE(d.seenby.size() == 2); // both sources heard it
        CHECK(d.seenby[1].source_number == 2);
    });
}
