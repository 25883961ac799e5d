// The dispatcher without sockets: status decided before the body, JSON
// errors, login handling, command decoding.
#include "fields/field_registry.h"
#include "http/dispatcher.h"
#include "http/response_writer.h"
#include "json/json_parser.h"
#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

#include <Poco/Base64Encoder.h>

#include <sstream>
#include <thread>

using namespace airsight;
using namespace airsight::core;

namespace {

std::string basic(const std::string& user, const std::string& pw)
{
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc << user << ":" << pw;
    enc.close();
    return "Basic " + out.str();
}

struct Fixture {
    RouteTable routes;
    SessionStore sessions{std::chrono::seconds(60)};
    StaticFiles files{""};
    MessageBusImpl bus;
    FieldRegistryImpl fields;
    AccessPolicy access;
    Dispatcher dispatcher{routes, sessions, files, fields, Login{"u", "p"}, bus, access};

    explicit Fixture(AccessPolicy policy = {}) : access(policy)
    {
        routes.add(Route{.methods = POST,
                         .path = "/cmd/echo",
                         .formats = CMD,
                         .login_required = true,
                         .handler =
                             [](const Request& r) {
                                 const Value* text = r.option("text");
                                 if (!text || text->kind() != Value::Kind::String)
                                     throw HttpError(400, "text is required");
                                 Value v = Value::map();
                                 v.put("text", *text);
                                 v.put("user", r.user);
                                 return Reply::value(std::move(v));
                             },
                         .description = ""});
        routes.add(Route{.methods = GET,
                         .path = "/list",
                         .formats = LIST_FORMATS,
                         .login_required = false,
                         .handler =
                             [](const Request&) {
                                 Value v = Value::array();
                                 v.push(1);
                                 v.push("two");
                                 return Reply::value(std::move(v));
                             },
                         .description = ""});
        routes.add(Route{.methods = GET,
                         .path = "/boom",
                         .formats = JSON,
                         .login_required = false,
                         .handler = [](const Request&) -> Reply { throw std::runtime_error("kaput"); },
                         .description = ""});
        routes.add(Route{.methods = GET,
                         .path = "/health",
                         .formats = JSON,
                         .handler = [](const Request&) { return Reply::value(Value("ok")); },
                         .description = "",
                         .public_route = true});
        routes.add(Route{.methods = GET,
                         .path = "/late-failure",
                         .formats = JSON,
                         .login_required = false,
                         .handler =
                             [](const Request&) {
                                 return Reply::stream([](Writer& w) {
                                     w.begin_array();
                                     throw std::runtime_error("failed while writing");
                                 });
                             },
                         .description = ""});
    }

    RawResponse post(std::string uri, std::string body, std::string auth = "", std::string cookie = "",
                     std::string type = "application/x-www-form-urlencoded")
    {
        return dispatcher.handle(RawRequest{"POST", std::move(uri), std::move(auth), std::move(cookie), std::move(type),
                                            std::move(body), "", {}});
    }
    /// A GET with the login, as real clients send it; pass "" for an anonymous one.
    RawResponse get(std::string uri, std::string auth = basic("u", "p"), std::string cookie = "",
                    std::string requested_with = "")
    {
        return dispatcher.handle(
            RawRequest{"GET", std::move(uri), std::move(auth), std::move(cookie), "", "", std::move(requested_with), {}});
    }
};

std::string error_of(const RawResponse& r) { return parse_json(r.body).find("error")->as_string(); }

} // namespace

TEST_CASE("dispatcher: serializations of a list")
{
    Fixture f;
    CHECK(f.get("/list.json").body == "[1,\"two\"]");
    CHECK(f.get("/list").body == "[1,\"two\"]");
    CHECK(f.get("/list.ekjson").body == "1\n\"two\"\n");
    CHECK(f.get("/list.itjson").body == "1\n\"two\"\n");
}

