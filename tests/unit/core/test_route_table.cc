#include "http/route_table.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::core;

namespace {
Route route(unsigned methods, std::string path, unsigned formats, std::string tag = "")
{
    return Route{.methods = methods,
                 .path = std::move(path),
                 .formats = formats,
                 .login_required = false,
                 .handler = [tag](const Request&) { return Reply::bytes("text/plain", tag); },
                 .description = ""};
}
std::string run(const RouteMatch& m) { return m.route->handler(Request{}).raw; }
} // namespace

TEST_CASE("extensions split off the last segment only when known")
{
    CHECK(split_extension("/system/status.json") == std::pair<std::string, std::string>{"/system/status", "json"});
    CHECK(split_extension("/system/status") == std::pair<std::string, std::string>{"/system/status", ""});
    CHECK(split_extension("/a/1.5/b.ekjson") == std::pair<std::string, std::string>{"/a/1.5/b", "ekjson"});
    CHECK(split_extension("/a/file.tar") == std::pair<std::string, std::string>{"/a/file.tar", ""});
    CHECK(split_extension("/a.json/b") == std::pair<std::string, std::string>{"/a.json/b", ""});
}

TEST_CASE("templates match parameters, methods and formats")
{
    RouteTable t;
    t.add(route(GET, "/messagebus/last-time/[TS]/messages", OBJECT_FORMATS, "msgs"));
    t.add(route(GET | POST, "/x/pause.cmd-like", CMD, "cmd"));
    t.add(route(POST, "/devices/summary/devices", LIST_FORMATS, "summary"));

    RouteMatch m = t.match("GET", "/messagebus/last-time/12.5/messages", "json");
    REQUIRE(m.outcome == RouteMatch::Outcome::Found);
    CHECK(m.params.at("TS") == "12.5");
    CHECK(m.format == JSON);
    CHECK(run(m) == "msgs");

    CHECK(t.match("GET", "/messagebus/last-time/12/messages", "").format == JSON);
    CHECK(t.match("GET", "/messagebus/last-time/12/messages", "prettyjson").format == PRETTYJSON);
    CHECK(t.match("GET", "/messagebus/last-time/12/messages", "ekjson").outcome ==
          RouteMatch::Outcome::FormatNotServed);
    CHECK(t.match("GET", "/messagebus/last-time/12", "json").outcome == RouteMatch::Outcome::NotFound);

    const RouteMatch wrong = t.match("GET", "/devices/summary/devices", "json");
    CHECK(wrong.outcome == RouteMatch::Outcome::MethodNotAllowed);
    CHECK(wrong.allowed_methods == POST);
    CHECK(t.match("POST", "/devices/summary/devices", "itjson").format == ITJSON);
    CHECK(t.match("DELETE", "/devices/summary/devices", "json").outcome == RouteMatch::Outcome::MethodNotAllowed);

    // Commands answer .cmd and .json, as JSON.
    CHECK(t.match("POST", "/x/pause.cmd-like", "cmd").format == JSON);
    CHECK(t.match("GET", "/x/pause.cmd-like", "json").format == JSON);
    // HEAD is served as GET.
    CHECK(t.match("HEAD", "/messagebus/last-time/1/messages", "json").outcome == RouteMatch::Outcome::Found);
}

TEST_CASE("literal segments win over parameters")
{
    RouteTable t;
    t.add(route(GET, "/a/[X]/c", JSON, "param"));
    t.add(route(GET, "/a/b/c", JSON, "literal"));
    CHECK(run(t.match("GET", "/a/b/c", "json")) == "literal");
    CHECK(run(t.match("GET", "/a/z/c", "json")) == "param");
}

TEST_CASE("conflicts and malformed routes are refused; owners withdraw their routes")
{
    RouteTable t;
    t.add(route(GET, "/p/one", JSON), "plugin:p");
    CHECK_THROWS_AS(t.add(route(GET, "/p/one", JSON | PRETTYJSON)), std::invalid_argument);
    CHECK_NOTHROW(t.add(route(POST, "/p/one", JSON)));         // other method
    CHECK_NOTHROW(t.add(route(GET, "/p/one", EKJSON)));        // other format
    CHECK_THROWS_AS(t.add(route(GET, "no-slash", JSON)), std::invalid_argument);
    CHECK_THROWS_AS(t.add(route(GET, "/a/[bad", JSON)), std::invalid_argument);
    CHECK_THROWS_AS(t.add(route(0, "/a", JSON)), std::invalid_argument);
    CHECK_THROWS_AS(t.add(route(GET, "/a", 0)), std::invalid_argument);
    Route no_handler = route(GET, "/b", JSON);
    no_handler.handler = nullptr;
    CHECK_THROWS_AS(t.add(no_handler), std::invalid_argument);
    Route contradictory = route(GET, "/c", JSON);
    contradictory.login_required = true;
    contradictory.public_route = true;
    CHECK_THROWS_WITH_AS(t.add(contradictory), doctest::Contains("both public_route and login_required"),
                         std::invalid_argument);

    CHECK(t.routes().size() == 3);
    t.remove_owner("plugin:p");
    CHECK(t.routes().size() == 2);
    // GET .json is gone; POST .json remains: 405, not 404.
    CHECK(t.match("GET", "/p/one", "json").outcome == RouteMatch::Outcome::MethodNotAllowed);
}

TEST_CASE("a trailing [*NAME] takes the rest of the path")
{
    RouteTable t;
    t.add(route(GET, "/devices/by-key/[KEY]/device.json/[*PATH]", JSON, "sub"));
    t.add(route(GET, "/devices/by-key/[KEY]/device", JSON, "whole"));
    const RouteMatch m = t.match("GET", "/devices/by-key/K1/device.json/a.b/c.d", "");
    REQUIRE(m.outcome == RouteMatch::Outcome::Found);
    CHECK(m.params.at("KEY") == "K1");
    CHECK(m.params.at("PATH") == "a.b/c.d");
    CHECK(run(t.match("GET", "/devices/by-key/K1/device", "json")) == "whole");
    CHECK(t.match("GET", "/devices/by-key/K1/device.json", "").outcome == RouteMatch::Outcome::NotFound);
    CHECK_THROWS_AS(t.add(route(GET, "/a/[*X]/b", JSON)), std::invalid_argument);
}
