// Starts the real airsight and checks every issue-2 endpoint over real HTTP:
// serializations, auth and sessions, commands, errors, static files, plugins.
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=s3cret#pw"};

std::map<std::string, std::string> good_auth() { return {{"Authorization", basic_auth("tester", "s3cret#pw")}}; }

// Parses a JSON body, failing the test with the body when it is not JSON.

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The value of the KISMET cookie in a Set-Cookie header.
std::string kismet_cookie(const HttpResult& r)
{
    const std::string set_cookie = r.header("set-cookie");
    const auto start = set_cookie.find("KISMET=");
    if (start == std::string::npos) return "";
    const auto end = set_cookie.find(';', start);
    return set_cookie.substr(start + 7, end - start - 7);
}

const Value* find_plugin(const Value& list, const std::string& name)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Value* n = list.at(i).find("kismet.plugin.name");
        if (n && n->as_string() == name) return &list.at(i);
    }
    return nullptr;
}

} // namespace

TEST_CASE("system status, timestamp and tracked fields in every serialization")
{
    ServerProcess server(kLogin);

    const HttpResult status = server.get("/system/status.json");
    CHECK(status.status == 200);
    CHECK(status.content_type.find("application/json") == 0);
    CHECK(status.body.find('\n') == std::string::npos); // .json is one line
    const Value s = json_of(status);
    REQUIRE(s.find("kismet.system.timestamp.sec"));
    CHECK(s.find("kismet.system.timestamp.sec")->as_uint() > 1700000000u);
    REQUIRE(s.find("kismet.server.uuid"));
    CHECK(s.find("kismet.server.uuid")->as_string().size() == 36);
    CHECK(s.find("kismet.system.memory.rss")->as_uint() > 0u);
    CHECK(s.find("kismet.system.num_fields")->as_uint() > 10u);
    CHECK(s.find("kismet.system.version")->as_string().size() > 0);

    // No extension serves JSON too.
    CHECK(json_of(server.get("/system/status")).find("kismet.system.user") != nullptr);

    const HttpResult pretty = server.get("/system/status.prettyjson");
    CHECK(pretty.status == 200);
    CHECK(pretty.body.find("\"description.kismet.system.timestamp.sec\": \"uint64_t, system timestamp, seconds\"") !=
          std::string::npos);
    CHECK(lines_of(pretty.body).size() > 10);
    CHECK(json_of(pretty).find("kismet.system.timestamp.sec") != nullptr);

    // An object endpoint does not serve the list-only serializations.
    const HttpResult ek = server.get("/system/status.ekjson");
    CHECK(ek.status == 404);
    CHECK(json_of(ek).find("error")->as_string().find(".prettyjson") != std::string::npos);

    const Value ts = json_of(server.get("/system/timestamp.json"));
    const auto now = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                                    std::chrono::system_clock::now().time_since_epoch())
                                                    .count());
    CHECK(ts.find("kismet.system.timestamp.sec")->as_uint() + 5 >= now);
    CHECK(ts.find("kismet.system.timestamp.sec")->as_uint() <= now + 5);
    CHECK(ts.find("kismet.system.timestamp.usec")->as_uint() < 1000000u);

    const HttpResult fields = server.get("/system/tracked_fields.html");
    CHECK(fields.status == 200);
    CHECK(fields.content_type.find("text/html") == 0);
    CHECK(fields.body.find("<td>kismet.system.timestamp.sec</td>") != std::string::npos);
    CHECK(fields.body.find("<td>hello.greeting</td>") != std::string::npos); // a plugin's field
}

