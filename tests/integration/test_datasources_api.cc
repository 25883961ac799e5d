// Datasources over REST against the real server and the real pcapfile
// plugin: listing, adding, errors, open/close/pause, channel control, and the
// packet chain counters.
#include "captures.h"
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <chrono>
#include <functional>
#include <fstream>
#include <thread>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }

HttpResult command(const ServerProcess& s, const std::string& uri, const std::string& json)
{
    return post_command(s, uri, json, auth());
}

} // namespace

TEST_CASE("datasource types and defaults are listed")
{
    ServerProcess server(kLogin);
    const Value types = json_of(server.get("/datasource/types.json"));
    bool pcapfile = false;
    for (std::size_t i = 0; i < types.size(); ++i)
        if (str(types.at(i), "kismet.datasource.driver.type") == "pcapfile") {
            pcapfile = true;
            CHECK(num(types.at(i), "kismet.datasource.driver.probe_capable") == 1);
            CHECK(num(types.at(i), "kismet.datasource.driver.tuning_capable") == 0);
        }
    CHECK(pcapfile);
    CHECK(json_of(server.get("/datasource/defaults.json")).find("kismet.datasource.hop_rate") != nullptr);
    CHECK(server.get("/datasource/list_interfaces.json").status == 200);
    CHECK(server.get("/datasource/all_sources.json").body == "[]");
}

TEST_CASE("a capture given with -c is replayed to the end and shows its progress" * doctest::test_suite("needs-captures"))
{
    const auto capture = shared_capture("wpa2-psk-linksys.cap");
    if (!capture) return;
    ServerProcess server(kLogin, {"-c", capture->string() + ":name=replay"});
    const Value list = json_of(server.get("/datasource/all_sources.json"));
    REQUIRE(list.size() == 1);
    const std::string uuid = str(list.at(0), "kismet.datasource.uuid");
    const Value done = wait_for_source(server, uuid, "the end of its run", [](const Value& v) { return num(v, "airsight.datasource.finished") == 1; });
    CHECK(str(done, "kismet.datasource.name") == "replay");
    CHECK(num(done, "kismet.datasource.num_packets") == 499); // MANIFEST.tsv: 499 packets
    CHECK(num(done, "kismet.datasource.dlt") == 105);
    CHECK(num(done, "airsight.datasource.bytes_read") == num(done, "airsight.datasource.bytes_total"));
    CHECK(num(done, "kismet.datasource.error") == 0);
    CHECK(str(done, "kismet.datasource.definition").find("wpa2-psk-linksys.cap") != std::string::npos);
    CHECK(str(*done.find("kismet.datasource.type_driver"), "kismet.datasource.driver.type") == "pcapfile");

    const Value stats = json_of(server.get("/packetchain/packet_stats.json"));
    CHECK(num(stats, "airsight.packetchain.delivered") == 499);
    const Value& stages = *stats.find("airsight.packetchain.stages");
    REQUIRE(stages.size() == 4);
    CHECK(str(stages.at(0), "airsight.packetchain.stage.name") == "decap");
    CHECK(num(stages.at(0), "airsight.packetchain.stage.packets") == 499);
}

TEST_CASE("add_source: login, bad definitions, missing files, and control of the source")
{
    ServerProcess server(kLogin);
    TempDir dir;

    SUBCASE("without login it is 401")
    {
        CHECK(server.anonymous("POST", "/datasource/add_source.cmd", "json={\"definition\":\"x\"}").status == 401);
    }
    SUBCASE("definitions that cannot be created are 400 with the reason, and add nothing")
    {
        const HttpResult missing = command(server, "/datasource/add_source.cmd", R"({"definition": "/no/such/file.pcap:type=pcapfile"})");
        CHECK(missing.status == 400);
        CHECK(str(json_of(missing), "error").find("/no/such/file.pcap") != std::string::npos);
        const HttpResult unknown = command(server, "/datasource/add_source.cmd", R"({"definition": "wlan77"})");
        CHECK(unknown.status == 400);
        CHECK(str(json_of(unknown), "error").find("no datasource type accepts") != std::string::npos);
        CHECK(command(server, "/datasource/add_source.cmd", R"({"definition": "x:type=nosuchtype"})").status == 400);
        CHECK(command(server, "/datasource/add_source.cmd", R"({"definition": "x:novalue"})").status == 400);
        CHECK(command(server, "/datasource/add_source.cmd", R"({})").status == 400);
        CHECK(server.get("/datasource/all_sources.json").body == "[]");
    }
    SUBCASE("a garbled file is added, fails with a reason on the source and the message bus")
    {
        const auto garbage = dir.path() / "garbage.pcap";
        std::ofstream(garbage) << std::string(200, 'x');
        const HttpResult r = command(server, "/datasource/add_source.cmd", "{\"definition\": \"" + garbage.string() + "\"}");
        REQUIRE(r.status == 200);
        const Value rec = json_of(r);
        CHECK(num(rec, "kismet.datasource.error") == 1);
        CHECK(!str(rec, "kismet.datasource.error_reason").empty());
        CHECK(server.get("/messagebus/all_messages.json").body.find("garbage.pcap") != std::string::npos);
        // The server keeps serving.
        CHECK(server.get("/system/status.json").status == 200);
    }
}

