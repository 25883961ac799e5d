// What the web UI needs from the server, against the real server and a live
// sim source: the Data sources panel's calls (add by definition, list with
// state, packets and channel, lock, hop, pause, resume, close, open), the
// Graphs panel's channel RRDs, a device's signal RRD, and sessions (logout,
// an expired cookie told apart, no Basic challenge for the page's script).
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <functional>
#include <chrono>
#include <thread>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }

HttpResult command(const ServerProcess& s, const std::string& uri, const std::string& json)
{
    return post_command(s, uri, json, auth());
}

// Polls `uri` until `ok` accepts its JSON (10 s at most).
Value wait_for(const ServerProcess& s, const std::string& uri, const char* what, const std::function<bool(const Value&)>& ok,
               const std::string& post_json = "")
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        const HttpResult r = post_json.empty() ? s.get(uri, auth()) : command(s, uri, post_json);
        if (r.status == 200) {
            Value v = json_of(r);
            if (ok(v)) return v;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    FAIL("never got " << what << " from " << uri << "; server output: " << s.output().substr(0, 3000));
    return Value();
}

bool any_item(const Value& list, const std::function<bool(const Value&)>& pred)
{
    for (std::size_t i = 0; i < list.size(); ++i)
        if (pred(list.at(i))) return true;
    return false;
}

std::string cookie_of(const HttpResult& r)
{
    const std::string set = r.header("set-cookie");
    return set.substr(0, set.find(';'));
}

} // namespace

TEST_CASE("ui: the Data sources panel's calls on a sim source added by definition")
{
    ServerProcess server(kLogin);
    const HttpResult added = command(server, "/datasource/add_source.cmd", R"({"definition": "sim:name=panel,rate=100"})");
    REQUIRE(added.status == 200);
    const std::string uuid = str(json_of(added), "kismet.datasource.uuid");
    const std::string base = "/datasource/by-uuid/" + uuid + "/";

    // The list shows each source's state, packets and channel.
    const Value listed = wait_for(server, "/datasource/all_sources.json", "a source with packets", [](const Value& list) {
        return list.size() == 1 && list.at(0).find("kismet.datasource.num_packets")->as_uint() > 0;
    });
    const Value& source = listed.at(0);
    CHECK(str(source, "kismet.datasource.name") == "panel");
    CHECK(num(source, "kismet.datasource.running") == 1);
    CHECK(num(source, "kismet.datasource.paused") == 0);
    CHECK(num(source, "kismet.datasource.error") == 0);
    CHECK(num(source, "kismet.datasource.hopping") == 1);
    CHECK(field(source, "kismet.datasource.channel").kind() == Value::Kind::String);
    CHECK(strings(source, "kismet.datasource.channels").size() > 1);

    // Lock a channel, then hop again (set_hop by GET and by POST, as Kismet).
    const HttpResult locked = command(server, base + "set_channel.cmd", R"({"channel": "6"})");
    REQUIRE(locked.status == 200);
    CHECK(str(json_of(locked), "kismet.datasource.channel") == "6");
    CHECK(num(json_of(locked), "kismet.datasource.hopping") == 0);
    const HttpResult hop_get = server.get(base + "set_hop.cmd", auth());
    REQUIRE(hop_get.status == 200);
    CHECK(num(json_of(hop_get), "kismet.datasource.hopping") == 1);
    REQUIRE(command(server, base + "set_channel.cmd", R"({"channel": "11"})").status == 200);
    const HttpResult hop_post = command(server, base + "set_hop.cmd", "{}");
    REQUIRE(hop_post.status == 200);
    CHECK(num(json_of(hop_post), "kismet.datasource.hopping") == 1);
    CHECK(server.anonymous("GET", base + "set_hop.cmd").status == 401);

    // Pause and resume, close and open.
    CHECK(num(json_of(command(server, base + "pause_source.cmd", "{}")), "kismet.datasource.paused") == 1);
    CHECK(num(json_of(command(server, base + "resume_source.cmd", "{}")), "kismet.datasource.paused") == 0);
    CHECK(num(json_of(command(server, base + "close_source.cmd", "{}")), "kismet.datasource.running") == 0);
    CHECK(num(json_of(server.get("/datasource/all_sources.json", auth())).at(0), "kismet.datasource.running") == 0);
    const HttpResult reopened = command(server, base + "open_source.cmd", "{}");
    REQUIRE(reopened.status == 200);
    CHECK(num(json_of(reopened), "kismet.datasource.running") == 1);

    // An unknown source is 404 on every call.
    const std::string nobody = "/datasource/by-uuid/00000000-0000-0000-0000-000000000000/";
    for (const char* call : {"open_source.cmd", "close_source.cmd", "pause_source.cmd", "resume_source.cmd", "set_hop.cmd"})
        CHECK(command(server, nobody + call, "{}").status == 404);
    CHECK(command(server, nobody + "set_channel.cmd", R"({"channel": "6"})").status == 404);
}

