// The alert endpoints over real HTTP: definitions, the backlog, last-time
// (the 2018 API's dictionary, also under /alerts/wrapped/), define_alert.cmd
// and raise_alert(s).cmd with their login rule and errors, num_alerts on a device an alert names, the
// message bus, alert= and alertbacklog from the config, SOURCEERROR on a
// failing source, and the shapes Kismet's clients parse (client-surface.md).
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;

namespace {

std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }

HttpResult command(const ServerProcess& s, const std::string& uri, const std::string& json)
{
    return post_command(s, uri, json, auth());
}

const char* kDefine = R"({"name": "TESTALERT", "description": "raised by a test", "throttle": "10/min", "burst": "5/sec",
                          "class": "SPOOF", "severity": 15, "phyname": "IEEE802.11"})";

const std::vector<std::string> kLogin = {"httpd_username=tester", "httpd_password=pw"};

// A Wi-Fi device the sim source created: its MAC.
std::string sim_device_mac(const ServerProcess& s)
{
    for (int i = 0; i < 600; ++i) {
        const Value list = parse_json(
            command(s, "/devices/last-time/0/devices.json", R"({"fields": ["kismet.device.base.macaddr"]})").body);
        if (list.size() > 0) return str(list.at(0), "kismet.device.base.macaddr");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the sim source made no device");
    return {};
}

} // namespace