TEST_CASE("dispatcher: login, session cookie, commands")
{
    Fixture f;
    CHECK(f.post("/cmd/echo.cmd", "json={\"text\":\"a\"}").status == 401);
    const RawResponse wrong = f.post("/cmd/echo.cmd", "json={\"text\":\"a\"}", basic("u", "x"));
    CHECK(wrong.status == 401);
    CHECK(error_of(wrong) == "wrong username or password");

    const RawResponse ok = f.post("/cmd/echo.cmd", "json={\"text\":\"a\",\"unknown\":[1]}", basic("u", "p"));
    CHECK(ok.status == 200);
    CHECK(ok.body == "{\"text\":\"a\",\"user\":\"u\"}");
    std::string cookie;
    for (const auto& [name, value] : ok.headers)
        if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
    REQUIRE(cookie.rfind("KISMET=", 0) == 0);
    CHECK(f.post("/cmd/echo.json", "json={\"text\":\"b\"}", "", cookie).status == 200);

    CHECK(f.post("/cmd/echo.cmd", "json={\"text\":", basic("u", "p")).status == 400);
    CHECK(error_of(f.post("/cmd/echo.cmd", "json={\"text\":", basic("u", "p"))).find("malformed json") == 0);
    CHECK(f.post("/cmd/echo.cmd", "json=\"str\"", basic("u", "p")).status == 400);
    CHECK(f.post("/cmd/echo.cmd", "json={}", basic("u", "p")).status == 400);
    CHECK(error_of(f.post("/cmd/echo.cmd", "json={}", basic("u", "p"))) == "text is required");
    CHECK(f.post("/cmd/echo.cmd", "<a/>", basic("u", "p"), "", "application/xml").status == 415);
}

TEST_CASE("dispatcher: failures become JSON errors with the right status")
{
    Fixture f;
    const RawResponse boom = f.get("/boom.json");
    CHECK(boom.status == 500);
    CHECK(error_of(boom).find("kaput") != std::string::npos);
    // An exception while writing the body still yields a clean 500, not a half 200.
    const RawResponse late = f.get("/late-failure.json");
    CHECK(late.status == 500);
    CHECK(parse_json(late.body).find("error") != nullptr);

    CHECK(f.bus.recent().back().text == "HTTP request GET /late-failure.json failed: failed while writing");

    // The transport, writing the same stream to a socket, fails the same way.
    class Collect : public ByteOutput {
    public:
        void send(std::string_view bytes) override { data.append(bytes); }
        std::string data;
    } wire;
    RawResponse streamed =
        f.dispatcher.respond(RawRequest{"GET", "/late-failure.json", basic("u", "p"), "", "", "", "", {}});
    REQUIRE(streamed.stream);
    write_response(streamed, ReplyFraming{}, wire, f.bus, "GET /late-failure.json");
    CHECK(wire.data.rfind("HTTP/1.1 500 ", 0) == 0);
    CHECK(wire.data.substr(wire.data.find("\r\n\r\n") + 4) == late.body);
    CHECK(f.bus.recent().back().text == "HTTP request GET /late-failure.json failed: failed while writing");

    CHECK(f.get("/nothing/here").status == 404);
    CHECK(f.get("/list.html").status == 404);
    CHECK(f.get("/cmd/echo.cmd").status == 405);
    CHECK(f.get("http://[bad").status == 400);
    CHECK(f.get("/list.json?x=%ZZ").status == 400);
}

namespace {
std::string header_of(const RawResponse& r, const std::string& name)
{
    for (const auto& [n, v] : r.headers)
        if (n == name) return v;
    return "";
}
} // namespace

TEST_CASE("dispatcher: reads need the login by default; public routes never do")
{
    Fixture f;
    const RawResponse anonymous = f.get("/list.json", "");
    CHECK(anonymous.status == 401);
    CHECK(header_of(anonymous, "WWW-Authenticate") == "Basic realm=\"airsight\"");
    CHECK(anonymous.content_type == "application/json");
    CHECK(error_of(anonymous).find("login required") == 0);
    CHECK(anonymous.body.find("[1,") == std::string::npos);
    CHECK(f.get("/list.json", basic("u", "wrong")).status == 401);
    CHECK(error_of(f.get("/list.json", basic("u", "wrong"))) == "wrong username or password");

    const RawResponse ok = f.get("/list.json");
    CHECK(ok.status == 200);
    const std::string cookie = header_of(ok, "Set-Cookie").substr(0, header_of(ok, "Set-Cookie").find(';'));
    REQUIRE(cookie.rfind("KISMET=", 0) == 0);
    CHECK(f.get("/list.json", "", cookie).status == 200);
    CHECK(f.get("/list.json", "", "KISMET=0123").status == 401);

    CHECK(f.get("/health.json", "").status == 200);
    CHECK(f.get("/health.json", basic("u", "wrong")).status == 200);
    CHECK(f.post("/cmd/echo.cmd", "json={\"text\":\"a\"}").status == 401);

    // The web UI's scripts (X-Requested-With) get the 401 without the header
    // that makes a browser open its own login dialog; the refusal stays the same.
    RawRequest scripted{"GET", "/list.json", basic("u", "wrong"), "", "", "", "", {}};
    scripted.requested_with = "XMLHttpRequest";
    const RawResponse refused = f.dispatcher.handle(scripted);
    CHECK(refused.status == 401);
    CHECK(header_of(refused, "WWW-Authenticate").empty());
    CHECK(error_of(refused) == "wrong username or password");
    scripted.authorization = basic("u", "p");
    CHECK(f.dispatcher.handle(scripted).status == 200);
}

