// Kismet's RRDs over REST against the real server: /packetchain/packet_stats,
// the datasource and device packet rates, /system/status memory and device
// counts; and a capture heard by two sources counting once.
#include "captures.h"
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <thread>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};

const Value& member(const Value& v, const char* name)
{
    const Value* m = v.find(name);
    INFO("missing member " << name);
    REQUIRE(m != nullptr);
    return *m;
}

double minute_sum(const Value& rrd)
{
    const Value& vec = member(rrd, "kismet.common.rrd.minute_vec");
    double sum = 0;
    for (std::size_t i = 0; i < vec.size(); ++i) sum += vec.at(i).as_double();
    return sum;
}

// Checks the shape of a kismet.common.rrd record, as Kismet's web UI reads it.
void check_rrd_shape(const Value& rrd)
{
    CHECK(member(rrd, "kismet.common.rrd.minute_vec").size() == 60);
    CHECK(member(rrd, "kismet.common.rrd.hour_vec").size() == 60);
    CHECK(member(rrd, "kismet.common.rrd.day_vec").size() == 24);
    const auto now = static_cast<std::uint64_t>(std::time(nullptr));
    const std::uint64_t serial = member(rrd, "kismet.common.rrd.serial_time").as_uint();
    CHECK(serial + 5 >= now);
    CHECK(serial <= now + 5);
    CHECK(member(rrd, "kismet.common.rrd.last_time").as_uint() <= serial);
    CHECK(member(rrd, "kismet.common.rrd.blank_val").as_double() == 0);
    member(rrd, "kismet.common.rrd.last_value");
    member(rrd, "kismet.common.rrd.last_value_n1");
}

// Polls `uri` until `done` accepts its JSON (the RRDs are fed once a second).
Value poll(const ServerProcess& s, const std::string& uri, const std::function<bool(const Value&)>& done)
{
    Value v;
    for (int i = 0; i < 200; ++i) {
        v = json_of(s.get(uri));
        if (done(v)) return v;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("no expected answer from " << uri << ": " << s.get(uri).body.substr(0, 600));
    return v;
}

} // namespace

TEST_CASE("packet, source, device and system rates are Kismet RRDs that add up to what was replayed" *
          doctest::test_suite("needs-captures"))
{
    const auto capture = shared_capture("wpa2-psk-linksys.cap"); // 499 packets (MANIFEST.tsv)
    if (!capture) return;
    ServerProcess server(kLogin, {"-c", capture->string() + ":name=replay"});
    const std::string uuid = only_source(server);

    // Both histories are sampled by the ticker; on a loaded machine one second's
    // sample may land in one before the other: wait for both.
    const Value stats = poll(server, "/packetchain/packet_stats.json", [](const Value& v) {
        return minute_sum(member(v, "kismet.packetchain.processed_packets_rrd")) == 499 &&
               minute_sum(member(v, "kismet.packetchain.packets_rrd")) == 499;
    });
    for (const char* name : {"kismet.packetchain.peak_packets_rrd", "kismet.packetchain.packets_rrd",
                             "kismet.packetchain.error_packets_rrd", "kismet.packetchain.dupe_packets_rrd",
                             "kismet.packetchain.queued_packets_rrd", "kismet.packetchain.dropped_packets_rrd",
                             "kismet.packetchain.processed_packets_rrd"}) {
        INFO(name);
        check_rrd_shape(member(stats, name));
    }
    CHECK(minute_sum(member(stats, "kismet.packetchain.packets_rrd")) == 499);
    CHECK(minute_sum(member(stats, "kismet.packetchain.dupe_packets_rrd")) == 0); // one source
    CHECK(minute_sum(member(stats, "kismet.packetchain.dropped_packets_rrd")) == 0);
    std::uint64_t stage_errors = 0;
    const Value& stages = member(stats, "airsight.packetchain.stages");
    for (std::size_t i = 0; i < stages.size(); ++i) stage_errors += member(stages.at(i), "airsight.packetchain.stage.errors").as_uint();
    CHECK(minute_sum(member(stats, "kismet.packetchain.error_packets_rrd")) == static_cast<double>(stage_errors));
    // The peak of a minute is at least its average.
    const Value& peak = member(stats, "kismet.packetchain.peak_packets_rrd");
    const Value& rate = member(stats, "kismet.packetchain.packets_rrd");
    double peak_max = 0, rate_max = 0;
    for (std::size_t i = 0; i < 60; ++i) {
        peak_max = std::max(peak_max, member(peak, "kismet.common.rrd.hour_vec").at(i).as_double());
        rate_max = std::max(rate_max, member(rate, "kismet.common.rrd.hour_vec").at(i).as_double());
    }
    CHECK(peak_max >= rate_max);
    CHECK(peak_max > 0);

    const Value source = json_of(server.get("/datasource/by-uuid/" + uuid + "/source.json"));
    check_rrd_shape(member(source, "kismet.datasource.packets_rrd"));
    CHECK(minute_sum(member(source, "kismet.datasource.packets_rrd")) == 499);
    CHECK(minute_sum(member(source, "kismet.datasource.packets_datasize_rrd")) > 499 * 10);

    // Every device's packet RRD adds up to its packet count; read through a
    // field spec, as the web UI's device table reads it.
    const HttpResult summary = post_command(server, "/devices/summary/devices.json",
        R"({"fields": ["kismet.device.base.macaddr", "kismet.device.base.packets.total",
                       ["kismet.device.base.packets.rrd/kismet.common.rrd.minute_vec", "minute"],
                       "kismet.device.base.packets.rrd/kismet.common.rrd.last_value"]})");
    const Value devices = json_of(summary);
    REQUIRE(devices.size() > 0);
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const Value& d = devices.at(i);
        INFO(member(d, "kismet.device.base.macaddr").as_string());
        const Value& minute = member(d, "minute");
        REQUIRE(minute.size() == 60);
        double sum = 0;
        for (std::size_t s = 0; s < 60; ++s) sum += minute.at(s).as_double();
        CHECK(sum == static_cast<double>(member(d, "kismet.device.base.packets.total").as_uint()));
        CHECK(member(d, "kismet.common.rrd.last_value").as_double() > 0);
    }

    const Value status = poll(server, "/system/status.json", [&](const Value& v) {
        return member(member(v, "kismet.system.devices.rrd"), "kismet.common.rrd.last_value").as_double() ==
               static_cast<double>(devices.size());
    });
    CHECK(member(status, "kismet.system.devices.count").as_uint() == devices.size());
    check_rrd_shape(member(status, "kismet.system.memory.rrd"));
    check_rrd_shape(member(status, "kismet.system.devices.rrd"));
    CHECK(member(member(status, "kismet.system.memory.rrd"), "kismet.common.rrd.last_value").as_double() > 1000); // KiB
}