TEST_CASE("logins, sessions and the KISMET cookie")
{
    ServerProcess server(kLogin);

    SUBCASE("no login is 401 with a Basic challenge")
    {
        const HttpResult r = server.anonymous("GET", "/session/check_session");
        CHECK(r.status == 401);
        CHECK(r.header("www-authenticate").find("Basic") == 0);
        CHECK(json_of(r).find("error") != nullptr);
    }
    SUBCASE("a wrong password is 401 and opens no session")
    {
        const HttpResult r = server.get("/session/check_session", {{"Authorization", basic_auth("tester", "nope")}});
        CHECK(r.status == 401);
        CHECK(kismet_cookie(r).empty());
        CHECK(server.get("/session/check_login", {{"Authorization", basic_auth("tester", "nope")}}).status == 403);
    }
    SUBCASE("the right login is 200 with a cookie that works alone")
    {
        const HttpResult r = server.get("/session/check_session", good_auth());
        CHECK(r.status == 200);
        const std::string cookie = kismet_cookie(r);
        REQUIRE(cookie.size() == 32);
        CHECK(server.get("/session/check_session", {{"Cookie", "KISMET=" + cookie}}).status == 200);
        CHECK(server.get("/session/check_session", {{"Cookie", "other=1; KISMET=" + cookie}}).status == 200);
        CHECK(server.get("/session/check_session", {{"Cookie", "KISMET=" + std::string(32, '0')}}).status == 401);
        // check_login ignores the cookie: only a Basic login counts.
        CHECK(server.get("/session/check_login", {{"Cookie", "KISMET=" + cookie}}).status == 403);
        CHECK(server.get("/session/check_login", good_auth()).status == 200);
        // The cookie opens LOGIN REQUIRED routes.
        const HttpResult echo = server.post("/hello/echo.cmd", "json={\"text\":\"hi\"}", "application/x-www-form-urlencoded",
                                            {{"Cookie", "KISMET=" + cookie}});
        CHECK(echo.status == 200);
    }
    SUBCASE("Basic on a read route opens a session too")
    {
        const HttpResult r = server.get("/system/timestamp.json", good_auth());
        CHECK(r.status == 200);
        CHECK(kismet_cookie(r).size() == 32);
    }
    SUBCASE("a malformed Authorization header is a refused login, not an error")
    {
        CHECK(server.get("/session/check_session", {{"Authorization", "Basic !!!not-base64"}}).status == 401);
        CHECK(server.get("/session/check_session", {{"Authorization", "Bearer abc"}}).status == 401);
    }
}

TEST_CASE("commands: json= form bodies, login, bad input")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=s3cret#pw", "httpd_max_body=4096"});

    SUBCASE("LOGIN REQUIRED routes answer 401 without a login")
    {
        const HttpResult r = server.anonymous("POST", "/hello/echo.cmd", "json={\"text\":\"hi\"}");
        CHECK(r.status == 401);
        CHECK(server.post("/hello/echo.cmd", "json={\"text\":\"hi\"}", "application/x-www-form-urlencoded",
                          {{"Authorization", basic_auth("tester", "wrong")}})
                  .status == 401);
    }
    SUBCASE("a command with unknown keys works; the keys are ignored")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "json=%7B%22text%22%3A%22h%C3%A9+llo%22%2C%22x%22%3A1%7D",
                                         "application/x-www-form-urlencoded", good_auth());
        CHECK(r.status == 200);
        CHECK(r.body.find("h\xc3\xa9 llo") != std::string::npos);
    }
    SUBCASE("malformed JSON is a 400 that says so")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "json={\"text\":", "application/x-www-form-urlencoded",
                                         good_auth());
        CHECK(r.status == 400);
        CHECK(json_of(r).find("error")->as_string().find("malformed json") != std::string::npos);
    }
    SUBCASE("json= that is not an object is a 400")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "json=[1,2]", "application/x-www-form-urlencoded",
                                         good_auth());
        CHECK(r.status == 400);
    }
    SUBCASE("a bad percent-escape is a 400")
    {
        CHECK(server.post("/hello/echo.cmd", "json=%ZZ", "application/x-www-form-urlencoded", good_auth()).status ==
              400);
    }
    SUBCASE("a missing key is the handler's 400")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "json={}", "application/x-www-form-urlencoded", good_auth());
        CHECK(r.status == 400);
        CHECK(json_of(r).find("error")->as_string().find("text") != std::string::npos);
    }
    SUBCASE("bodies over httpd_max_body are refused with 413")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "json={\"text\":\"" + std::string(8000, 'a') + "\"}",
                                         "application/x-www-form-urlencoded", good_auth());
        CHECK(r.status == 413);
        // ...and the server keeps serving.
        CHECK(server.get("/system/timestamp.json").status == 200);
    }
    SUBCASE("an unsupported content type is a 415")
    {
        CHECK(server.post("/hello/echo.cmd", "<x/>", "application/xml", good_auth()).status == 415);
    }
    SUBCASE("application/json bodies are accepted as the command")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "{\"text\":\"raw\"}", "application/json", good_auth());
        CHECK(r.status == 200);
        CHECK(r.body.find("raw") != std::string::npos);
    }
    SUBCASE("deeply nested JSON is refused, not a crash")
    {
        const HttpResult r = server.post("/hello/echo.cmd", "json=" + std::string(3000, '['),
                                         "application/x-www-form-urlencoded", good_auth());
        CHECK(r.status == 400);
    }
}

