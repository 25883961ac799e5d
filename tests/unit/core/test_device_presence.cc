// DEVICEFOUND and DEVICELOST through the real device tracker and alert
// tracker: the devicefound=/devicelost= options, an appearance (first packet,
// or first after a silence), a loss after the timeout, masks; and KISMET.
#include "../fake_config.h"
#include "alerts/alert_tracker.h"
#include "alerts/device_presence.h"
#include "alerts/server_alerts.h"
#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::core;
using airsight::test::FakeConfig;

namespace {

const MacAddr watched = *MacAddr::parse("00:11:22:33:44:55");
const MacAddr other = *MacAddr::parse("66:77:88:99:aa:bb");

DevicePresenceOptions options(std::initializer_list<std::pair<const char*, const char*>> lines)
{
    FakeConfig config;
    for (const auto& [k, v] : lines) config.entries.emplace(k, v);
    return DevicePresenceOptions::from_config(config);
}

struct Fixture {
    MessageBusImpl bus{100};
    DeviceTrackerImpl devices{{}, bus, std::make_shared<const OuiTable>()};
    std::uint32_t wifi = devices.register_phy("IEEE802.11");
    double clock = 1'000'000;
    AlertTrackerImpl alerts{{}, bus, devices, [this] { return clock; }};
    DevicePresenceAlerts presence;

    explicit Fixture(DevicePresenceOptions o) : presence(std::move(o), alerts, devices)
    {
        if (presence.watching()) devices.watch_presence(&presence);
    }
    // A packet from `mac` at packet second `sec`, the server's clock `local`;
    // the PHY's update names its channel.
    void packet(const MacAddr& mac, std::int64_t sec, std::int64_t local)
    {
        Packet p;
        p.ts_sec = sec;
        p.local_sec = local;
        p.source_number = 1;
        REQUIRE(devices.update(wifi, mac, p, DEVICE_TRANSMITTED, 0, [](Device& d) { d.channel = std::string(1, '6'); }));
        clock += 2; // past the alerts' 1/sec burst
    }
    std::vector<AlertRecord> raised(std::string_view header) const
    {
        std::vector<AlertRecord> out;
        for (const AlertRecord& r : alerts.backlog())
            if (r.header == header) out.push_back(r);
        return out;
    }
};

} // namespace