TEST_CASE("a capture heard by two sources counts once: duplicates are counted, devices are not inflated" *
          doctest::test_suite("needs-captures"))
{
    const auto capture = shared_capture("wpa2-psk-linksys.cap");
    if (!capture) return;
    const char* ap_fields = R"({"fields": ["kismet.device.base.macaddr", "kismet.device.base.packets.total", "kismet.device.base.seenby"]})";

    // One source: the reference counts.
    std::map<std::string, std::uint64_t> single;
    {
        ServerProcess server(kLogin, {"-c", capture->string() + ":name=one"});
        poll(server, "/packetchain/packet_stats.json",
             [](const Value& v) { return member(v, "airsight.packetchain.processed").as_uint() == 499; });
        const Value devices = json_of(post_command(server, "/devices/summary/devices.json", ap_fields));
        for (std::size_t i = 0; i < devices.size(); ++i)
            single[member(devices.at(i), "kismet.device.base.macaddr").as_string()] =
                member(devices.at(i), "kismet.device.base.packets.total").as_uint();
    }

    // The same frames again from a second source, after the first finished.
    ServerProcess server(kLogin, {"-c", capture->string() + ":name=first"});
    poll(server, "/packetchain/packet_stats.json",
         [](const Value& v) { return member(v, "airsight.packetchain.processed").as_uint() == 499; });
    const HttpResult added = post_command(server, "/datasource/add_source.cmd",
                                          R"({"definition": ")" + capture->string() + R"(:name=second"})",
                                          {{"Authorization", basic_auth("tester", "pw")}});
    REQUIRE(added.status == 200);
    const Value stats = poll(server, "/packetchain/packet_stats.json",
                             [](const Value& v) { return member(v, "airsight.packetchain.processed").as_uint() == 998; });
    // This capture holds 334 distinct frames: 169 of its 499 repeat another
    // byte for byte (ACKs, retransmissions without radiotap). A repeat more
    // than a second from its twin is not a duplicate, so the second source's
    // duplicates number at least the distinct frames, less table collisions.
    const std::uint64_t dupes = member(stats, "airsight.packetchain.duplicates").as_uint();
    CHECK(dupes >= 300);
    CHECK(dupes <= 499);

    const Value devices = json_of(post_command(server, "/devices/summary/devices.json", ap_fields));
    CHECK(devices.size() == single.size());
    bool some_seen_by_both = false;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const std::string mac = member(devices.at(i), "kismet.device.base.macaddr").as_string();
        INFO(mac);
        const std::uint64_t total = member(devices.at(i), "kismet.device.base.packets.total").as_uint();
        CHECK(total >= single[mac]);
        CHECK(total <= single[mac] + single[mac] / 10 + 2);
        if (member(devices.at(i), "kismet.device.base.seenby").size() == 2) some_seen_by_both = true;
    }
    CHECK(some_seen_by_both);
}
