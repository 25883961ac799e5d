// Small helpers the REST integration tests share.
#ifndef AIRSIGHT_TESTS_INTEGRATION_REST_HELPERS_H
#define AIRSIGHT_TESTS_INTEGRATION_REST_HELPERS_H

#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <map>
#include <string>

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

} // namespace airsight::test

#endif
