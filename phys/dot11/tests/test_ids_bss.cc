// The per-AP alerts (ids/bss_alerts) through the PHY's real track handler:
// beacons and probe responses built byte by byte, the pending alerts raised
// as the plugin's OBSERVE handler does, into a recording alert tracker.
#include "byte_builder.h"
#include "fake_alerts.h"
#include "phy_harness.h"
#include "ids/apspoof_rules.h"
#include "ids/bss_alerts.h"
#include "ids/pending_alerts.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

using ByteVec = std::vector<std::uint8_t>;

const MacAddr ap = mac("00:11:22:33:44:55");
const MacAddr rogue = mac("02:de:ad:be:ef:01");
const MacAddr client = mac("66:77:88:99:aa:bb");

// An advertisement with what the detectors compare as options.
struct Advert {
    MacAddr bssid = ap;
    bool beacon = true;
    std::string ssid = "lab";
    std::uint8_t ds_channel = 6; // 0: no DS parameter set
    std::optional<std::uint8_t> ht_primary{};
    bool wpa2 = false;
    std::uint16_t interval = 100;
    std::string country{}; // "": no 802.11d IE
    std::uint64_t tsf = 0;
    std::uint16_t capability = 0x0001; // ESS

    ByteVec build() const
    {
        ByteBuilder b;
        b.u8(beacon ? 0x80 : 0x50).u8(0).le16(0);
        const MacAddr to = beacon ? mac("ff:ff:ff:ff:ff:ff") : client;
        for (std::uint8_t x : to.bytes) b.u8(x);
        for (std::uint8_t x : bssid.bytes) b.u8(x);
        for (std::uint8_t x : bssid.bytes) b.u8(x);
        b.le16(0);
        b.le64(tsf).le16(interval).le16(static_cast<std::uint16_t>(capability | (wpa2 ? 0x0010 : 0)));
        b.u8(0).u8(static_cast<std::uint8_t>(ssid.size())).text(ssid);
        b.ie(1, {0x82, 0x84, 0x8b, 0x96});
        if (ds_channel) b.ie(3, {ds_channel});
        if (!country.empty())
            b.ie(7, {static_cast<std::uint8_t>(country[0]), static_cast<std::uint8_t>(country[1]), ' ', 1, 11, 20});
        if (wpa2) // RSN: CCMP group and pairwise, PSK
            b.ie(48, {0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
                      0xac, 0x02, 0x00, 0x00});
        if (ht_primary) {
            b.u8(61).u8(22).u8(*ht_primary);
            b.zeros(21);
        }
        return b.vec();
    }
};

struct Bench {
    Harness h;
    RecordingAlerts alerts;
    BssAlerts bss;

    explicit Bench(ApspoofRules rules = {}) : bss(alerts, h.phy.phy_id(), std::move(rules)) { h.phy.watch_advertisements(&bss); }

    // Runs a frame through the PHY, then raises what it left pending.
    Packet run(const Advert& a, std::int64_t sec = 100)
    {
        const ByteVec frame = a.build();
        Packet p = h.run(frame, dlt_ieee802_11, sec);
        CHECK_FALSE(p.error);
        raise_pending_alerts(alerts, p, h.storage.alerts, h.storage.frame, h.storage.ies, h.storage.has_ies);
        return p;
    }
    std::size_t raised() const { return alerts.raised.size(); }
};

const RaisedAlert& only(const RecordingAlerts& alerts, std::string_view name)
{
    REQUIRE(alerts.raised.size() == 1);
    REQUIRE(alerts.raised[0].name == name);
    return alerts.raised[0];
}

} // namespace

TEST_CASE("the BSS alerts are defined with Kismet's names, classes, severities and rates")
{
    Bench b;
    struct Expected {
        const char* name;
        AlertSeverity severity;
        const char* throttle;
    };
    for (const Expected& e : {Expected{"CHANCHANGE", AlertSeverity::LOW, "5/min"},
                              Expected{"BSSTIMESTAMP", AlertSeverity::MEDIUM, "5/min"},
                              Expected{"APSPOOF", AlertSeverity::HIGH, "10/min"},
                              Expected{"CRYPTODROP", AlertSeverity::HIGH, "5/min"},
                              Expected{"ADVCRYPTCHANGE", AlertSeverity::HIGH, "5/min"},
                              Expected{"BEACONRATE", AlertSeverity::HIGH, "5/min"},
                              Expected{"DOT11D", AlertSeverity::HIGH, "5/min"},
                              Expected{"ADHOCCONFLICT", AlertSeverity::HIGH, "5/min"}}) {
        CAPTURE(e.name);
        const AlertDefinition& d = b.alerts.definition(e.name);
        CHECK(d.alert_class == "SPOOF");
        CHECK(d.severity == e.severity);
        CHECK(d.throttle == e.throttle);
        CHECK(d.burst == "1/sec");
        CHECK(d.phy == b.h.phy.phy_id());
        CHECK_FALSE(d.description.empty());
    }
    CHECK(b.alerts.definitions.size() == 8);
}

