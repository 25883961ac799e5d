// The alert tracker: Kismet's throttle and burst at their edges, the rate
// syntax, alert= and alertbacklog parsing, the bounded backlog, the message
// bus and num_alerts on the devices an alert names.
#include "../fake_config.h"
#include "alerts/alert_options.h"
#include "alerts/alert_throttle.h"
#include "alerts/alert_tracker.h"
#include "config/config_file.h"
#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::core;
using airsight::test::FakeConfig;

namespace {

AlertThrottle throttle(std::string_view limit, std::string_view burst)
{
    const AlertRates rates = parse_alert_rates(limit, burst);
    return AlertThrottle{rates.limit, rates.burst};
}

// Sends at each time; returns how many were admitted.
int sent(AlertThrottle& t, std::initializer_list<double> times)
{
    int n = 0;
    for (double when : times) n += t.admit(when) ? 1 : 0;
    return n;
}

struct Fixture {
    MessageBusImpl bus{100};
    DeviceTrackerImpl devices{{}, bus, std::make_shared<const OuiTable>()};
    std::uint32_t wifi = devices.register_phy("IEEE802.11");
    double clock = 1'000'000.25;
    AlertTrackerImpl alerts;

    explicit Fixture(AlertOptions options = {}) : alerts(std::move(options), bus, devices, [this] { return clock; }) {}

    void add_device(const MacAddr& mac)
    {
        Packet p;
        p.ts_sec = 1'000'000;
        p.source_number = 1;
        REQUIRE(devices.update(wifi, mac, p, DEVICE_TRANSMITTED, 0, nullptr));
    }
    std::uint32_t num_alerts(const MacAddr& mac)
    {
        std::uint32_t n = 0;
        devices.with_device(wifi, mac, [&](Device& d) { n = d.num_alerts; });
        return n;
    }
};

} // namespace