TEST_CASE("ui: channel usage and a device's signal over the past minute, from a sim source")
{
    ServerProcess server(kLogin, {"-c", "sim:name=graphs,seed=3,aps=3,clients=3,rate=200"});

    // /channels/channels: per frequency, Kismet's channel record with RRDs
    // (the ticker samples once a second, so wait for a second with packets).
    const Value channels = wait_for(server, "/channels/channels.json", "a frequency with a packet rate", [](const Value& v) {
        const Value* map = v.find("kismet.channeltracker.frequency_map");
        if (!map) return false;
        for (const auto& entry : map->entries()) {
            const Value* rrd = entry.value()->find("kismet.channelrec.packets_rrd");
            const Value* minute = rrd ? rrd->find("kismet.common.rrd.minute_vec") : nullptr;
            if (minute && any_item(*minute, [](const Value& x) { return x.as_double() > 0; })) return true;
        }
        return false;
    });
    REQUIRE(channels.find("kismet.channeltracker.channel_map"));
    const Value& map = *channels.find("kismet.channeltracker.frequency_map");
    REQUIRE(map.size() >= 1);
    bool some_devices = false, some_signal = false;
    for (const auto& entry : map.entries()) {
        const Value& rec = *entry.value();
        CHECK(entry.key == std::to_string(static_cast<std::uint64_t>(real(rec, "kismet.channelrec.frequency"))));
        CHECK(real(rec, "kismet.channelrec.frequency") > 2400000);
        CHECK(!str(rec, "kismet.channelrec.channel").empty());
        for (const char* name : {"kismet.channelrec.packets_rrd", "kismet.channelrec.data_rrd", "kismet.channelrec.device_rrd"}) {
            const Value& rrd = field(rec, name);
            CHECK(field(rrd, "kismet.common.rrd.minute_vec").size() == 60);
            CHECK(field(rrd, "kismet.common.rrd.hour_vec").size() == 60);
            CHECK(field(rrd, "kismet.common.rrd.day_vec").size() == 24);
            CHECK(num(rrd, "kismet.common.rrd.serial_time") > 0);
        }
        some_devices |= real(field(rec, "kismet.channelrec.device_rrd"), "kismet.common.rrd.last_value") > 0;
        if (const Value* signal = rec.find("kismet.channelrec.signal")) {
            some_signal = true;
            CHECK(str(*signal, "kismet.common.signal.type") == "dbm");
            CHECK(field(*signal, "kismet.common.signal.max_signal").as_int() < 0);
        }
    }
    CHECK(some_devices);
    CHECK(some_signal);

    // A device's signal RRD, whole and through a field spec's path.
    const std::string spec = R"({"fields": ["kismet.device.base.key",
        "kismet.device.base.signal/kismet.common.signal.signal_rrd"]})";
    const Value summary = wait_for(server, "/devices/summary/devices.json", "a device with a signal RRD",
                                   [](const Value& list) {
                                       for (std::size_t i = 0; i < list.size(); ++i)
                                           if (list.at(i).find("kismet.common.signal.signal_rrd")) return true;
                                       return false;
                                   },
                                   spec);
    std::string key;
    for (std::size_t i = 0; i < summary.size() && key.empty(); ++i) {
        const Value* rrd = summary.at(i).find("kismet.common.signal.signal_rrd");
        if (!rrd || rrd->kind() != Value::Kind::Map) continue;
        const Value& minute = field(*rrd, "kismet.common.rrd.minute_vec");
        REQUIRE(minute.size() == 60);
        CHECK(rrd->find("kismet.common.rrd.hour_vec") == nullptr); // a minute RRD, as Kismet's
        const bool heard = any_item(minute, [](const Value& x) { return x.as_double() < 0 && x.as_double() >= -128; });
        if (heard) key = str(summary.at(i), "kismet.device.base.key");
    }
    REQUIRE_MESSAGE(!key.empty(), "no device's signal RRD holds a dBm value");
    const Value device = json_of(server.get("/devices/by-key/" + key + "/device.json", auth()));
    const Value& signal = field(device, "kismet.device.base.signal");
    const Value& rrd = field(signal, "kismet.common.signal.signal_rrd");
    CHECK(real(rrd, "kismet.common.rrd.blank_val") == 0);
    CHECK(field(rrd, "kismet.common.rrd.minute_vec").size() == 60);
    const HttpResult path = server.get(
        "/devices/by-key/" + key + "/device.json/kismet.device.base.signal/kismet.common.signal.signal_rrd", auth());
    REQUIRE(path.status == 200);
    CHECK(field(json_of(path), "kismet.common.rrd.minute_vec").size() == 60);
}