TEST_CASE("routing: 404, 405, formats")
{
    ServerProcess server(kLogin);
    const HttpResult missing = server.get("/no/such/thing.json");
    CHECK(missing.status == 404);
    CHECK(json_of(missing).find("error") != nullptr);

    const HttpResult wrong_method = server.post("/system/timestamp.json", "json={}");
    CHECK(wrong_method.status == 405);
    CHECK(wrong_method.header("allow").find("GET") != std::string::npos);

    const HttpResult bad_uri = server.get("/system/%zz");
    CHECK((bad_uri.status == 400 || bad_uri.status == 404));
}

TEST_CASE("message bus: all messages and last-time")
{
    ServerProcess server(kLogin);
    const HttpResult all = server.get("/messagebus/all_messages.json");
    CHECK(all.status == 200);
    const Value list = json_of(all);
    REQUIRE(list.kind() == Value::Kind::Array);
    bool saw_listening = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Value& m = list.at(i);
        REQUIRE(m.find("kismet.messagebus.message_string"));
        REQUIRE(m.find("kismet.messagebus.message_flags"));
        REQUIRE(m.find("kismet.messagebus.message_time"));
        if (m.find("kismet.messagebus.message_string")->as_string().find("listening") != std::string::npos)
            saw_listening = true;
    }
    CHECK(saw_listening);

    // ekjson: one object per line, never a blank line.
    const HttpResult ek = server.get("/messagebus/all_messages.ekjson");
    CHECK(ek.status == 200);
    const auto lines = lines_of(ek.body);
    CHECK(lines.size() == list.size());
    for (const std::string& line : lines) {
        CHECK(!line.empty());
        CHECK(parse_json(line).find("kismet.messagebus.message_string") != nullptr);
    }
    CHECK(lines_of(server.get("/messagebus/all_messages.itjson").body).size() == list.size());

    const Value since0 = json_of(server.get("/messagebus/last-time/0/messages.json"));
    CHECK(since0.find("kismet.messagebus.list")->size() == list.size());
    const std::uint64_t now = since0.find("kismet.messagebus.timestamp")->as_uint();
    CHECK(now > 1700000000u);

    const Value future = json_of(server.get("/messagebus/last-time/" + std::to_string(now + 1000) + "/messages.json"));
    CHECK(future.find("kismet.messagebus.list")->size() == 0);
    // Negative: relative to now.
    CHECK(json_of(server.get("/messagebus/last-time/-3600/messages.json")).find("kismet.messagebus.list")->size() ==
          list.size());

    const HttpResult bad = server.get("/messagebus/last-time/yesterday/messages.json");
    CHECK(bad.status == 400);
    CHECK(json_of(bad).find("error")->as_string().find("yesterday") != std::string::npos);
}

TEST_CASE("plugins: listed, served, refused ones explained")
{
    TempDir extra;
    // A plugin whose manifest points at a missing object, and one that is not an ELF.
    std::filesystem::create_directories(extra.path() / "broken");
    std::ofstream(extra.path() / "broken" / "manifest.conf") << "name=broken\nversion=1\nobject=missing.so\n";
    std::filesystem::create_directories(extra.path() / "notelf");
    std::ofstream(extra.path() / "notelf" / "manifest.conf") << "name=notelf\nversion=1\nobject=notelf.so\n";
    std::ofstream(extra.path() / "notelf" / "notelf.so") << "this is not a shared object\n";

    ServerProcess server({"httpd_username=tester", "httpd_password=s3cret#pw", "plugin_dir=" + extra.path().string()});

    const Value list = json_of(server.get("/plugins/all_plugins.json"));
    const Value* hello = find_plugin(list, "hello");
    REQUIRE(hello);
    CHECK(hello->find("airsight.plugin.state")->as_string() == "loaded");
    CHECK(hello->find("kismet.plugin.shared_object")->as_string() == "hello.so");
    const Value* web = find_plugin(list, "webdemo");
    REQUIRE(web);
    CHECK(web->find("airsight.plugin.state")->as_string() == "loaded");
    CHECK(web->find("kismet.plugin.shared_object")->as_string() == "");
    CHECK(web->find("kismet.plugin.jsmodule")->as_string().find("/plugin/webdemo/js/webdemo.js") != std::string::npos);

    const Value* broken = find_plugin(list, "broken");
    REQUIRE(broken);
    CHECK(broken->find("airsight.plugin.state")->as_string() == "refused");
    CHECK(broken->find("airsight.plugin.error")->as_string().find("missing.so") != std::string::npos);
    const Value* notelf = find_plugin(list, "notelf");
    REQUIRE(notelf);
    CHECK(notelf->find("airsight.plugin.state")->as_string() == "refused");
    CHECK(!notelf->find("airsight.plugin.error")->as_string().empty());

    // The refusal is on the message bus and in the log too.
    CHECK(server.get("/messagebus/all_messages.json").body.find("notelf") != std::string::npos);
    CHECK(server.output().find("notelf") != std::string::npos);

    // ekjson of the list: one plugin per line.
    CHECK(lines_of(server.get("/plugins/all_plugins.ekjson").body).size() == list.size());

    // The native plugin's endpoint works.
    const HttpResult greeting = server.get("/hello/greeting.json");
    CHECK(greeting.status == 200);
    CHECK(json_of(greeting).find("hello.greeting") != nullptr);

    // The web plugin's files are served under /plugin/<name>/.
    const HttpResult js = server.get("/plugin/webdemo/js/webdemo.js");
    CHECK(js.status == 200);
    CHECK(js.content_type.find("javascript") != std::string::npos);
    CHECK(server.get("/plugin/webdemo/").status == 200);
    CHECK(server.get("/plugin/nosuch/js/x.js").status == 404);
}