TEST_CASE("devicefound=/devicelost= lines: merged per MAC, masks, the timeouts; malformed ones refused, quoted")
{
    const DevicePresenceOptions o = options({{"devicefound", "00:11:22:33:44:55"},
                                             {"devicelost", "00:11:22:33:44:55"},
                                             {"devicelost", "AA:BB:CC:00:00:00/FF:FF:FF:00:00:00"},
                                             {"devicefound_timeout", "30"}});
    REQUIRE(o.targets.size() == 2);
    CHECK(o.targets[0].mac == watched);
    CHECK(o.targets[0].found);
    CHECK(o.targets[0].lost);
    CHECK_FALSE(o.targets[1].found);
    CHECK(o.targets[1].lost);
    CHECK(o.targets[1].mask == 0xFFFFFF000000ull);
    CHECK(o.found_timeout_sec == 30);
    CHECK(o.lost_timeout_sec == 60); // Kismet's default
    CHECK(options({}).targets.empty());

    CHECK_THROWS_WITH_AS(options({{"devicefound", "00:11:22:33:44"}}),
                         doctest::Contains("devicefound=00:11:22:33:44: expected a MAC address"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(options({{"devicelost", "00:11:22:33:44:55/ff"}}), doctest::Contains("devicelost=00:11:22:33:44:55/ff"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(options({{"devicelost_timeout", "a minute"}}),
                         doctest::Contains("devicelost_timeout=a minute: expected a number of seconds"),
                         std::invalid_argument);
}

TEST_CASE("DEVICEFOUND: a watched device's first packet, and its first after devicefound_timeout of silence")
{
    Fixture f(options({{"devicefound", "00:11:22:33:44:55"}, {"devicefound_timeout", "60"}}));
    const AlertDefinitionState def = f.alerts.definition(f.presence.found_alert());
    CHECK(def.definition.alert_class == "SYSTEM");
    CHECK(def.definition.severity == AlertSeverity::HIGH);
    CHECK(def.definition.phy == ALERT_ANY_PHY);
    CHECK(def.definition.throttle == "10/min");

    f.packet(other, 1000, 1000);
    CHECK(f.raised("DEVICEFOUND").empty());
    f.packet(watched, 1000, 1000);
    auto found = f.raised("DEVICEFOUND");
    REQUIRE(found.size() == 1);
    CHECK(found[0].source == watched);
    CHECK(found[0].transmitter.is_zero());
    CHECK(found[0].channel == "6");
    CHECK(found[0].text.find("00:11:22:33:44:55") != std::string::npos);
    f.packet(watched, 1030, 1030);
    f.packet(watched, 1090, 1090); // 60 s: not longer than the timeout
    CHECK(f.raised("DEVICEFOUND").size() == 1);
    f.packet(watched, 1151, 1151); // 61 s of silence
    CHECK(f.raised("DEVICEFOUND").size() == 2);
    f.presence.check_lost(5000); // no devicelost= line: nothing to lose
    CHECK(f.raised("DEVICELOST").empty());
}

TEST_CASE("DEVICELOST: a device of a devicelost= line that appeared, silent for longer than the timeout, once")
{
    Fixture f(options({{"devicelost", "00:11:22:33:44:00/ff:ff:ff:ff:ff:00"}, {"devicelost_timeout", "60"}}));
    f.packet(other, 1000, 1000);
    f.packet(watched, 1000, 1000);
    CHECK(f.raised("DEVICEFOUND").empty()); // not a devicefound= device
    f.presence.check_lost(1030);
    f.packet(watched, 1040, 1040);
    f.presence.check_lost(1100); // last packet 60 s ago
    CHECK(f.raised("DEVICELOST").empty());
    f.presence.check_lost(1101);
    auto lost = f.raised("DEVICELOST");
    REQUIRE(lost.size() == 1);
    CHECK(lost[0].source == watched);
    CHECK(lost[0].channel == "6");
    CHECK(lost[0].text.find("60 seconds") != std::string::npos);
    f.clock += 2;
    f.presence.check_lost(1200);
    CHECK(f.raised("DEVICELOST").size() == 1); // lost once

    // Back after a silence: watched again, and lost again.
    f.packet(watched, 1300, 1300);
    f.presence.check_lost(1361);
    CHECK(f.raised("DEVICELOST").size() == 2);
    CHECK(f.raised("DEVICEFOUND").empty());
}

TEST_CASE("without devicefound=/devicelost= lines the tracker watches nothing")
{
    Fixture f(options({}));
    CHECK_FALSE(f.presence.watching());
    f.packet(watched, 1000, 1000);
    f.presence.check_lost(9999);
    CHECK(f.alerts.backlog().empty());
    // Both are defined all the same, as in Kismet.
    CHECK(f.alerts.find("DEVICEFOUND"));
    CHECK(f.alerts.find("DEVICELOST"));
}

TEST_CASE("KISMET is defined as Kismet defines it: SYSTEM, INFO, silenced by its 0/day rates")
{
    Fixture f(options({}));
    const AlertRef kismet = define_server_alerts(f.alerts);
    const AlertDefinitionState def = f.alerts.definition(kismet);
    CHECK(def.definition.name == "KISMET");
    CHECK(def.definition.alert_class == "SYSTEM");
    CHECK(def.definition.severity == AlertSeverity::INFO);
    CHECK_FALSE(f.alerts.would_raise(kismet));
    CHECK_FALSE(f.alerts.raise(kismet, {.text = "x"}));
}