TEST_CASE("ui: logout ends the session; an expired cookie is told apart; a page's script gets no Basic challenge")
{
    ServerProcess server(kLogin);
    const HttpResult login = server.get("/session/check_session", auth());
    REQUIRE(login.status == 200);
    const std::string cookie = cookie_of(login);
    REQUIRE(cookie.rfind("KISMET=", 0) == 0);
    const std::map<std::string, std::string> with_cookie{{"Cookie", cookie}};
    CHECK(server.get("/system/status.json", with_cookie).status == 200);

    // Logout: POST only, answers JSON, expires the cookie, ends the session.
    CHECK(server.request("GET", "/session/logout.cmd", "", "", with_cookie).status == 405);
    const HttpResult out = server.post("/session/logout.cmd", "", "application/x-www-form-urlencoded", with_cookie);
    REQUIRE(out.status == 200);
    CHECK(out.content_type.find("application/json") == 0);
    CHECK(str(json_of(out), "session") == "ended");
    CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
    CHECK(str(json_of(server.post("/session/logout.cmd", "", "application/x-www-form-urlencoded", with_cookie)),
              "session") == "none");

    // The old cookie: 401 saying the session expired, with the challenge
    // Kismet clients wait for...
    const HttpResult stale = server.get("/system/status.json", with_cookie);
    CHECK(stale.status == 401);
    CHECK(str(json_of(stale), "error").find("session expired") == 0);
    CHECK(stale.header("www-authenticate").find("Basic") == 0);
    const HttpResult stale_check = server.get("/session/check_session", with_cookie);
    CHECK(stale_check.status == 401);
    CHECK(str(json_of(stale_check), "error").find("session expired") == 0);

    // ... and none for the page's own requests, so the browser shows no
    // login dialog of its own over the page's.
    std::map<std::string, std::string> from_page = with_cookie;
    from_page["X-Requested-With"] = "XMLHttpRequest";
    const HttpResult page = server.get("/system/status.json", from_page);
    CHECK(page.status == 401);
    CHECK(str(json_of(page), "error").find("session expired") == 0);
    CHECK(page.header("www-authenticate").empty());
    CHECK(server.get("/session/check_session", {{"X-Requested-With", "XMLHttpRequest"}}).header("www-authenticate").empty());

    // A fresh login still works, and Basic clients are unaffected.
    CHECK(server.get("/system/status.json", auth()).status == 200);
}
