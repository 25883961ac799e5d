// The sim datasource over REST against the real server and the real sim
// plugin: its type and interface, a finite run given with -c, channel control
// (set_channel / set_hop) and pause/resume on a running source. Whether a
// dot11 PHY tracks devices from it is that PHY's business: nothing here
// asserts on devices.
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <chrono>
#include <functional>
#include <thread>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }
const std::vector<std::string> kWorldChannels{"1", "6", "11", "36", "44", "149"};

HttpResult command(const ServerProcess& s, const std::string& uri, const std::string& json)
{
    return post_command(s, uri, json, auth());
}

} // namespace

TEST_CASE("sim: the type and its interface are listed")
{
    ServerProcess server(kLogin);
    const Value types = json_of(server.get("/datasource/types.json"));
    bool sim = false;
    for (std::size_t i = 0; i < types.size(); ++i)
        if (str(types.at(i), "kismet.datasource.driver.type") == "sim") {
            sim = true;
            CHECK(str(types.at(i), "kismet.datasource.driver.description") ==
                  "Simulated RF environment (802.11 access points and clients, BLE advertisers, Remote ID drones)");
            CHECK(num(types.at(i), "kismet.datasource.driver.probe_capable") == 1);
            CHECK(num(types.at(i), "kismet.datasource.driver.tuning_capable") == 1);
            CHECK(num(types.at(i), "kismet.datasource.driver.list_capable") == 1);
        }
    CHECK(sim);
    const Value interfaces = json_of(server.get("/datasource/list_interfaces.json"));
    bool listed = false;
    for (std::size_t i = 0; i < interfaces.size(); ++i)
        if (str(interfaces.at(i), "kismet.datasource.probed.interface") == "sim") {
            listed = true;
            CHECK(str(*interfaces.at(i).find("kismet.datasource.type_driver"), "kismet.datasource.driver.type") == "sim");
        }
    CHECK(listed);

    // A definition the type refuses adds nothing and says which option is wrong.
    const HttpResult bad = command(server, "/datasource/add_source.cmd", R"({"definition": "sim:aps=lots"})");
    CHECK(bad.status == 400);
    CHECK(str(json_of(bad), "error").find("aps=lots") != std::string::npos);
    CHECK(server.get("/datasource/all_sources.json").body == "[]");
}

TEST_CASE("sim: a finite run given with -c is hopping over the world's channels and delivers every frame")
{
    ServerProcess server(kLogin, {"-c", "sim:name=lab,rate=max,frames=20000"});
    const std::string uuid = only_source(server);
    const Value first = source_record(server, uuid);
    CHECK(str(first, "kismet.datasource.name") == "lab");
    CHECK(str(*first.find("kismet.datasource.type_driver"), "kismet.datasource.driver.type") == "sim");
    CHECK(str(first, "kismet.datasource.capture_interface") == "sim");
    CHECK(str(first, "kismet.datasource.hardware") == "airsight simulated radio");
    CHECK(num(first, "kismet.datasource.dlt") == 127);
    CHECK(num(first, "kismet.datasource.hopping") == 1);
    CHECK(str(first, "kismet.datasource.channel") == "");
    CHECK(strings(first, "kismet.datasource.channels") == kWorldChannels);
    CHECK(strings(first, "kismet.datasource.hop_channels") == kWorldChannels);
    CHECK(real(first, "kismet.datasource.hop_rate") == 5.0);

    const Value done = wait_for_source(server, uuid, "the end of its run", [](const Value& v) { return num(v, "airsight.datasource.finished") == 1; });
    CHECK(num(done, "kismet.datasource.num_packets") == 20000);
    CHECK(num(done, "kismet.datasource.error") == 0);
    CHECK(num(done, "kismet.datasource.running") == 0);
    const Value stats = json_of(server.get("/packetchain/packet_stats.json"));
    CHECK(num(stats, "airsight.packetchain.delivered") == 20000);
    CHECK(server.get("/messagebus/all_messages.json").body.find("Source 'lab' finished after 20000 packets") !=
          std::string::npos);
    // Devices are the PHY's business (a dot11 PHY may or may not be loaded): only check it serves.
    CHECK(server.get("/phy/all_phys.json").status == 200);
    CHECK(server.get("/devices/all_devices.ekjson").status == 200);
}