TEST_CASE("rates: N/sec|min|hour|day in Kismet's spellings, a bare N per minute")
{
    CHECK(AlertRate::parse("10/min")->count == 10);
    CHECK(AlertRate::parse("10/min")->unit == AlertTimeUnit::MINUTE);
    CHECK(AlertRate::parse("2/SEC")->unit == AlertTimeUnit::SECOND);
    CHECK(AlertRate::parse("2/second")->unit == AlertTimeUnit::SECOND);
    CHECK(AlertRate::parse("1/hr")->unit == AlertTimeUnit::HOUR);
    CHECK(AlertRate::parse("1/hour")->unit == AlertTimeUnit::HOUR);
    CHECK(AlertRate::parse("5/day")->unit == AlertTimeUnit::DAY);
    CHECK(AlertRate::parse("7")->unit == AlertTimeUnit::MINUTE);
    CHECK(AlertRate::parse("0/sec")->count == 0);
    for (const char* bad : {"", "/min", "ten/min", "10/week", "10/", "-1/sec", "1.5/sec", "10/min/x", "9999999999/sec"}) {
        INFO(bad);
        CHECK_FALSE(AlertRate::parse(bad));
    }
    CHECK_THROWS_WITH_AS(parse_alert_rates("10/min", "1/hour"), doctest::Contains("must not be longer"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_alert_rates("10/fortnight", "1/sec"), doctest::Contains("throttle '10/fortnight'"),
                         std::invalid_argument);
}

TEST_CASE("throttle: the limit reached exactly, then a roll-over after a quiet period")
{
    AlertThrottle t = throttle("3/min", "3/min");
    // Three in one period are sent, the fourth is not.
    CHECK(sent(t, {100.0, 100.5, 101.0}) == 3);
    CHECK_FALSE(t.would_admit(101.5));
    CHECK_FALSE(t.admit(101.5));
    CHECK(t.total_sent == 3);
    // Kismet restarts only after a whole unit without a sent alert: 101.0 is
    // the last one; at 161 it is not older than 161-60=101, at 162 it is.
    CHECK_FALSE(t.admit(161.9));
    CHECK(t.admit(162.0));
    CHECK(t.total_sent == 1);
}

TEST_CASE("throttle: burst within a period, burst roll-over while the limit still counts")
{
    AlertThrottle t = throttle("5/min", "2/sec");
    CHECK(sent(t, {10.0, 10.1, 10.2}) == 2); // burst of 2 in second 10
    CHECK(t.burst_sent == 2);
    CHECK_FALSE(t.admit(11.9));              // 10.1 is not older than 11-1=10
    CHECK(sent(t, {12.0, 12.5, 12.6}) == 2); // the burst restarts, the limit does not
    CHECK(t.total_sent == 4);
    CHECK(sent(t, {14.0, 14.1}) == 1);       // the fifth fills the limit
    CHECK(t.total_sent == 5);
    CHECK_FALSE(t.admit(16.0));              // burst free, limit full
}

TEST_CASE("throttle: would_admit predicts admit and changes nothing")
{
    AlertThrottle t = throttle("4/min", "2/sec");
    for (double when : {10.0, 10.2, 10.4, 11.5, 12.0, 12.1, 12.2, 14.0, 80.0, 200.0, 200.1, 200.2}) {
        const AlertThrottle before = t;
        const bool predicted = t.would_admit(when);
        CHECK(t.total_sent == before.total_sent);
        CHECK(t.burst_sent == before.burst_sent);
        CHECK(t.time_last == before.time_last);
        CHECK(t.admit(when) == predicted);
    }
    CHECK(t.total_sent == 2); // 200.0 and 200.1 after the quiet period; 200.2 is over the burst
}

TEST_CASE("throttle: N/day, and a throttle of 0 silences")
{
    AlertThrottle day = throttle("2/day", "1/hour");
    CHECK(day.admit(0.5 + 86400));
    CHECK_FALSE(day.admit(86400 + 3000)); // burst of 1 per hour
    CHECK(day.admit(86400 + 3602));       // next hour
    CHECK_FALSE(day.admit(86400 + 7300)); // 2 a day
    CHECK_FALSE(day.admit(86400 + 3602 + 86400)); // not older than a day yet
    CHECK(day.admit(86400 + 3602 + 86401));

    AlertThrottle silent = throttle("0/min", "1/sec");
    CHECK_FALSE(silent.would_admit(5));
    CHECK_FALSE(silent.admit(5));
    CHECK(silent.total_sent == 0);
}

TEST_CASE("config: alert= lines override, alertbacklog bounds, malformed lines name themselves")
{
    FakeConfig config;
    config.entries.insert({"alert", "deauthflood,2/min,1/sec"});
    config.entries.insert({"alertbacklog", "3"});
    const AlertOptions options = AlertOptions::from_config(config);
    CHECK(options.backlog == 3);
    REQUIRE(options.rates.count("DEAUTHFLOOD") == 1);
    CHECK(options.rates.at("DEAUTHFLOOD").limit.count == 2);

    CHECK(AlertOptions::from_config(FakeConfig{}).backlog == 50); // Kismet's default

    for (const char* bad : {"NAME,10/min", "NAME,10/min,1/sec,x", ",10/min,1/sec", "NAME,10/min,1/fortnight",
                            "NAME,1/sec,1/min"}) {
        FakeConfig c;
        c.entries.insert({"alert", bad});
        INFO(bad);
        CHECK_THROWS_WITH_AS(AlertOptions::from_config(c), doctest::Contains((std::string("alert=") + bad).c_str()),
                             std::invalid_argument);
    }
    FakeConfig backlog;
    backlog.entries.insert({"alertbacklog", "lots"});
    CHECK_THROWS_WITH_AS(AlertOptions::from_config(backlog), doctest::Contains("alertbacklog=lots"),
                         std::invalid_argument);
}

TEST_CASE("definitions: upper-case unique names, config rates win, bad input refused")
{
    AlertOptions options;
    add_alert_line(options, "CUSTOM,1/hour,1/min");
    Fixture f(options);
    const AlertRef a = f.alerts.define({.name = "custom", .alert_class = "OTHER", .description = "d"});
    CHECK(f.alerts.find("CUSTOM") == a);
    CHECK(f.alerts.find("Custom") == a);
    CHECK_FALSE(f.alerts.find("OTHER"));
    const std::vector<AlertDefinitionState> defs = f.alerts.definitions();
    REQUIRE(defs.size() == 1);
    CHECK(defs[0].definition.name == "CUSTOM");
    CHECK(defs[0].throttle.limit.unit == AlertTimeUnit::HOUR); // not the default 10/min
    CHECK(defs[0].definition.throttle == "1/hour");
    CHECK(f.alerts.definition(a).definition.name == "CUSTOM");
    CHECK(f.alerts.definition(a).throttle.limit.unit == AlertTimeUnit::HOUR);
    CHECK_THROWS_AS(f.alerts.definition(AlertRef{}), std::out_of_range);
    CHECK_THROWS_AS(f.alerts.definition(AlertRef(1)), std::out_of_range);

    CHECK_THROWS_WITH_AS(f.alerts.define({.name = "CUSTOM"}), doctest::Contains("already defined"), std::invalid_argument);
    CHECK_THROWS_AS(f.alerts.define({.name = ""}), std::invalid_argument);
    CHECK_THROWS_WITH_AS(f.alerts.define({.name = "X", .throttle = "often"}), doctest::Contains("'often'"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(f.alerts.define({.name = "Y", .phy = 99}), doctest::Contains("no PHY"), std::invalid_argument);
    CHECK(f.alerts.definitions().size() == 1);

    // A ref that define() did not return names no alert, not the first one.
    CHECK_FALSE(AlertRef{}.valid());
    CHECK(a.valid());
    CHECK_THROWS_WITH_AS(f.alerts.raise(AlertRef{}, {.text = "t"}), doctest::Contains("did not return"),
                         std::out_of_range);
}

TEST_CASE("raising: records, the message bus, num_alerts once per device, throttled raises change nothing")
{
    Fixture f;
    const MacAddr ap = *MacAddr::parse("00:11:22:33:44:55");
    const MacAddr client = *MacAddr::parse("66:77:88:99:AA:BB");
    f.add_device(ap);
    f.add_device(client);
    const AlertRef a = f.alerts.define({.name = "TESTALERT",
                                        .alert_class = "DENIAL",
                                        .severity = AlertSeverity::HIGH,
                                        .description = "a test",
                                        .phy = f.wifi,
                                        .throttle = "10/min",
                                        .burst = "1/sec"});
    CHECK(f.alerts.would_raise(a));
    CHECK(f.alerts.raise(a, {.transmitter = ap, .source = ap, .dest = client, .channel = "6",
                             .frequency_khz = 2437000, .text = "hello"}));
    CHECK_FALSE(f.alerts.would_raise(a));
    CHECK_FALSE(f.alerts.raise(a, {.transmitter = ap, .text = "again"})); // burst of 1 per second

    const std::vector<AlertRecord> backlog = f.alerts.backlog();
    REQUIRE(backlog.size() == 1);
    const AlertRecord& r = backlog[0];
    CHECK(r.header == "TESTALERT");
    CHECK(r.alert_class == "DENIAL");
    CHECK(r.severity == 15);
    CHECK(r.phy == f.wifi);
    CHECK(r.timestamp == doctest::Approx(1'000'000.25));
    CHECK(r.device_key == DeviceKey{DeviceKey::hash_phy_name("IEEE802.11"), ap}.str());
    CHECK(r.channel == "6");
    CHECK(r.frequency_khz == 2437000);
    CHECK(r.hash != 0);
    CHECK_FALSE(r.location);

    CHECK(f.num_alerts(ap) == 1); // transmitter and source: one device, counted once
    CHECK(f.num_alerts(client) == 1);
    bool posted = false;
    for (const Message& m : f.bus.recent())
        if (m.text == "TESTALERT hello") posted = (m.flags & MSG_ALERT) != 0;
    CHECK(posted);

    f.clock += 2;
    CHECK(f.alerts.since(1'000'000.25).empty());
    CHECK(f.alerts.raise(a, {.other = client, .text = "later"}));
    CHECK(f.alerts.since(1'000'000.25).size() == 1);
    CHECK(f.num_alerts(client) == 2);
    CHECK_THROWS_AS(f.alerts.raise(AlertRef(7), {}), std::out_of_range);
}

TEST_CASE("the backlog keeps the last alertbacklog alerts")
{
    AlertOptions options;
    options.backlog = 3;
    Fixture f(options);
    const AlertRef a = f.alerts.define({.name = "MANY", .throttle = "100/sec", .burst = "100/sec"});
    for (int i = 0; i < 5; ++i) REQUIRE(f.alerts.raise(a, {.text = std::to_string(i)}));
    const std::vector<AlertRecord> backlog = f.alerts.backlog();
    REQUIRE(backlog.size() == 3);
    CHECK(backlog.front().text == "2");
    CHECK(backlog.back().text == "4");
    CHECK(f.alerts.definitions()[0].throttle.total_sent == 5);
    CHECK(f.alerts.definition(a).throttle.total_sent == 5);
}
