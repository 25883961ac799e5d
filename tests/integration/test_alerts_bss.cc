// The per-AP 802.11 alerts (phys/dot11/ids/bss_alerts) and the core's
// DEVICEFOUND/DEVICELOST against the real server, the real dot11 PHY and the
// sim source's scripted attacks (datasources/sim/engine/attacks/bss_attacks):
// a clean world raises none of them; each attack raises its alerts, naming
// the forged BSSID; a watched device is found, then lost when its source
// ends; a malformed apspoof= line is an error naming it, and the rest runs.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
const std::set<std::string> kBssAlerts{"CHANCHANGE", "BSSTIMESTAMP", "APSPOOF",       "CRYPTODROP",
                                       "ADVCRYPTCHANGE", "BEACONRATE", "DOT11D", "ADHOCCONFLICT"};
const char* kApspoofMac = "02:BA:DC:0D:E0:10"; // the sim's apspoof attacker
// One channel: the source stays on the target's channel and hears every beacon.
const std::string kWorld = "seed=11,aps=3,clients=4,channels=6,rate=max,frames=4000";

std::string sim_source(const std::string& name, const std::string& attacks = "")
{
    return "source=sim:name=" + name + "," + kWorld + (attacks.empty() ? "" : ",attacks=" + attacks);
}

std::vector<std::string> config(std::vector<std::string> lines)
{
    lines.insert(lines.end(), kLogin.begin(), kLogin.end());
    return lines;
}

void wait_until_finished(const ServerProcess& s)
{
    for (int i = 0; i < 1200; ++i) {
        const Value list = json_of(s.get("/datasource/all_sources.json"));
        bool all = list.size() > 0;
        for (std::size_t k = 0; k < list.size(); ++k) all = all && num(list.at(k), "airsight.datasource.finished") == 1;
        if (all) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the sim sources never finished");
}

// header -> the transmitter MACs (and sources) its alerts named.
struct Raised {
    std::map<std::string, std::set<std::string>> transmitters, sources;
};

Raised alerts_of(const ServerProcess& s)
{
    Raised out;
    const Value list = json_of(s.get("/alerts/all_alerts.json"));
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string header = str(list.at(i), "kismet.alert.header");
        out.transmitters[header].insert(str(list.at(i), "kismet.alert.transmitter_mac"));
        out.sources[header].insert(str(list.at(i), "kismet.alert.source_mac"));
    }
    return out;
}

// The MAC of the device the world's first AP ("Home Network", WPA2) made.
std::string target_bssid(const ServerProcess& s)
{
    const Value list = json_of(post_command(
        s, "/devices/last-time/0/devices.json",
        R"({"fields": ["kismet.device.base.macaddr", "kismet.device.base.name", "kismet.device.base.crypt"]})",
        {{"Authorization", basic_auth("tester", "pw")}}));
    std::string mac;
    for (std::size_t i = 0; i < list.size(); ++i)
        if (str(list.at(i), "kismet.device.base.name") == "Home Network") {
            CHECK(mac.empty()); // one in this world
            mac = str(list.at(i), "kismet.device.base.macaddr");
        }
    REQUIRE_FALSE(mac.empty());
    return mac;
}

} // namespace

TEST_CASE("BSS alerts: a clean world raises none; the sim's attacks raise exactly theirs, naming the forged BSSID")
{
    std::string target;
    {
        ServerProcess clean(config({sim_source("clean")}));
        wait_until_finished(clean);
        target = target_bssid(clean);
        const Raised raised = alerts_of(clean);
        for (const auto& [header, macs] : raised.transmitters) CHECK_MESSAGE(!kBssAlerts.count(header), header);
        // Defined all the same, with Kismet's names.
        const std::string defs = clean.get("/alerts/definitions.json").body;
        for (const std::string& name : kBssAlerts) CHECK(defs.find("\"" + name + "\"") != std::string::npos);
    }

    // The same world (same seed: the same target), every BSS attack; the
    // operator guards the target's SSID for the target's BSSID.
    ServerProcess attacked(config(
        {sim_source("attacked", "\"chanchange,bsstimestamp,apspoof,cryptodrop,advcryptchange,beaconrate,dot11d,adhocconflict\""),
         "apspoof=Home:ssid=\"^Home Network$\",validmacs=\"" + target + "\""}));
    wait_until_finished(attacked);
    const Raised raised = alerts_of(attacked);
    std::set<std::string> headers;
    for (const auto& [header, macs] : raised.transmitters)
        if (header != "SOURCEERROR") headers.insert(header);
    CHECK(headers == kBssAlerts);
    for (const std::string& name : kBssAlerts) {
        CAPTURE(name);
        const std::set<std::string> expected{name == "APSPOOF" ? kApspoofMac : target};
        CHECK(raised.transmitters.at(name) == expected);
    }
    CHECK(raised.sources.at("APSPOOF") == std::set<std::string>{kApspoofMac});
}