TEST_CASE("a replayed capture: close keeps it listed; open replays again; pause/resume; a file cannot be tuned" *
          doctest::test_suite("needs-captures"))
{
    ServerProcess server(kLogin);
    const auto capture = shared_capture("wpa-psk-linksys.cap");
    if (!capture) return;
    const HttpResult added =
        command(server, "/datasource/add_source.cmd", "{\"definition\": \"" + capture->string() + ":realtime=true\"}");
    REQUIRE(added.status == 200);
    const std::string uuid = str(json_of(added), "kismet.datasource.uuid");
    const std::string base = "/datasource/by-uuid/" + uuid + "/";

    const HttpResult paused = server.get(base + "pause_source.cmd", auth()); // GET works too
    CHECK(paused.status == 200);
    CHECK(num(json_of(paused), "kismet.datasource.paused") == 1);
    CHECK(num(json_of(command(server, base + "resume_source.cmd", "{}")), "kismet.datasource.paused") == 0);

    const HttpResult tune = command(server, base + "set_channel.cmd", R"({"channel": "6"})");
    CHECK(tune.status == 400);
    CHECK(str(json_of(tune), "error").find("6") != std::string::npos);
    CHECK(command(server, base + "set_hop.cmd", "{}").status == 400);

    const HttpResult closed = command(server, base + "close_source.cmd", "{}");
    CHECK(closed.status == 200);
    CHECK(num(json_of(closed), "kismet.datasource.running") == 0);
    CHECK(json_of(server.get("/datasource/all_sources.json")).size() == 1);
    const HttpResult reopened = command(server, base + "open_source.cmd", "{}");
    CHECK(reopened.status == 200);
    CHECK(num(json_of(reopened), "kismet.datasource.error") == 0);
    CHECK(command(server, base + "disable_source.cmd", "{}").status == 200);
    CHECK(command(server, base + "enable_source.cmd", "{}").status == 200);

    CHECK(command(server, "/datasource/by-uuid/00000000-0000-0000-0000-000000000000/close_source.cmd", "{}").status == 404);
    CHECK(server.get("/datasource/by-uuid/nope/source.json").status == 404);
}

TEST_CASE("a broken capture from the shared set errors on its source; the server keeps serving" *
          doctest::test_suite("needs-captures"))
{
    for (const char* name : {"radiotap-heapoverflow.pcap", "ieee802.11_meshhdr-oobr.pcap", "ieee802.11_parse_elements_oobr.pcap"}) {
        INFO(name);
        const auto capture = shared_capture(name);
        if (!capture) return;
        ServerProcess server(kLogin, {"-c", capture->string()});
        const Value list = json_of(server.get("/datasource/all_sources.json"));
        REQUIRE(list.size() == 1);
        const std::string uuid = str(list.at(0), "kismet.datasource.uuid");
        const Value rec = wait_for_source(server, uuid, "the end of its run or an error", [](const Value& v) {
            return num(v, "airsight.datasource.finished") == 1 || num(v, "kismet.datasource.error") == 1;
        });
        CHECK(server.get("/system/status.json").status == 200);
        CHECK(server.get("/devices/all_devices.ekjson").status == 200);
    }
}

TEST_CASE("a bad channel_hop_speed is reported, not silently replaced")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "channel_hop_speed=fast"});
    CHECK(json_of(server.get("/datasource/defaults.json")).find("kismet.datasource.hop_rate")->as_double() == 5.0);
    CHECK(server.get("/messagebus/all_messages.json").body.find("channel_hop_speed=fast") != std::string::npos);
    ServerProcess good({"httpd_username=tester", "httpd_password=pw", "channel_hop_speed=2.5"});
    CHECK(json_of(good.get("/datasource/defaults.json")).find("kismet.datasource.hop_rate")->as_double() == 2.5);
}