TEST_CASE("static files: index, content types, no path traversal")
{
    ServerProcess server(kLogin);
    const HttpResult index = server.get("/");
    CHECK(index.status == 200);
    CHECK(index.content_type.find("text/html") == 0);
    CHECK(index.body.find("airsight") != std::string::npos);
    CHECK(server.get("/index.html").status == 200);

    for (const char* evil : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/plugin/webdemo/../../../etc/passwd",
                             "/plugin/webdemo/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/.git/config", "/..%2f..%2fetc/passwd"}) {
        INFO(evil);
        const HttpResult r = server.get(evil);
        CHECK(r.status != 200);
        CHECK(r.body.find("root:") == std::string::npos);
    }
}

TEST_CASE("first start without credentials generates a 0600 password file")
{
    ServerProcess server({});
    const auto file = server.homedir() / "airsight_httpd.conf";
    REQUIRE(std::filesystem::exists(file));
    struct stat st{};
    REQUIRE(stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(server.output().find(file.string()) != std::string::npos);

    std::ifstream in(file);
    std::string line, user, password;
    while (std::getline(in, line)) {
        if (line.rfind("httpd_username=", 0) == 0) user = line.substr(15);
        if (line.rfind("httpd_password=", 0) == 0) password = line.substr(15);
    }
    REQUIRE(!password.empty());
    CHECK(server.output().find(password) == std::string::npos); // never printed
    CHECK(server.get("/session/check_session", {{"Authorization", basic_auth(user, password)}}).status == 200);
    CHECK(server.get("/session/check_session", {{"Authorization", basic_auth(user, password + "x")}}).status == 401);
}

TEST_CASE("SIGINT and SIGTERM stop the server cleanly")
{
    for (int sig : {SIGTERM, SIGINT}) {
        ServerProcess server(kLogin);
        REQUIRE(server.get("/system/timestamp.json").status == 200);
        const auto start = std::chrono::steady_clock::now();
        const int status = server.stop(sig, 10000);
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        MESSAGE("stopped on signal " << sig << " in " << ms << " ms");
        REQUIRE(status != -1);
        CHECK(ms < 2000); // the issue's bound; the stop path has no waits beyond Poco's 250 ms accept poll
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
}

TEST_CASE("a configuration error stops start-up with a clear message")
{
    CHECK_THROWS_WITH_AS(ServerProcess({"httpd_port=notaport"}), doctest::Contains("httpd_port"), std::runtime_error);
}

TEST_CASE("field specifications and regex filters on list and object endpoints")
{
    ServerProcess server(kLogin);
    // As real clients do: the json= value is percent-encoded ('+' would be a space).
    auto post_json = [&](const std::string& uri, const std::string& json) { return post_command(server, uri, json); };

    SUBCASE("a field spec projects each record, with aliases")
    {
        const HttpResult r = post_json("/plugins/all_plugins.json",
                                       R"({"fields": ["kismet.plugin.name", ["airsight.plugin.state", "state"]]})");
        REQUIRE(r.status == 200);
        const Value list = json_of(r);
        REQUIRE(list.size() >= 2);
        for (std::size_t i = 0; i < list.size(); ++i) {
            CHECK(list.at(i).size() == 2);
            CHECK(list.at(i).find("kismet.plugin.name") != nullptr);
            CHECK(list.at(i).find("state") != nullptr);
        }
    }
    SUBCASE("a regex keeps the matching records only; any term matches")
    {
        const Value one = json_of(post_json("/plugins/all_plugins.json",
                                            R"({"regex": [["kismet.plugin.name", "^hel+o$"]], "fields": ["kismet.plugin.name"]})"));
        REQUIRE(one.size() == 1);
        CHECK(one.at(0).find("kismet.plugin.name")->as_string() == "hello");
        const Value two = json_of(post_json(
            "/plugins/all_plugins.json",
            R"({"regex": [["kismet.plugin.name", "^hello$"], ["kismet.plugin.name", "^webdemo$"]]})"));
        CHECK(two.size() == 2);
        // ekjson of a filtered list: one line per match.
        const HttpResult ek = post_json("/plugins/all_plugins.ekjson",
                                        R"({"regex": [["kismet.plugin.name", "^hello$"]]})");
        CHECK(lines_of(ek.body).size() == 1);
    }
    SUBCASE("an object endpoint is projected too, and a missing path reads 0 as in Kismet")
    {
        const Value s = json_of(post_json("/system/status.json",
                                          R"({"fields": ["kismet.system.timestamp.sec", "kismet.plugin.name"]})"));
        CHECK(s.size() == 2);
        CHECK(s.find("kismet.system.timestamp.sec")->as_uint() > 0u);
        CHECK(s.find("kismet.plugin.name")->as_int() == 0);
    }
    SUBCASE("prettyjson describes projected fields")
    {
        const HttpResult r = post_json("/system/status.prettyjson", R"({"fields": ["kismet.system.memory.rss"]})");
        CHECK(r.body.find("\"description.kismet.system.memory.rss\"") != std::string::npos);
    }
    SUBCASE("a bad field spec is a 400 that says which entry")
    {
        const HttpResult unknown = post_json("/plugins/all_plugins.json", R"({"fields": ["kismet.plugin.name", "no.such.field"]})");
        CHECK(unknown.status == 400);
        const std::string why = json_of(unknown).find("error")->as_string();
        CHECK(why.find("no.such.field") != std::string::npos);
        CHECK(why.find("1") != std::string::npos);
        CHECK(post_json("/plugins/all_plugins.json", R"({"fields": [42]})").status == 400);
        CHECK(post_json("/plugins/all_plugins.json", R"({"fields": "kismet.plugin.name"})").status == 400);
    }
    SUBCASE("a regex that does not compile is a 400 that says which")
    {
        const HttpResult bad = post_json("/plugins/all_plugins.json", R"({"regex": [["kismet.plugin.name", "(["]]})");
        CHECK(bad.status == 400);
        CHECK(json_of(bad).find("error")->as_string().find("([") != std::string::npos);
        CHECK(post_json("/plugins/all_plugins.json", R"({"regex": [["kismet.plugin.name"]]})").status == 400);
    }
    SUBCASE("GET with json= in the query string works as well")
    {
        const HttpResult r = server.get("/messagebus/all_messages.json?json=%7B%22fields%22%3A%5B%22kismet.messagebus.message_time%22%5D%7D");
        CHECK(r.status == 200);
        const Value list = json_of(r);
        REQUIRE(list.size() > 0);
        CHECK(list.at(0).size() == 1);
    }
}

TEST_CASE("the config disables plugins by name, or loads only the enabled ones")
{
    SUBCASE("plugin_disable")
    {
        ServerProcess server({"httpd_username=tester", "httpd_password=x", "plugin_disable=webdemo"});
        const Value list = json_of(server.get("/plugins/all_plugins.json"));
        REQUIRE(find_plugin(list, "webdemo"));
        CHECK(find_plugin(list, "webdemo")->find("airsight.plugin.state")->as_string() == "disabled");
        CHECK(find_plugin(list, "webdemo")->find("kismet.plugin.jsmodule")->as_string().empty());
        CHECK(server.get("/plugin/webdemo/js/webdemo.js").status == 404);
        CHECK(find_plugin(list, "hello")->find("airsight.plugin.state")->as_string() == "loaded");
    }
    SUBCASE("plugin_enable")
    {
        ServerProcess server({"httpd_username=tester", "httpd_password=x", "plugin_enable=webdemo"});
        const Value list = json_of(server.get("/plugins/all_plugins.json"));
        CHECK(find_plugin(list, "hello")->find("airsight.plugin.state")->as_string() == "disabled");
        CHECK(server.get("/hello/greeting.json").status == 404);
        CHECK(server.get("/plugin/webdemo/js/webdemo.js").status == 200);
    }
}