TEST_CASE("dispatcher: a cookie naming no live session is told so; a page's script gets no Basic challenge")
{
    Fixture f;
    const RawResponse stale = f.get("/list.json", "", "KISMET=0123");
    CHECK(stale.status == 401);
    CHECK(error_of(stale).find("session expired") == 0);
    CHECK(header_of(stale, "WWW-Authenticate") == "Basic realm=\"airsight\""); // Kismet clients wait for it

    // The web UI sends X-Requested-With: a challenge would pop up the
    // browser's own login dialog over the page's form.
    const RawResponse from_page = f.get("/list.json", "", "KISMET=0123", "XMLHttpRequest");
    CHECK(from_page.status == 401);
    CHECK(error_of(from_page).find("session expired") == 0);
    CHECK(header_of(from_page, "WWW-Authenticate").empty());
    CHECK(header_of(f.get("/list.json", "", "", "xmlhttprequest"), "WWW-Authenticate").empty());
    CHECK(error_of(f.get("/list.json", "", "", "XMLHttpRequest")).find("login required") == 0);
    CHECK_FALSE(header_of(f.get("/list.json", "", "", "fetch"), "WWW-Authenticate").empty());

    // A route's own 401 follows the same rule.
    f.routes.add(Route{.methods = GET,
                       .path = "/refuse",
                       .formats = JSON,
                       .handler = [](const Request&) { return Reply::bytes("application/json", "{}", 401); },
                       .description = "",
                       .public_route = true});
    CHECK(header_of(f.get("/refuse.json", ""), "WWW-Authenticate") == "Basic realm=\"airsight\"");
    CHECK(header_of(f.get("/refuse.json", "", "", "XMLHttpRequest"), "WWW-Authenticate").empty());

    SUBCASE("a session ended on the server is unknown from then on")
    {
        const RawResponse ok = f.get("/list.json");
        const std::string set_cookie = header_of(ok, "Set-Cookie");
        const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
        REQUIRE(f.get("/list.json", "", cookie).status == 200);
        CHECK(f.sessions.remove(cookie.substr(7)));
        CHECK_FALSE(f.sessions.remove(cookie.substr(7)));
        const RawResponse after = f.get("/list.json", "", cookie);
        CHECK(after.status == 401);
        CHECK(error_of(after).find("session expired") == 0);
    }
}

TEST_CASE("sessions expire after their idle timeout")
{
    SessionStore sessions(std::chrono::seconds(0));
    const std::string id = sessions.create("u");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_FALSE(sessions.lookup(id));
    const std::string again = sessions.create("u");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_FALSE(sessions.remove(again)); // expired: nothing live was ended
    CHECK(sessions.size() == 0);
}

TEST_CASE("dispatcher: allow_anonymous_reads opens reads, never commands")
{
    Fixture f(AccessPolicy{.allow_anonymous_reads = true});
    CHECK(f.get("/list.json", "").status == 200);
    CHECK(f.get("/health.json", "").status == 200);
    const RawResponse command = f.post("/cmd/echo.cmd", "json={\"text\":\"a\"}");
    CHECK(command.status == 401);
    CHECK(header_of(command, "WWW-Authenticate").find("Basic") == 0);
    CHECK(f.post("/cmd/echo.cmd", "json={\"text\":\"a\"}", basic("u", "p")).status == 200);
}

TEST_CASE("access policy: which routes need the login")
{
    const Route read{.path = "/r"};
    const Route command{.path = "/c", .login_required = true};
    const Route open{.path = "/o", .public_route = true};
    const AccessPolicy strict;
    const AccessPolicy lax{.allow_anonymous_reads = true};
    CHECK(strict.needs_login(read));
    CHECK(strict.needs_login(command));
    CHECK_FALSE(strict.needs_login(open));
    CHECK_FALSE(lax.needs_login(read));
    CHECK(lax.needs_login(command));
    CHECK_FALSE(lax.needs_login(open));
}