TEST_CASE("sim: channel control, pause and resume on a running source")
{
    ServerProcess server(kLogin, {"-c", "sim:name=live,rate=100"});
    const std::string uuid = only_source(server);
    const std::string base = "/datasource/by-uuid/" + uuid + "/";

    // It runs: the packet count grows.
    const Value running = wait_for_source(server, uuid, "more packets", [](const Value& v) { return num(v, "kismet.datasource.num_packets") > 0; });
    const std::uint64_t before = num(running, "kismet.datasource.num_packets");
    wait_for_source(server, uuid, "more packets", [before](const Value& v) { return num(v, "kismet.datasource.num_packets") > before; });
    CHECK(num(running, "kismet.datasource.running") == 1);

    SUBCASE("set_channel locks; an unknown channel is 400 with the reason; login is required")
    {
        CHECK(server.anonymous("POST", base + "set_channel.cmd", "json={\"channel\":\"6\"}").status == 401);
        const HttpResult locked = command(server, base + "set_channel.cmd", R"({"channel": "6"})");
        REQUIRE(locked.status == 200);
        CHECK(str(json_of(locked), "kismet.datasource.channel") == "6");
        CHECK(num(json_of(locked), "kismet.datasource.hopping") == 0);
        const Value record = source_record(server, uuid);
        CHECK(str(record, "kismet.datasource.channel") == "6");
        CHECK(num(record, "kismet.datasource.hopping") == 0);

        const HttpResult bad = command(server, base + "set_channel.cmd", R"({"channel": "200"})");
        CHECK(bad.status == 400);
        CHECK(str(json_of(bad), "error") ==
              "channel 200 is not one of this simulated world's channels: 1, 6, 11, 36, 44, 149");
        CHECK(str(source_record(server, uuid), "kismet.datasource.channel") == "6"); // unchanged

        const HttpResult ht = command(server, base + "set_channel.json", R"({"channel": "11HT40-"})");
        CHECK(ht.status == 200);
        CHECK(str(json_of(ht), "kismet.datasource.channel") == "11");

        // Still delivering after the change.
        const std::uint64_t n = num(source_record(server, uuid), "kismet.datasource.num_packets");
        wait_for_source(server, uuid, "more packets", [n](const Value& v) { return num(v, "kismet.datasource.num_packets") > n; });
    }
    SUBCASE("set_channel with channels and rate, or hoprate, hops; set_hop resumes hopping")
    {
        const HttpResult rate = command(server, base + "set_channel.cmd", R"({"channels": ["1", "11"], "rate": 3})");
        REQUIRE(rate.status == 200);
        Value r = json_of(rate);
        CHECK(num(r, "kismet.datasource.hopping") == 1);
        CHECK(str(r, "kismet.datasource.channel") == "");
        CHECK(strings(r, "kismet.datasource.hop_channels") == std::vector<std::string>{"1", "11"});
        CHECK(real(r, "kismet.datasource.hop_rate") == 3.0);

        REQUIRE(command(server, base + "set_channel.cmd", R"({"channel": "36"})").status == 200);
        const HttpResult hoprate = command(server, base + "set_channel.cmd", R"({"channels": ["6", "149"], "hoprate": 7})");
        REQUIRE(hoprate.status == 200);
        r = json_of(hoprate);
        CHECK(num(r, "kismet.datasource.hopping") == 1);
        CHECK(strings(r, "kismet.datasource.hop_channels") == std::vector<std::string>{"6", "149"});
        CHECK(real(r, "kismet.datasource.hop_rate") == 7.0);
        CHECK(strings(r, "kismet.datasource.channels") == kWorldChannels); // what it can tune stays

        const HttpResult unknown = command(server, base + "set_channel.cmd", R"({"channels": ["1", "13"], "rate": 3})");
        CHECK(unknown.status == 400);
        CHECK(str(json_of(unknown), "error").find("channel 13 is not one of") != std::string::npos);

        REQUIRE(command(server, base + "set_channel.cmd", R"({"channel": "44"})").status == 200);
        CHECK(num(source_record(server, uuid), "kismet.datasource.hopping") == 0);
        const HttpResult hop = command(server, base + "set_hop.cmd", "{}");
        REQUIRE(hop.status == 200);
        r = json_of(hop);
        CHECK(num(r, "kismet.datasource.hopping") == 1);
        CHECK(str(r, "kismet.datasource.channel") == "");
        CHECK(strings(r, "kismet.datasource.hop_channels") == std::vector<std::string>{"6", "149"});
        CHECK(real(r, "kismet.datasource.hop_rate") == 7.0);
    }
    SUBCASE("pause (GET) stops counting, resume (POST) counts again")
    {
        const HttpResult paused = server.get(base + "pause_source.cmd", auth());
        REQUIRE(paused.status == 200);
        CHECK(num(json_of(paused), "kismet.datasource.paused") == 1);
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // a frame in flight may still count
        const std::uint64_t at_pause = num(source_record(server, uuid), "kismet.datasource.num_packets");
        const std::uint64_t dropped = num(json_of(server.get("/packetchain/packet_stats.json")), "airsight.packetchain.dropped");
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        CHECK(num(source_record(server, uuid), "kismet.datasource.num_packets") == at_pause);
        CHECK(num(json_of(server.get("/packetchain/packet_stats.json")), "airsight.packetchain.dropped") > dropped);

        const HttpResult resumed = command(server, base + "resume_source.cmd", "{}");
        REQUIRE(resumed.status == 200);
        CHECK(num(json_of(resumed), "kismet.datasource.paused") == 0);
        wait_for_source(server, uuid, "more packets", [at_pause](const Value& v) { return num(v, "kismet.datasource.num_packets") > at_pause; });

        // And the other way round: POST pause, GET resume.
        CHECK(num(json_of(command(server, base + "pause_source.cmd", "{}")), "kismet.datasource.paused") == 1);
        CHECK(num(json_of(server.get(base + "resume_source.cmd", auth())), "kismet.datasource.paused") == 0);
    }
    SUBCASE("close and open again")
    {
        CHECK(num(json_of(command(server, base + "close_source.cmd", "{}")), "kismet.datasource.running") == 0);
        const HttpResult reopened = command(server, base + "open_source.cmd", "{}");
        REQUIRE(reopened.status == 200);
        CHECK(num(json_of(reopened), "kismet.datasource.running") == 1);
        CHECK(num(json_of(reopened), "kismet.datasource.error") == 0);
    }
}

