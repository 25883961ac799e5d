// A device's past minute of signal (kismet.common.signal.signal_rrd): the
// ring itself, how the tracker fills it and how a record shows it.
#include "devices/device_tracker.h"
#include "fields/field_registry.h"
#include "messagebus/message_bus.h"
#include "query/device_records.h"
#include "query/field_spec.h"
#include "util/local_clock.h"

#include <airsight/signal_rrd.h>

#include <doctest/doctest.h>

#include <algorithm>

using namespace airsight;
using namespace airsight::core;

namespace {
// A time whose second slot is easy to read: second 30 of some minute.
constexpr std::int64_t kT0 = 1'700'000'000 / 60 * 60 + 30;

int blank_slots(const SignalRrd& r)
{
    return static_cast<int>(std::count(r.minute().begin(), r.minute().end(), std::int8_t{0}));
}
} // namespace

TEST_CASE("a signal RRD keeps the strongest signal of each second")
{
    SignalRrd r;
    CHECK(r.empty());
    CHECK(blank_slots(r) == 60);
    r.add(-70, kT0);
    r.add(-40, kT0);
    r.add(-90, kT0);
    r.add(-55, kT0 + 1);
    CHECK_FALSE(r.empty());
    CHECK(r.minute()[30] == -40);
    CHECK(r.minute()[31] == -55);
    CHECK(blank_slots(r) == 58);
    CHECK(r.last_time() == kT0 + 1);
    CHECK(r.last_value() == -55);
    CHECK(r.last_value_n1() == -40);

    SUBCASE("a late sample within the minute lands in its own second, as a peak")
    {
        r.add(-80, kT0 - 10);
        r.add(-60, kT0 - 10);
        CHECK(r.minute()[20] == -60);
        r.add(-99, kT0);
        CHECK(r.minute()[30] == -40);
        CHECK(r.last_time() == kT0 + 1);
    }
    SUBCASE("a sample a minute late, or of 0 dBm (Kismet's blank), is not recorded")
    {
        r.add(-30, kT0 - 60);
        r.add(0, kT0 + 1);
        CHECK(r.minute()[30] == -40);
        CHECK(r.minute()[31] == -55);
        CHECK(blank_slots(r) == 58);
    }
}

TEST_CASE("a signal RRD blanks the seconds that passed without a sample")
{
    SignalRrd r;
    r.add(-50, kT0);
    r.add(-51, kT0 + 1);
    r.add(-52, kT0 + 5); // seconds 32..34 silent
    CHECK(r.minute()[31] == -51);
    CHECK(r.minute()[32] == 0);
    CHECK(r.minute()[34] == 0);
    CHECK(r.minute()[35] == -52);

    SUBCASE("wrapping: 57 seconds on, the ring's own slots from before are overwritten or cleared")
    {
        r.add(-60, kT0 + 62); // slot 32; slots 36..59 and 0..31 cleared
        CHECK(r.minute()[32] == -60);
        CHECK(r.minute()[30] == 0);
        CHECK(r.minute()[31] == 0);
        CHECK(r.minute()[35] == -52); // still within the past minute
        CHECK(blank_slots(r) == 58);
    }
    SUBCASE("after a minute of silence every older second is blank")
    {
        r.add(-70, kT0 + 5 + 61);
        CHECK(blank_slots(r) == 59);
        CHECK(r.minute()[static_cast<std::size_t>((kT0 + 66) % 60)] == -70);
    }
    SUBCASE("shown later, a copy is brought forward and the ring itself is left alone")
    {
        const SignalRrd shown = r.at(kT0 + 64); // 59 s after the last sample: only second 35 is left
        CHECK(shown.last_time() == kT0 + 64);
        CHECK(shown.minute()[35] == -52);
        CHECK(blank_slots(shown) == 59);
        CHECK(r.minute()[30] == -50);
        CHECK(blank_slots(r.at(kT0 + 70)) == 60);
        CHECK(r.at(kT0 - 100).last_time() == kT0 + 5); // an earlier time changes nothing
    }
}