TEST_CASE("CHANCHANGE: a beacon on another advertised channel; not a repeat, nor a probe response")
{
    Bench b;
    b.run(Advert{.ds_channel = 6}, 100);
    b.run(Advert{.ds_channel = 6}, 101);
    CHECK(b.raised() == 0);
    b.run(Advert{.beacon = false, .ds_channel = 1}, 102); // a probe response: another record, and PROBECHAN's case
    CHECK(b.raised() == 0);
    b.run(Advert{.ds_channel = 11}, 103);
    const RaisedAlert& a = only(b.alerts, "CHANCHANGE");
    CHECK(a.transmitter == ap);
    CHECK(a.source == ap);
    CHECK(a.dest == mac("ff:ff:ff:ff:ff:ff"));
    CHECK(a.channel == "11");
    CHECK(a.text.find("from channel 6 to 11") != std::string::npos);
    CHECK(a.text.find("\"lab\"") != std::string::npos);
}

TEST_CASE("CHANCHANGE: the HT primary channel counts when there is no DS parameter set")
{
    Bench b;
    b.run(Advert{.ds_channel = 0, .ht_primary = 36}, 100);
    b.run(Advert{.ds_channel = 0, .ht_primary = 36}, 101);
    CHECK(b.raised() == 0);
    b.run(Advert{.ds_channel = 0, .ht_primary = 44}, 102);
    CHECK(only(b.alerts, "CHANCHANGE").channel == "44");
}

TEST_CASE("CRYPTODROP: WPA2 to open; ADVCRYPTCHANGE: open to WPA2; nothing while it stays")
{
    Bench b;
    b.run(Advert{.wpa2 = true}, 100);
    b.run(Advert{.wpa2 = true}, 101);
    CHECK(b.raised() == 0);
    b.run(Advert{.wpa2 = false}, 102);
    const RaisedAlert& drop = only(b.alerts, "CRYPTODROP");
    CHECK(drop.transmitter == ap);
    CHECK(drop.channel == "6");
    CHECK(drop.text.find("WPA2") != std::string::npos);
    b.alerts.raised.clear();
    b.run(Advert{.wpa2 = false}, 103);
    CHECK(b.raised() == 0);
    b.run(Advert{.wpa2 = true}, 104);
    const RaisedAlert& change = only(b.alerts, "ADVCRYPTCHANGE");
    CHECK(change.transmitter == ap);
    CHECK(change.text.find("from Open to WPA2") != std::string::npos);
}

TEST_CASE("CRYPTODROP is per SSID record: a probe response compares with the last probe response")
{
    Bench b;
    b.run(Advert{.beacon = true, .wpa2 = true}, 100);
    b.run(Advert{.beacon = false, .wpa2 = false}, 101); // a first probe response: a new record
    CHECK(b.raised() == 0);
    b.run(Advert{.beacon = false, .wpa2 = true}, 102);
    CHECK(only(b.alerts, "ADVCRYPTCHANGE").dest == client);
}

TEST_CASE("BEACONRATE: the beacons per second the interval implies changed; not for the same rate")
{
    Bench b;
    b.run(Advert{.interval = 100}, 100);
    b.run(Advert{.interval = 102}, 101); // 9.77 and 9.57 beacons/s: both 10, rounded up as Kismet
    CHECK(b.raised() == 0);
    b.run(Advert{.interval = 200}, 102);
    const RaisedAlert& a = only(b.alerts, "BEACONRATE");
    CHECK(a.transmitter == ap);
    CHECK(a.text.find("from 10 to 5") != std::string::npos);
    CHECK(b.h.component(ap)->advertised.at(0).beacon_rate == 5);
}

TEST_CASE("DOT11D: a beacon with another country, or none after one; not a first country")
{
    Bench b;
    b.run(Advert{.country = ""}, 100);
    b.run(Advert{.country = "US"}, 101);
    b.run(Advert{.country = "US"}, 102);
    CHECK(b.raised() == 0);
    b.run(Advert{.country = "DE"}, 103);
    const RaisedAlert& a = only(b.alerts, "DOT11D");
    CHECK(a.transmitter == ap);
    CHECK(a.text.find("from US to DE") != std::string::npos);
    b.alerts.raised.clear();
    b.run(Advert{.country = ""}, 104);
    CHECK(only(b.alerts, "DOT11D").text.find("from DE to none") != std::string::npos);
    CHECK(b.h.component(ap)->advertised.at(0).country.empty()); // cleared, as Kismet
}