TEST_CASE("sim: a source= line in the configuration starts a source too")
{
    std::vector<std::string> config = kLogin;
    config.push_back("source=sim:name=configured,seed=3,aps=4,clients=5,channels=1/6,channel=6,rate=50");
    ServerProcess server(config);
    const std::string uuid = only_source(server);
    const Value record = source_record(server, uuid);
    CHECK(str(record, "kismet.datasource.name") == "configured");
    CHECK(strings(record, "kismet.datasource.channels") == std::vector<std::string>{"1", "6"});
    CHECK(str(record, "kismet.datasource.channel") == "6");
    CHECK(num(record, "kismet.datasource.hopping") == 0);
    wait_for_source(server, uuid, "more packets", [](const Value& v) { return num(v, "kismet.datasource.num_packets") > 0; });
}

namespace {

// The frequencies (kHz) the server has counted packets on: the dot11 PHY's
// radiotap decapsulation gives each packet the frequency the sim sent it on.
std::vector<std::string> frequencies_heard(const ServerProcess& s)
{
    const Value channels = json_of(s.get("/channels/channels.json"));
    const Value* map = channels.find("kismet.channeltracker.frequency_map");
    REQUIRE(map != nullptr);
    std::vector<std::string> out;
    for (const auto& entry : map->entries()) out.push_back(entry.key);
    return out;
}

} // namespace

TEST_CASE("sim: channel_hop and channel_hop_speed in the configuration tune every new source")
{
    SUBCASE("channel_hop_speed=20/sec: the source hops at 20 channels a second and hears several channels")
    {
        ServerProcess server({"httpd_username=tester", "httpd_password=pw", "channel_hop_speed=20/sec"},
                             {"-c", "sim:name=hopper"});
        const std::string uuid = only_source(server);
        const Value record = source_record(server, uuid);
        CHECK(num(record, "kismet.datasource.hopping") == 1);
        CHECK(real(record, "kismet.datasource.hop_rate") == 20.0);
        CHECK(str(record, "kismet.datasource.channel") == "");
        CHECK(strings(record, "kismet.datasource.hop_channels") == kWorldChannels);
        CHECK(real(json_of(server.get("/datasource/defaults.json")), "kismet.datasource.hop_rate") == 20.0);
        std::vector<std::string> heard;
        for (int i = 0; i < 600 && heard.size() < 3; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            heard = frequencies_heard(server);
        }
        CHECK(heard.size() >= 3);
    }
    SUBCASE("channel_hop=false: the source stays on its first channel and hears only it")
    {
        ServerProcess server({"httpd_username=tester", "httpd_password=pw", "channel_hop=false"},
                             {"-c", "sim:name=still"});
        const std::string uuid = only_source(server);
        const Value record = source_record(server, uuid);
        CHECK(num(record, "kismet.datasource.hopping") == 0);
        CHECK(str(record, "kismet.datasource.channel") == "1");
        CHECK(num(json_of(server.get("/datasource/defaults.json")), "kismet.datasource.hopping") == 0);
        wait_for_source(server, uuid, "more packets", [](const Value& v) { return num(v, "kismet.datasource.num_packets") >= 100; });
        CHECK(frequencies_heard(server) == std::vector<std::string>{"2412000"});
    }
    SUBCASE("a definition's own channel_hop_speed wins over the configuration's")
    {
        ServerProcess server({"httpd_username=tester", "httpd_password=pw", "channel_hop_speed=20"},
                             {"-c", "sim:name=own,channel_hop_speed=2"});
        CHECK(real(source_record(server, only_source(server)), "kismet.datasource.hop_rate") == 2.0);
    }
}
