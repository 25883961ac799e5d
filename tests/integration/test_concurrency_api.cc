// Concurrency over REST: two sim sources ingest into the tracker on their own
// threads while several clients, served by the HTTP worker pool, read device
// lists (with field specs and regex filters), packet stats, sources and
// status, and one client retunes a source; the rate ticker runs beside them.
// Everything must answer 200 with valid JSON, counters must only grow, and
// the totals must add up once both sources are done. Run under
// ThreadSanitizer by scripts/test.sh (build-tsan), this is the race test.
#include "rest_helpers.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw", "httpd_threads=16"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }

// Frames per source: fewer when the build is slow (AIRSIGHT_CONCURRENCY_FRAMES, e.g. under TSan).
std::uint64_t frames_per_source()
{
    const char* env = std::getenv("AIRSIGHT_CONCURRENCY_FRAMES");
    return env && *env ? std::strtoull(env, nullptr, 10) : 30000;
}

// Problems seen on client threads, checked on the test's thread (assertions stay single-threaded).
class Problems {
public:
    void add(std::string what)
    {
        std::lock_guard lock(mutex_);
        if (list_.size() < 20) list_.push_back(std::move(what));
    }
    std::vector<std::string> list() const
    {
        std::lock_guard lock(mutex_);
        return list_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> list_;
};

// A GET or POST that must answer 200 with JSON; returns the parsed body (null on a problem).
Value fetch(const ServerProcess& s, Problems& problems, const std::string& uri, const std::string& json_body = "")
{
    try {
        const HttpResult r = json_body.empty() ? s.get(uri, auth()) : post_command(s, uri, json_body, auth());
        if (r.status != 200) {
            problems.add(uri + ": status " + std::to_string(r.status) + ": " + r.body.substr(0, 200));
            return {};
        }
        if (uri.find(".ekjson") != std::string::npos) {
            // One JSON object per line.
            Value lines = Value::array();
            std::size_t start = 0;
            while (start < r.body.size()) {
                const std::size_t end = r.body.find('\n', start);
                const std::string line = r.body.substr(start, end - start);
                if (!line.empty()) lines.push(airsight::core::parse_json(line));
                if (end == std::string::npos) break;
                start = end + 1;
            }
            return lines;
        }
        return airsight::core::parse_json(r.body);
    } catch (const std::exception& e) {
        problems.add(uri + ": " + e.what());
        return {};
    }
}

} // namespace

TEST_CASE("concurrency: two sources ingest while clients read devices, stats and sources and retune a source")
{
    const std::uint64_t frames = frames_per_source();
    const std::string per_source = ",rate=max,frames=" + std::to_string(frames);
    ServerProcess server(kLogin, {"-c", "sim:name=north,seed=11,aps=8,clients=20" + per_source, "-c",
                                  "sim:name=south,seed=12,aps=8,clients=20" + per_source});

    Problems problems;
    std::atomic<bool> done{false};
    std::atomic<std::uint64_t> requests{0};

    auto reader = [&](int which) {
        std::uint64_t last_delivered = 0, last_devices = 0;
        while (!done.load()) {
            switch (which) {
            case 0: {
                const Value stats = fetch(server, problems, "/packetchain/packet_stats.json");
                const std::uint64_t delivered = num(stats, "airsight.packetchain.delivered");
                if (delivered < last_delivered) problems.add("packet stats went backwards");
                last_delivered = delivered;
                break;
            }
            case 1: {
                const Value list = fetch(server, problems, "/devices/views/all/devices.json",
                                         R"({"fields": ["kismet.device.base.macaddr", "kismet.device.base.packets.total",)"
                                         R"( ["kismet.device.base.signal/kismet.common.signal.last_signal", "signal"]]})");
                if (list.kind() == Value::Kind::Array) {
                    if (list.size() < last_devices) problems.add("the device list shrank");
                    last_devices = list.size();
                }
                break;
            }
            case 2:
                (void)fetch(server, problems, "/devices/all_devices.ekjson");
                break;
            case 3:
                (void)fetch(server, problems, "/devices/views/phydot11_accesspoints/devices.json",
                            R"({"regex": [["dot11.device/dot11.device.last_beaconed_ssid_record/dot11.advertisedssid.ssid", "."]]})");
                break;
            case 4:
                (void)fetch(server, problems, "/datasource/all_sources.json");
                (void)fetch(server, problems, "/system/status.json");
                break;
            default:
                (void)fetch(server, problems, "/devices/summary/devices.json",
                            R"({"fields": ["kismet.device.base.key"], "regex": [["kismet.device.base.macaddr", "^0"]]})");
                break;
            }
            requests.fetch_add(1);
        }
    };
    std::vector<std::thread> clients;
    for (int i = 0; i < 6; ++i) clients.emplace_back(reader, i);

    // Meanwhile: wait for both sources, retuning one of them now and then.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(4);
    Value sources;
    bool finished = false;
    for (int round = 0; !finished && std::chrono::steady_clock::now() < deadline; ++round) {
        sources = fetch(server, problems, "/datasource/all_sources.json");
        finished = sources.kind() == Value::Kind::Array && sources.size() == 2;
        for (std::size_t i = 0; finished && i < sources.size(); ++i)
            finished = num(sources.at(i), "airsight.datasource.finished") == 1;
        if (!finished && sources.kind() == Value::Kind::Array && sources.size() == 2 && round % 4 == 0) {
            const std::string uuid = sources.at(0).find("kismet.datasource.uuid")->as_string();
            const std::string cmd = round % 8 == 0 ? R"({"channel": "6"})" : R"({"hop": true})";
            const std::string uri = "/datasource/by-uuid/" + uuid + (round % 8 == 0 ? "/set_channel.cmd" : "/set_hop.cmd");
            (void)fetch(server, problems, uri, cmd);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // A few more rounds of reads on the settled state, then stop the clients.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    done = true;
    for (auto& t : clients) t.join();

    for (const std::string& p : problems.list()) FAIL_CHECK(p);
    REQUIRE(finished);
    CHECK(requests.load() >= 12);

    const Value stats = json_of(server.get("/packetchain/packet_stats.json"));
    CHECK(num(stats, "airsight.packetchain.delivered") == 2 * frames);
    CHECK(num(stats, "airsight.packetchain.processed") == 2 * frames);
    std::uint64_t source_packets = 0;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        CHECK(num(sources.at(i), "kismet.datasource.num_packets") == frames);
        CHECK(num(sources.at(i), "kismet.datasource.error") == 0);
        source_packets += num(sources.at(i), "kismet.datasource.num_packets");
    }
    CHECK(source_packets == 2 * frames);
    // Every device the tracker lists is served whole, and they all came from these frames.
    const Value devices = json_of(server.get("/devices/all_devices.json", auth()));
    CHECK(devices.size() > 0);
    std::uint64_t device_packets = 0;
    for (std::size_t i = 0; i < devices.size(); ++i) device_packets += num(devices.at(i), "kismet.device.base.packets.total");
    CHECK(device_packets > 0);
}