TEST_CASE("BSSTIMESTAMP: two clocks behind one BSSID; not a steady clock, a pause or one reset")
{
    SUBCASE("a steady clock, heard again after an hour, then reset once (a reboot)")
    {
        Bench b;
        std::int64_t sec = 1000;
        std::uint64_t tsf = 5'000'000'000;
        for (int i = 0; i < 20; ++i, ++sec, tsf += 1'000'000) b.run(Advert{.tsf = tsf}, sec);
        sec += 3600;
        tsf += 3600'000'000;
        for (int i = 0; i < 5; ++i, ++sec, tsf += 1'000'000) b.run(Advert{.tsf = tsf}, sec);
        tsf = 1000; // rebooted
        for (int i = 0; i < 20; ++i, ++sec, tsf += 1'000'000) b.run(Advert{.tsf = tsf}, sec);
        CHECK(b.raised() == 0);
        CHECK(b.h.component(ap)->bss_timestamp == tsf - 1'000'000);
    }
    SUBCASE("two transmitters' beacons in turn: raised once more than 5 in a row were out of step")
    {
        Bench b;
        std::int64_t sec = 1000;
        for (int i = 0; i < 12; ++i, ++sec) {
            const std::uint64_t tsf = (i % 2 ? 900'000'000'000ull : 7'000'000ull) + static_cast<std::uint64_t>(i) * 1'000'000;
            b.run(Advert{.tsf = tsf}, sec);
            // beacon 0 sets the clock, beacons 1..5 are 5 out of step, the 6th raises
            CHECK(b.alerts.count("BSSTIMESTAMP") == (i >= 6 ? static_cast<std::size_t>(i - 5) : 0u));
        }
        CHECK(b.alerts.raised.at(0).transmitter == ap);
        CHECK(b.alerts.raised.at(0).channel == "6");
    }
    SUBCASE("out-of-step beacons further apart than 5 s start the run again")
    {
        Bench b;
        std::int64_t sec = 1000;
        for (int i = 0; i < 12; ++i, sec += 7)
            b.run(Advert{.tsf = (i % 2 ? 900'000'000'000ull : 7'000'000ull) + static_cast<std::uint64_t>(sec) * 1'000'000}, sec);
        CHECK(b.raised() == 0);
    }
    SUBCASE("IBSS beacons are not compared (peers share the BSSID)")
    {
        Bench b;
        for (int i = 0; i < 12; ++i)
            b.run(Advert{.tsf = i % 2 ? 900'000'000'000ull : 7'000'000ull, .capability = 0x0002}, 1000 + i);
        CHECK(b.alerts.count("BSSTIMESTAMP") == 0);
    }
}

TEST_CASE("ADHOCCONFLICT: a BSSID that advertised an AP now advertises an IBSS, or back; not while it stays")
{
    Bench b;
    b.run(Advert{.capability = 0x0001}, 100);
    b.run(Advert{.capability = 0x0001}, 101);
    CHECK(b.raised() == 0);
    b.run(Advert{.capability = 0x0002}, 102);
    const RaisedAlert& a = only(b.alerts, "ADHOCCONFLICT");
    CHECK(a.transmitter == ap);
    CHECK(a.text.find("now an ad-hoc") != std::string::npos);
    b.run(Advert{.capability = 0x0002}, 103);
    CHECK(b.raised() == 1);
    b.run(Advert{.capability = 0x0001}, 104);
    CHECK(b.alerts.count("ADHOCCONFLICT") == 2);
    CHECK(b.alerts.raised.back().text.find("now an access point") != std::string::npos);
}

TEST_CASE("APSPOOF: a guarded SSID from a MAC its rule does not list, once per new SSID record")
{
    Bench b(ApspoofRules::parse({"Corp:ssid=\"^Corp(Net|Guest)$\",validmacs=\"00:11:22:33:44:55,00:11:22:33:44:66\"",
                                 "Other:ssid=\"(?i:lab)\",validmacs=\"00:11:22:33:44:55\""}));
    b.run(Advert{.bssid = ap, .ssid = "CorpNet"}, 100); // listed
    b.run(Advert{.bssid = rogue, .ssid = "CorpNetwork"}, 100); // not matched by the regex
    b.run(Advert{.bssid = rogue, .ssid = "Cafe"}, 100);
    CHECK(b.raised() == 0);
    b.run(Advert{.bssid = rogue, .ssid = "CorpGuest"}, 101);
    const RaisedAlert& a = only(b.alerts, "APSPOOF");
    CHECK(a.transmitter == rogue);
    CHECK(a.source == rogue);
    CHECK(a.text.find("rule Corp") != std::string::npos);
    CHECK(a.text.find("advertises SSID \"CorpGuest\"") != std::string::npos);
    b.run(Advert{.bssid = rogue, .ssid = "CorpGuest"}, 102); // the same record again
    CHECK(b.raised() == 1);
    b.run(Advert{.bssid = rogue, .beacon = false, .ssid = "LAB"}, 103); // the second rule, a probe response
    CHECK(b.alerts.count("APSPOOF") == 2);
    CHECK(b.alerts.raised.back().text.find("answers probes for SSID \"LAB\", which apspoof rule Other") !=
          std::string::npos);
}

TEST_CASE("apspoof= lines: a malformed one is refused, quoted, with the reason")
{
    const auto error_of = [](const std::string& line) {
        try {
            ApspoofRules::parse({line});
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(error_of("Foo1 ssid=\"x\"").find("apspoof line 'Foo1 ssid=\"x\"', expected NAME:ssid=") == 0);
    CHECK(error_of("Foo:validmacs=\"00:11:22:33:44:55\"").find("no ssid") != std::string::npos);
    CHECK(error_of("Foo:ssid=\"x\"").find("no validmacs") != std::string::npos);
    CHECK(error_of("Foo:ssid=\"x\",validmacs=\"00:11:22:33:44\"").find("'00:11:22:33:44' in validmacs is not a MAC") !=
          std::string::npos);
    CHECK(error_of("Foo:ssid=\"(x\",validmacs=\"00:11:22:33:44:55\"").find("ssid regex '(x'") != std::string::npos);
    CHECK(error_of("Foo:ssid=\"x\",validmac=\"00:11:22:33:44:55\"").find("unknown option 'validmac'") !=
          std::string::npos);
    CHECK(error_of("Foo:ssid=\"x,validmacs=00:11:22:33:44:55").find("quote is not closed") != std::string::npos);
    // Kismet's own examples (kismet_alerts.conf) are accepted.
    const ApspoofRules rules = ApspoofRules::parse(
        {"Foo1:ssid=\"Foobar\",validmacs=\"00:11:22:33:44:55,aa:bb:cc:dd:ee:ff\"",
         "Foo2:ssid=\"(?i:foobar)\",validmacs=\"00:11:22:33:44:55\""});
    CHECK(rules.size() == 2);
    CHECK(rules.name(1) == "Foo2");
    CHECK(rules.violated("FOOBAR", mac("00:11:22:33:44:55")) == std::nullopt);
    CHECK(rules.violated("my foobar", mac("aa:bb:cc:dd:ee:ff")) == std::optional<std::size_t>(1));
}

TEST_CASE("one beacon may raise several BSS alerts at once: they fit the pending list")
{
    Bench b(ApspoofRules::parse({"Corp:ssid=\"lab\",validmacs=\"00:11:22:33:44:66\""}));
    b.run(Advert{.wpa2 = true, .interval = 100, .country = "US"}, 100); // APSPOOF: a new record
    CHECK(b.alerts.count("APSPOOF") == 1);
    b.run(Advert{.ds_channel = 1, .wpa2 = false, .interval = 200, .country = "DE", .capability = 0x0002}, 101);
    CHECK(b.alerts.count("CHANCHANGE") == 1);
    CHECK(b.alerts.count("CRYPTODROP") == 1);
    CHECK(b.alerts.count("BEACONRATE") == 1);
    CHECK(b.alerts.count("DOT11D") == 1);
    CHECK(b.alerts.count("ADHOCCONFLICT") == 1);
    CHECK(b.raised() == 6);
}

TEST_CASE("pending alerts: cleared per packet; what does not fit fails the packet instead of vanishing")
{
    Bench b;
    PendingAlerts pending;
    const AlertRef ref = *b.alerts.find("CHANCHANGE");
    for (std::size_t i = 0; i < PendingAlerts::kCapacity; ++i) CHECK(pending.add({.ref = ref, .text = &b.bss}));
    CHECK_FALSE(pending.add({.ref = ref, .text = &b.bss}));
    CHECK(pending.overflowed() == 1);
    Packet p;
    Frame frame;
    Ies ies;
    raise_pending_alerts(b.alerts, p, pending, frame, ies, false);
    CHECK(b.raised() == PendingAlerts::kCapacity);
    CHECK(p.error);
    pending.clear();
    CHECK(pending.empty());
    CHECK(pending.overflowed() == 0);

    // The PHY's Dissection clears its list with the rest of its per-packet state.
    b.run(Advert{.ds_channel = 6}, 100);
    b.run(Advert{.ds_channel = 11}, 101);
    CHECK_FALSE(b.h.storage.alerts.empty());
    b.run(Advert{.ds_channel = 11}, 102);
    CHECK(b.h.storage.alerts.empty());
}