TEST_CASE("a signal RRD holds every signed byte of dBm and clamps beyond")
{
    SignalRrd r;
    r.add(-128, kT0);
    r.add(-127, kT0 + 1);
    r.add(-300, kT0 + 2);
    r.add(127, kT0 + 3);
    r.add(500, kT0 + 4);
    CHECK(r.minute()[30] == -128);
    CHECK(r.minute()[31] == -127);
    CHECK(r.minute()[32] == -128);
    CHECK(r.minute()[33] == 127);
    CHECK(r.minute()[34] == 127);
    CHECK(r.last_value() == 127);

    const SignalRrd copy = r;
    CHECK(copy.minute()[30] == -128);
    SignalRrd moved = std::move(r);
    CHECK(moved.minute()[31] == -127);
}

TEST_CASE("a signal RRD survives times at the ends of int64")
{
    SignalRrd r;
    r.add(-40, INT64_MIN + 5);
    r.add(-41, INT64_MAX);
    CHECK(r.last_time() == INT64_MAX);
    CHECK(blank_slots(r) == 59);
    r.add(-42, INT64_MIN); // far too late: ignored, no overflow
    CHECK(blank_slots(r) == 59);
}

TEST_CASE("the tracker fills a device's signal RRD from what it transmits, and its record shows it")
{
    MessageBusImpl bus;
    FieldRegistryImpl fields;
    DeviceTrackerImpl tracker({}, bus, std::make_shared<const OuiTable>());
    DeviceRecords records(fields, "00000000-0000-0000-0000-000000000001");
    const std::uint32_t wifi = tracker.register_phy("IEEE802.11");
    const MacAddr mac = *MacAddr::parse("00:11:22:33:44:55");
    const std::int64_t now = local_now_sec();
    auto packet = [&](std::optional<int> signal, std::int64_t local) {
        Packet p;
        p.ts_sec = 1000; // a replayed capture's time: the RRD keeps the local clock
        p.local_sec = local;
        p.radio.signal_dbm = signal;
        p.source_number = 1;
        return p;
    };
    tracker.update(wifi, mac, packet(-60, now - 2), DEVICE_TRANSMITTED, 0, nullptr);
    tracker.update(wifi, mac, packet(-45, now - 2), DEVICE_TRANSMITTED, 0, nullptr);
    tracker.update(wifi, mac, packet(-20, now - 1), DEVICE_RECEIVED, 0, nullptr); // not its own signal
    tracker.update(wifi, mac, packet(-30, now - 1), DEVICE_TRANSMITTED | DEVICE_RELAYED, 0, nullptr);
    tracker.update(wifi, mac, packet(std::nullopt, now), DEVICE_TRANSMITTED, 0, nullptr);

    const RrdFields rrd(fields);
    const Field& signal = *fields.find("kismet.device.base.signal");
    const Field& signal_rrd = *fields.find("kismet.common.signal.signal_rrd");
    Value record, resolved;
    tracker.with_device(wifi, mac, [&](Device& d) {
        CHECK(d.signal_rrd.last_time() == now - 2);
        record = records.record(d, "IEEE802.11");
        resolved = records.resolve(
            d, "IEEE802.11",
            parse_field_path("kismet.device.base.signal/kismet.common.signal.signal_rrd", fields));
    });
    const Value* sig = record.find(signal);
    REQUIRE(sig);
    const Value* r = sig->find(signal_rrd);
    REQUIRE(r);
    CHECK(r->find(rrd.last_value)->as_double() == -45);
    CHECK(r->find(rrd.blank_val)->as_double() == 0);
    CHECK(r->find(rrd.hour_vec) == nullptr); // a minute RRD, as Kismet's
    CHECK(r->find(rrd.day_vec) == nullptr);
    const Value* minute = r->find(rrd.minute_vec);
    REQUIRE(minute);
    REQUIRE(minute->size() == 60);
    const auto slot = [](std::int64_t t) { return static_cast<std::size_t>(t % 60); };
    CHECK(minute->at(slot(now - 2)).as_double() == -45);
    CHECK(minute->at(slot(now - 1)).as_double() == 0);
    REQUIRE(resolved.find(rrd.minute_vec));
    CHECK(resolved.find(rrd.minute_vec)->at(slot(now - 2)).as_double() == -45);

    SUBCASE("a device never heard with a signal has no RRD in its record")
    {
        const MacAddr quiet = *MacAddr::parse("00:11:22:33:44:66");
        tracker.update(wifi, quiet, packet(std::nullopt, now), DEVICE_TRANSMITTED, 0, nullptr);
        tracker.with_device(wifi, quiet, [&](Device& d) {
            CHECK(d.signal_rrd.empty());
            CHECK(records.record(d, "IEEE802.11").find(signal) == nullptr);
        });
    }
}