TEST_CASE("define and raise alerts over REST; the backlog, last-time, wrapped, num_alerts and the message bus")
{
    ServerProcess s{kLogin, {"-c", "sim:name=lab,seed=3,aps=2,clients=3,rate=max,frames=2000"}};
    const std::string mac = sim_device_mac(s);

    // The core's own SOURCEERROR is defined from the start.
    const Value defs0 = json_of(s.get("/alerts/definitions.json"));
    bool source_error = false;
    for (std::size_t i = 0; i < defs0.size(); ++i)
        if (str(defs0.at(i), "kismet.alert.definition.header") == "SOURCEERROR") {
            source_error = true;
            CHECK(str(defs0.at(i), "kismet.alert.definition.class") == "SYSTEM");
            CHECK(num(defs0.at(i), "kismet.alert.definition.limit_rate") == 1);
            CHECK(num(defs0.at(i), "kismet.alert.definition.limit_unit") == 0);
            CHECK(num(defs0.at(i), "kismet.alert.definition.limit_burst") == 10);
        }
    CHECK(source_error);

    // define_alert.cmd: the definition comes back in Kismet's fields.
    const HttpResult defined = command(s, "/alerts/definitions/define_alert.cmd", kDefine);
    REQUIRE(defined.status == 200);
    const Value def = json_of(defined);
    CHECK(str(def, "kismet.alert.definition.header") == "TESTALERT");
    CHECK(str(def, "kismet.alert.definition.class") == "SPOOF");
    CHECK(num(def, "kismet.alert.definition.severity") == 15);
    CHECK(def.find("kismet.alert.definition.phyid")->as_int() >= 1);
    CHECK(num(def, "kismet.alert.definition.limit_unit") == 1);
    CHECK(num(def, "kismet.alert.definition.limit_rate") == 10);
    CHECK(num(def, "kismet.alert.definition.burst_unit") == 0);
    CHECK(num(def, "kismet.alert.definition.limit_burst") == 5);
    CHECK(num(def, "kismet.alert.definition.total_sent") == 0);

    const double before = json_of(s.get("/system/timestamp.json")).find("kismet.system.timestamp.sec")->as_double();

    // raise_alert.cmd (2018 name) naming a tracked device by MAC.
    const HttpResult raised = command(s, "/alerts/raise_alert.cmd",
                                      "{\"name\": \"testalert\", \"text\": \"spoofed\", \"bssid\": \"" + mac +
                                          "\", \"source\": \"" + mac + "\", \"dest\": \"FF:FF:FF:FF:FF:FF\", \"channel\": \"6\"}");
    REQUIRE(raised.status == 200);
    const Value rec = json_of(raised);
    CHECK(str(rec, "kismet.alert.header") == "TESTALERT");
    CHECK(str(rec, "kismet.alert.class") == "SPOOF");
    CHECK(num(rec, "kismet.alert.severity") == 15);
    CHECK(str(rec, "kismet.alert.transmitter_mac") == mac);
    CHECK(str(rec, "kismet.alert.source_mac") == mac);
    CHECK(str(rec, "kismet.alert.dest_mac") == "FF:FF:FF:FF:FF:FF");
    CHECK(str(rec, "kismet.alert.other_mac") == "00:00:00:00:00:00");
    CHECK(str(rec, "kismet.alert.channel") == "6");
    CHECK(str(rec, "kismet.alert.text") == "spoofed");
    CHECK(rec.find("kismet.alert.timestamp")->kind() == Value::Kind::Double);
    CHECK(real(rec, "kismet.alert.timestamp") >= before);
    CHECK(num(rec, "kismet.alert.hash") > 0);
    CHECK(str(rec, "kismet.alert.device_key").find("4202770D00000000_") == 0);

    // raise_alerts.cmd (current name), with only name and text as kismet_rest sends.
    CHECK(command(s, "/alerts/raise_alerts.cmd", R"({"name": "TESTALERT", "text": "second"})").status == 200);

    // num_alerts on the device named: once, though it was transmitter and source.
    const Value dev = json_of(command(s, "/devices/by-mac/" + mac + "/devices.json",
                                      R"({"fields": ["kismet.device.base.num_alerts"]})"));
    REQUIRE(dev.size() == 1);
    CHECK(num(dev.at(0), "kismet.device.base.num_alerts") == 1);

    // The backlog, in every serialization, with field specs and regex.
    const Value all = json_of(s.get("/alerts/all_alerts.json"));
    REQUIRE(all.size() == 2);
    CHECK(str(all.at(1), "kismet.alert.text") == "second");
    const HttpResult ek = s.get("/alerts/all_alerts.ekjson");
    std::istringstream lines(ek.body);
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n) CHECK(parse_json(line).find("kismet.alert.header"));
    CHECK(n == 2);
    CHECK(json_of(s.get("/alerts/all_alerts.prettyjson")).size() == 2);
    const std::string it = s.get("/alerts/all_alerts.itjson").body;
    CHECK(std::count(it.begin(), it.end(), '\n') == 2);
    const Value projected = json_of(command(s, "/alerts/all_alerts.json",
                                            R"({"fields": [["kismet.alert.text", "t"]], "regex": [["kismet.alert.text", "^sec"]]})"));
    REQUIRE(projected.size() == 1);
    CHECK(str(projected.at(0), "t") == "second");
    CHECK(projected.at(0).find("kismet.alert.header") == nullptr);
    CHECK(command(s, "/alerts/all_alerts.json", R"({"fields": ["no.such.field"]})").status == 400);

    // last-time: the 2018 API's dictionary (what KismetRest and kismet_rest read), also under /alerts/wrapped/.
    const std::string since = std::to_string(static_cast<long long>(before) - 1);
    for (const std::string prefix : {"/alerts/last-time/", "/alerts/wrapped/last-time/"}) {
        CAPTURE(prefix);
        const Value wrapped = json_of(s.get(prefix + since + "/alerts.json"));
        CHECK(wrapped.find("kismet.alert.timestamp")->kind() == Value::Kind::Double);
        CHECK(wrapped.find("kismet.alert.list")->size() == 2);
        CHECK(json_of(s.get(prefix + "9999999999/alerts.json")).find("kismet.alert.list")->size() == 0);
        CHECK(json_of(s.get(prefix + "-3600/alerts.json")).find("kismet.alert.list")->size() == 2);
        CHECK(s.get(prefix + "soon/alerts.json").status == 400);
        const std::string ek = s.get(prefix + since + "/alerts.ekjson").body; // one line, as clients read it
        CHECK(ek.find("\"kismet.alert.list\"") != std::string::npos); // names unchanged, as the 2018 ekjson
        CHECK(std::count(ek.begin(), ek.end(), '\n') <= 1);
    }

    // The definitions count what was sent; the message bus carries the alert flag.
    const Value defs = json_of(s.get("/alerts/definitions.json"));
    std::uint64_t total_sent = 0;
    for (std::size_t i = 0; i < defs.size(); ++i)
        if (str(defs.at(i), "kismet.alert.definition.header") == "TESTALERT")
            total_sent = num(defs.at(i), "kismet.alert.definition.total_sent");
    CHECK(total_sent == 2);
    const Value messages = json_of(s.get("/messagebus/all_messages.json"));
    bool flagged = false;
    for (std::size_t i = 0; i < messages.size(); ++i)
        if (str(messages.at(i), "kismet.messagebus.message_string") == "TESTALERT spoofed")
            flagged = (messages.at(i).find("kismet.messagebus.message_flags")->as_int() & 8) != 0;
    CHECK(flagged);
}

