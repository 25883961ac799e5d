// Who may call what, over real HTTP: the login is required by default (as in
// current Kismet), httpd_allow_anonymous_reads=true restores the 2018 API's
// open reads while commands keep needing it, and login routes, public plugin
// routes and static files are always open. Clients as they really are (Basic
// on every request, then the KISMET cookie) keep working.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};

// Reads a stranger must not see unless anonymous reads are allowed.
const std::vector<std::string> kReads{
    "/devices/all_devices.json",   "/devices/all_devices.ekjson",  "/system/status.json",
    "/datasource/all_sources.json", "/messagebus/all_messages.json", "/plugins/all_plugins.json",
    "/hello/greeting.json",          "/phy/all_phys.json",            "/system/tracked_fields.html",
};

void check_refused(const HttpResult& r)
{
    CHECK(r.status == 401);
    CHECK(r.header("www-authenticate") == "Basic realm=\"airsight\"");
    CHECK(r.content_type.find("application/json") == 0);
    const Value body = json_of(r);
    REQUIRE(body.find("error") != nullptr);
    CHECK(body.find("error")->as_string().find("login required") == 0);
}

std::string kismet_cookie(const HttpResult& r)
{
    const std::string set_cookie = r.header("set-cookie");
    const auto start = set_cookie.find("KISMET=");
    if (start == std::string::npos) return "";
    return set_cookie.substr(start + 7, set_cookie.find(';', start) - start - 7);
}

} // namespace

TEST_CASE("by default every read needs the login")
{
    ServerProcess server(kLogin, {"-c", "sim:name=lab,seed=3,aps=2,clients=2,rate=max,frames=200"});
    for (const std::string& uri : kReads) {
        INFO(uri);
        const HttpResult anonymous = server.anonymous("GET", uri);
        check_refused(anonymous);
        CHECK(anonymous.body.find("kismet.device.base") == std::string::npos);
        CHECK(server.get(uri).status == 200); // with the login
        CHECK(server.anonymous("GET", uri, "", {{"Authorization", basic_auth("tester", "wrong")}}).status == 401);
    }
    // Reads sent as POST (field queries) follow the same rule.
    check_refused(server.anonymous("POST", "/devices/last-time/0/devices.json", json_form(R"({"fields": []})")));
    CHECK(server.post("/devices/last-time/0/devices.json", json_form(R"({"fields": ["kismet.device.base.key"]})"))
              .status == 200);
    // Commands too, of course.
    check_refused(server.anonymous("POST", "/datasource/add_source.cmd", json_form(R"({"definition": "sim"})")));
    check_refused(server.anonymous("POST", "/hello/echo.cmd", json_form(R"({"text": "hi"})")));
}

TEST_CASE("login routes, public plugin routes and static files are open")
{
    ServerProcess server(kLogin);
    // The session routes answer with their own semantics, never the blanket 401.
    const HttpResult check_session = server.anonymous("GET", "/session/check_session");
    CHECK(check_session.status == 401);
    const Value refusal = json_of(check_session);
    REQUIRE(refusal.find("error") != nullptr);
    CHECK(refusal.find("error")->as_string() == "no valid session or login");
    CHECK(server.anonymous("GET", "/session/check_login").status == 403);
    CHECK(server.get("/session/check_login").status == 200);

    const HttpResult health = server.anonymous("GET", "/hello/health.json");
    REQUIRE(health.status == 200);
    const Value answer = json_of(health);
    REQUIRE(answer.find("healthy") != nullptr);
    CHECK(answer.find("healthy")->as_bool());

    for (const char* file : {"/", "/index.html", "/plugin/webdemo/index.html", "/plugin/webdemo/js/webdemo.js"}) {
        INFO(file);
        const HttpResult r = server.anonymous("GET", file);
        CHECK(r.status == 200);
        CHECK(!r.body.empty());
    }
}

TEST_CASE("a Basic login opens a KISMET session that works alone; clients that send both keep working")
{
    ServerProcess server(kLogin, {"-c", "sim:name=lab,seed=3,aps=2,clients=0,rate=max,frames=100"});
    const HttpResult login = server.get("/session/check_session", server.login());
    REQUIRE(login.status == 200);
    const std::string cookie = kismet_cookie(login);
    REQUIRE(cookie.size() == 32);
    const std::map<std::string, std::string> with_cookie{{"Cookie", "KISMET=" + cookie}};
    CHECK(server.get("/devices/all_devices.json", with_cookie).status == 200);
    CHECK(server.get("/system/status.json", with_cookie).status == 200);
    CHECK(post_command(server, "/hello/echo.cmd", R"({"text": "hi"})", with_cookie).status == 200);
    CHECK(server.get("/devices/all_devices.json", {{"Cookie", "KISMET=" + std::string(32, 'f')}}).status == 401);

    // kismet_rest: Basic on every request and the cookie it was given.
    std::map<std::string, std::string> both = server.login();
    both["Cookie"] = "KISMET=" + cookie;
    CHECK(server.get("/devices/all_devices.ekjson", both).status == 200);
    CHECK(server.get("/datasource/all_sources.json", both).status == 200);
}

TEST_CASE("httpd_allow_anonymous_reads=true opens reads; commands still need the login")
{
    std::vector<std::string> config = kLogin;
    config.push_back("httpd_allow_anonymous_reads=true");
    ServerProcess server(config, {"-c", "sim:name=lab,seed=3,aps=2,clients=2,rate=max,frames=200"});
    for (const std::string& uri : kReads) {
        INFO(uri);
        CHECK(server.anonymous("GET", uri).status == 200);
    }
    CHECK(server.anonymous("POST", "/devices/last-time/0/devices.json", json_form(R"({"fields": []})")).status ==
          200);
    check_refused(server.anonymous("POST", "/datasource/add_source.cmd", json_form(R"({"definition": "sim"})")));
    check_refused(server.anonymous("POST", "/hello/echo.cmd", json_form(R"({"text": "hi"})")));
    const Value sources = json_of(server.get("/datasource/all_sources.json"));
    REQUIRE(sources.size() == 1);
    const std::string uuid = sources.at(0).find("kismet.datasource.uuid")->as_string();
    check_refused(server.anonymous("POST", "/datasource/by-uuid/" + uuid + "/set_hop.cmd", json_form("{}")));
    CHECK(post_command(server, "/hello/echo.cmd", R"({"text": "hi"})").status == 200);
}

TEST_CASE("a bad httpd_allow_anonymous_reads value stops start-up with the key's name")
{
    CHECK_THROWS_WITH_AS(ServerProcess({"httpd_allow_anonymous_reads=perhaps"}),
                         doctest::Contains("httpd_allow_anonymous_reads"), std::runtime_error);
}
