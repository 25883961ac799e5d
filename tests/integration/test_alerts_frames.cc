// The frame-fingerprint alerts (phys/dot11/ids/frame_alerts) against the real
// server: a sim source running every attack of the group raises exactly the
// group's alerts, each naming the attacker that provoked it, and a clean sim
// world raises none of them.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

using airsight::Value;
using namespace airsight::test;

namespace {

// Each attack, the alert it provokes and the access point it sends as
// (datasources/sim/engine/attacks/frame_attacks.cc: 02:A5:1D:00:00:n, n its
// place in the group, with the OUI the alert is about where there is one).
const std::map<std::string, std::string> kExpected = {
    {"LONGSSID", "02:A5:1D:00:00:01"},      {"MSFBCOMSSID", "90:E9:75:00:00:02"},
    {"MSFDLINKRATE", "02:A5:1D:00:00:03"},  {"MSFNETGEARBEACON", "02:A5:1D:00:00:04"},
    {"AIRJACKSSID", "02:A5:1D:00:00:05"},   {"WMMOVERFLOW", "02:A5:1D:00:00:06"},
    {"WMMTSPEC", "02:A5:1D:00:00:07"},      {"QCOMEXTENDED", "02:A5:1D:00:00:08"},
    {"RSNLOOP", "02:A5:1D:00:00:09"},       {"BCOM11KCHAN", "02:A5:1D:00:00:0A"},
    {"BADFIXLENIE", "02:A5:1D:00:00:0B"},   {"RTLWIFIP2P", "02:A5:1D:00:00:0C"},
    {"RTL8195VD1406", "02:A5:1D:00:00:0D"}, {"VDOO202027301", "02:A5:1D:00:00:0E"},
    {"VDOO202027302", "02:A5:1D:00:00:0F"}, {"FORMATSTRING", "02:A5:1D:00:00:10"},
    {"KARMAOUI", "00:13:37:00:00:11"},      {"OVERPOWERED", "02:A5:1D:00:00:12"},
    {"SSIDCANARY", "02:A5:1D:00:00:13"},
};

// The group's alerts that nothing raises (defined for /alerts/definitions).
const std::set<std::string> kNeverRaised = {"NETSTUMBLER", "LUCENTTEST", "NULLPROBERESP", "MALFORMMGMT", "PROBECHAN"};

const char* kAttacks = "longssid/msfbcomssid/msfdlinkrate/msfnetgearbeacon/airjackssid/wmmoverflow/wmmtspec/"
                       "qcomextended/rsnloop/bcom11kchan/badfixlenie/rtlwifip2p/rtl8195vd1406/vdoo202027301/"
                       "vdoo202027302/formatstring/karmaoui/overpowered/ssidcanary";

// Two alerts ship silenced (0/min) and are switched on; the canary line names
// the ssidcanary attack's SSID; the backlog holds every raise.
const std::vector<std::string> kConfig = {
    "httpd_username=tester",
    "httpd_password=pw",
    "alert=OVERPOWERED,10/min,1/sec",
    "alert=QCOMEXTENDED,10/min,1/sec",
    "ssidcanary=SimCanary:ssid=\"^airsight-canary$\"",
    "alertbacklog=2000",
};

// Runs a finite sim world to its end and returns /alerts/all_alerts.json.
Value alerts_after_run(const std::string& definition)
{
    ServerProcess s{kConfig, {"-c", definition}};
    const Value sources = json_of(s.get("/datasource/all_sources.json"));
    REQUIRE(sources.size() == 1);
    wait_for_source(s, str(sources.at(0), "kismet.datasource.uuid"), "the end of its run",
                    [](const Value& v) { return num(v, "airsight.datasource.finished") == 1; });
    return json_of(s.get("/alerts/all_alerts.json"));
}

} // namespace

TEST_CASE("ids-frames: every attack of the group raises its alert, naming the attacker, and nothing else")
{
    const Value all = alerts_after_run("sim:name=ids,seed=5,aps=2,clients=2,channels=6,rate=max,frames=4000,attacks=" +
                                       std::string(kAttacks));
    std::map<std::string, std::set<std::string>> seen; // header -> transmitters
    for (std::size_t i = 0; i < all.size(); ++i)
        seen[str(all.at(i), "kismet.alert.header")].insert(str(all.at(i), "kismet.alert.transmitter_mac"));
    for (const auto& [header, transmitter] : kExpected) {
        CAPTURE(header);
        REQUIRE(seen.count(header) == 1);
        CHECK(seen[header] == std::set<std::string>{transmitter});
    }
    std::set<std::string> headers;
    for (const auto& [header, macs] : seen) headers.insert(header);
    std::set<std::string> expected;
    for (const auto& [header, mac] : kExpected) expected.insert(header);
    CHECK(headers == expected);
}

TEST_CASE("ids-frames: a clean sim world raises none of the group's alerts")
{
    const Value all = alerts_after_run("sim:name=clean,seed=5,aps=3,clients=4,channels=6,rate=max,frames=4000");
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string header = str(all.at(i), "kismet.alert.header");
        CAPTURE(header);
        CHECK(kExpected.count(header) == 0);
        CHECK(kNeverRaised.count(header) == 0);
    }
}

TEST_CASE("ids-frames: a malformed ssidcanary line is an error on the message bus naming it; the server runs on")
{
    ServerProcess s{{"httpd_username=tester", "httpd_password=pw", "ssidcanary=Broken:ssid=\"(unclosed\"",
                     "ssidcanary=NoPattern"}};
    const std::string messages = s.get("/messagebus/all_messages.json").body;
    CHECK(messages.find("ssidcanary 'Broken:ssid=\\\"(unclosed\\\"': pattern '(unclosed' does not compile") !=
          std::string::npos);
    CHECK(messages.find("ssidcanary 'NoPattern'") != std::string::npos);
    CHECK(s.get("/alerts/definitions.json").body.find("SSIDCANARY") != std::string::npos);
}