TEST_CASE("alert commands need the login; bad input gets 400/404 with a JSON message")
{
    ServerProcess s{kLogin};
    CHECK(s.anonymous("POST", "/alerts/definitions/define_alert.cmd", json_form(kDefine)).status == 401);
    CHECK(s.anonymous("POST", "/alerts/raise_alert.cmd", json_form(R"({"name": "SOURCEERROR", "text": "x"})")).status == 401);
    CHECK(s.anonymous("POST", "/alerts/raise_alerts.cmd", json_form(R"({"name": "SOURCEERROR", "text": "x"})")).status == 401);
    CHECK(s.anonymous("GET", "/alerts/all_alerts.json").status == 401); // reads need it too by default
    CHECK(s.get("/alerts/raise_alert.cmd").status == 405);

    REQUIRE(command(s, "/alerts/definitions/define_alert.cmd", kDefine).status == 200);
    auto error_of = [&](const std::string& uri, const std::string& json, int status) {
        const HttpResult r = command(s, uri, json);
        CHECK(r.status == status);
        const Value v = json_of(r);
        return v.find("error") ? v.find("error")->as_string() : std::string();
    };
    const std::string define = "/alerts/definitions/define_alert.cmd";
    CHECK(error_of(define, kDefine, 400).find("already defined") != std::string::npos);
    CHECK(error_of(define, R"({"name": "B", "description": "d", "throttle": "often", "burst": "1/sec"})", 400).find("often") != std::string::npos);
    CHECK(error_of(define, R"({"name": "B", "description": "d", "throttle": "1/sec", "burst": "1/day"})", 400).find("longer") != std::string::npos);
    CHECK(error_of(define, R"({"name": "B", "description": "d", "throttle": "1/sec"})", 400).find("burst") != std::string::npos);
    CHECK(error_of(define, R"({"name": "B", "description": "d", "throttle": "1/min", "burst": "1/sec", "severity": 7})", 400).find("severity") != std::string::npos);
    CHECK(error_of(define, R"({"name": "B", "description": "d", "throttle": "1/min", "burst": "1/sec", "phyname": "NoSuchPhy"})", 404).find("NoSuchPhy") != std::string::npos);
    CHECK(error_of(define, R"({"description": "d", "throttle": "1/min", "burst": "1/sec"})", 400).find("name") != std::string::npos);

    const std::string raise = "/alerts/raise_alerts.cmd";
    CHECK(error_of(raise, R"({"name": "NOPE", "text": "x"})", 404).find("NOPE") != std::string::npos);
    CHECK(error_of(raise, R"({"name": "TESTALERT", "text": "x", "source": "zz:11"})", 400).find("zz:11") != std::string::npos);
    CHECK(error_of(raise, R"({"name": "TESTALERT"})", 400).find("text") != std::string::npos);
    CHECK(error_of(raise, R"({"name": "TESTALERT", "text": 5})", 400).find("text") != std::string::npos);
    // Five a second, then the burst limit refuses with a reason.
    for (int i = 0; i < 5; ++i) CHECK(command(s, raise, R"({"name": "TESTALERT", "text": "x"})").status == 200);
    CHECK(error_of(raise, R"({"name": "TESTALERT", "text": "x"})", 400).find("limit") != std::string::npos);
    CHECK(json_of(s.get("/alerts/all_alerts.json")).size() == 5);
}

TEST_CASE("alert= overrides a definition's rates, alertbacklog bounds the backlog, a bad line stops the start")
{
    ServerProcess s{{"httpd_username=tester", "httpd_password=pw", "alert=TESTALERT,100/sec,100/sec", "alertbacklog=3"}};
    const Value def = json_of(command(s, "/alerts/definitions/define_alert.cmd", kDefine));
    CHECK(num(def, "kismet.alert.definition.limit_rate") == 100);
    CHECK(num(def, "kismet.alert.definition.limit_unit") == 0);
    for (int i = 0; i < 6; ++i)
        REQUIRE(command(s, "/alerts/raise_alerts.cmd", "{\"name\": \"TESTALERT\", \"text\": \"n" + std::to_string(i) + "\"}").status == 200);
    const Value all = json_of(s.get("/alerts/all_alerts.json"));
    REQUIRE(all.size() == 3);
    CHECK(str(all.at(0), "kismet.alert.text") == "n3");

    try {
        ServerProcess bad{{"alert=DEAUTHFLOOD,10/fortnight,1/sec"}};
        FAIL("the server started with a malformed alert= line");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()).find("alert=DEAUTHFLOOD,10/fortnight,1/sec") != std::string::npos);
    }
}

TEST_CASE("a failing source raises SOURCEERROR")
{
    TempDir dir;
    ServerProcess s{kLogin};
    const auto garbage = dir.path() / "garbage.pcap";
    std::ofstream(garbage) << std::string(200, 'x');
    REQUIRE(command(s, "/datasource/add_source.cmd", "{\"definition\": \"" + garbage.string() + "\"}").status == 200);
    const Value all = json_of(s.get("/alerts/all_alerts.json"));
    REQUIRE(all.size() >= 1);
    CHECK(str(all.at(0), "kismet.alert.header") == "SOURCEERROR");
    CHECK(str(all.at(0), "kismet.alert.class") == "SYSTEM");
    CHECK(str(all.at(0), "kismet.alert.text").find("has encountered an error") != std::string::npos);
}
