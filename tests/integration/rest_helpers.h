// Small helpers the REST integration tests share.
#ifndef AIRSIGHT_TESTS_INTEGRATION_REST_HELPERS_H
#define AIRSIGHT_TESTS_INTEGRATION_REST_HELPERS_H

#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace airsight::test {

/// Parses a response body as JSON; a test failure showing the body when it is not.
inline airsight::Value json_of(const HttpResult& r)
{
    INFO("status " << r.status << " body: " << r.body.substr(0, 400));
    airsight::Value v;
    REQUIRE_NOTHROW(v = airsight::core::parse_json(r.body));
    return v;
}

/// A form body `json=<percent-encoded JSON>`, as real clients send commands.
inline std::string json_form(const std::string& json)
{
    std::string encoded;
    Poco::URI::encode(json, "+&=%", encoded);
    return "json=" + encoded;
}

/// POSTs a command with its json= body and the given headers (e.g. a login).
inline HttpResult post_command(const ServerProcess& s, const std::string& uri, const std::string& json,
                               const std::map<std::string, std::string>& headers = {})
{
    return s.post(uri, json_form(json), "application/x-www-form-urlencoded", headers);
}

/// A record's field, as a test failure naming the field when it is missing.
inline const airsight::Value& field(const airsight::Value& record, const char* name)
{
    const airsight::Value* v = record.find(name);
    REQUIRE_MESSAGE(v != nullptr, name);
    return *v;
}
inline std::string str(const airsight::Value& record, const char* name) { return field(record, name).as_string(); }
inline std::uint64_t num(const airsight::Value& record, const char* name) { return field(record, name).as_uint(); }
inline double real(const airsight::Value& record, const char* name) { return field(record, name).as_double(); }
inline std::vector<std::string> strings(const airsight::Value& record, const char* name)
{
    const airsight::Value& v = field(record, name);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(v.at(i).as_string());
    return out;
}

/// A datasource's record, /datasource/by-uuid/UUID/source.json.
inline airsight::Value source_record(const ServerProcess& s, const std::string& uuid)
{
    return json_of(s.get("/datasource/by-uuid/" + uuid + "/source.json"));
}

/// Polls a source's record until `done` says so (sources run on their own
/// threads; a minute allows for Kismet's 5 s retry interval), else fails with
/// `what` and the last record.
inline airsight::Value wait_for_source(const ServerProcess& s, const std::string& uuid, const char* what,
                                       const std::function<bool(const airsight::Value&)>& done,
                                       std::chrono::seconds limit = std::chrono::seconds(60))
{
    airsight::Value record;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        record = source_record(s, uuid);
        if (done(record)) return record;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("source " << uuid << " never reached " << what << "; server output: " << s.output().substr(0, 3000));
    return record;
}

/// The UUID of the server's only source; a test failure when it has none or several.
inline std::string only_source(const ServerProcess& s)
{
    const airsight::Value list = json_of(s.get("/datasource/all_sources.json"));
    REQUIRE(list.size() == 1);
    return str(list.at(0), "kismet.datasource.uuid");
}

/// Polls the only source until it finished its run (a finite one: a file, a
/// sim with frames=) or failed; returns its record. Five minutes: the largest
/// captures take that long under the sanitizers.
inline airsight::Value wait_for_end(const ServerProcess& s)
{
    return wait_for_source(
        s, only_source(s), "the end of its run",
        [](const airsight::Value& v) {
            return num(v, "airsight.datasource.finished") == 1 || num(v, "kismet.datasource.error") == 1;
        },
        std::chrono::minutes(5));
}

/// One member of each record a device view lists, by the device's MAC:
/// view_records(s, "phyuav", "uav.device") gives each drone's uav.device.
inline std::map<std::string, airsight::Value> view_records(const ServerProcess& s, const std::string& view,
                                                           const char* member)
{
    const HttpResult r = post_command(s, "/devices/views/" + view + "/devices.json", "{}", s.login());
    REQUIRE(r.status == 200);
    const airsight::Value list = json_of(r);
    std::map<std::string, airsight::Value> out;
    for (std::size_t i = 0; i < list.size(); ++i)
        out[str(list.at(i), "kismet.device.base.macaddr")] = field(list.at(i), member);
    return out;
}

} // namespace airsight::test

#endif