TEST_CASE("BSS alerts: each attack alone raises the alerts its spec names")
{
    // One server, one sim source per attack, each its own world (another
    // seed: other MACs, so the sources do not hear each other's target).
    const std::map<std::string, std::set<std::string>> attacks{
        {"chanchange", {"CHANCHANGE"}},     {"bsstimestamp", {"BSSTIMESTAMP"}},
        {"cryptodrop", {"CRYPTODROP", "ADVCRYPTCHANGE"}}, {"advcryptchange", {"ADVCRYPTCHANGE"}},
        {"beaconrate", {"BEACONRATE"}},     {"dot11d", {"DOT11D"}},
        {"adhocconflict", {"ADHOCCONFLICT"}}};
    for (const auto& [attack, expected] : attacks) {
        CAPTURE(attack);
        ServerProcess s(config({"source=sim:name=" + attack + ",seed=21,aps=2,clients=2,channels=11,rate=max,frames=1500,attacks=" + attack}));
        wait_until_finished(s);
        std::set<std::string> headers;
        for (const auto& [header, macs] : alerts_of(s).transmitters)
            if (kBssAlerts.count(header)) headers.insert(header);
        CHECK(headers == expected);
    }
}

TEST_CASE("DEVICEFOUND and DEVICELOST: a watched device found when first heard, lost once its source ended")
{
    std::string target;
    {
        ServerProcess clean(config({sim_source("clean")}));
        wait_until_finished(clean);
        target = target_bssid(clean);
    }
    ServerProcess s(config({sim_source("watched"), "devicefound=" + target, "devicelost=" + target,
                            "devicelost_timeout=1"}));
    wait_until_finished(s);
    Raised raised;
    for (int i = 0; i < 200 && !raised.sources.count("DEVICELOST"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        raised = alerts_of(s);
    }
    REQUIRE(raised.sources.count("DEVICEFOUND"));
    CHECK(raised.sources.at("DEVICEFOUND") == std::set<std::string>{target});
    REQUIRE(raised.sources.count("DEVICELOST"));
    CHECK(raised.sources.at("DEVICELOST") == std::set<std::string>{target});
    // The device's num_alerts counts both.
    const Value dev = json_of(s.get("/devices/by-mac/" + target + "/devices.json"));
    REQUIRE(dev.size() == 1);
    CHECK(num(dev.at(0), "kismet.device.base.num_alerts") >= 2);
}

TEST_CASE("config: a malformed apspoof= line is a message-bus error quoting it, the rest runs; a bad devicefound= stops the start")
{
    ServerProcess s(config({"apspoof=Home ssid=\"x\"", "apspoof=Ok:ssid=\"y\",validmacs=\"00:11:22:33:44:55\""}));
    const std::string messages = s.get("/messagebus/all_messages.json").body;
    CHECK(messages.find("apspoof line 'Home ssid=\\\"x\\\"', expected NAME:ssid=") != std::string::npos);
    CHECK(messages.find("this rule is ignored") != std::string::npos);
    CHECK(messages.find("apspoof line 'Ok:") == std::string::npos);
    const std::string plugins = s.get("/plugins/all_plugins.json").body;
    CHECK(plugins.find("\"dot11\"") != std::string::npos);
    CHECK(plugins.find("refused") == std::string::npos);

    CHECK_THROWS_WITH(ServerProcess(config({"devicefound=00:11:22"})),
                      doctest::Contains("devicefound=00:11:22: expected a MAC address"));
}
