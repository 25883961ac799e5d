// hello's handlers, driven through its real factory with a fake host (hello.cc
// is compiled into this test, so no dlopen is involved).
#include "fakes.h"
#include "linked_plugin.h"

#include <airsight/plugin.h>

#include <doctest/doctest.h>

#include <memory>
#include <thread>

using namespace airsight;
using namespace airsight::test;

namespace {

struct HelloFixture {
    HostLog log;
    FakeFields fields;
    FakeConfig config;
    FakeHost host{"hello", log, fields, config};
    std::unique_ptr<Plugin> plugin = create_linked_plugin(host);

    const Route& route(std::string_view path)
    {
        const Route* r = host.route(path);
        REQUIRE(r != nullptr);
        return *r;
    }

    Reply echo(Value command)
    {
        Request req;
        req.method = "POST";
        req.extension = "cmd";
        req.command = std::move(command);
        return route("/hello/echo").handler(req);
    }
};

} // namespace

TEST_CASE("hello: info record, fields, routes and a greeting message")
{
    CHECK(airsight_plugin_info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(std::string(airsight_plugin_info.name) == "hello");

    HelloFixture f;
    const Field* greeting = f.fields.find("hello.greeting");
    const Field* count = f.fields.find("hello.count");
    REQUIRE(greeting != nullptr);
    REQUIRE(count != nullptr);
    CHECK(greeting->type == FieldType::String);
    CHECK(count->type == FieldType::UInt64);

    const Route& get = f.route("/hello/greeting");
    CHECK(get.methods == GET);
    CHECK(get.formats == (JSON | PRETTYJSON));
    CHECK_FALSE(get.login_required); // a read: the server's policy decides
    CHECK_FALSE(get.public_route);
    const Route& echo = f.route("/hello/echo");
    CHECK(echo.methods == POST);
    CHECK(echo.formats == CMD);
    CHECK(echo.login_required);
    const Route& health = f.route("/hello/health");
    CHECK(health.public_route);
    CHECK_FALSE(health.login_required);
    const Reply answer = health.handler(Request{});
    REQUIRE(answer.tree != nullptr);
    CHECK(answer.tree->find("healthy")->as_bool());

    CHECK(f.log.snapshot().back().find("post hello hello plugin ready") == 0);
}

TEST_CASE("hello: each greeting counts itself")
{
    HelloFixture f;
    const Route& get = f.route("/hello/greeting");
    CHECK(render(get.handler(Request{})) == R"({"hello.greeting":"Hello from airsight!","hello.count":1})");
    CHECK(render(get.handler(Request{})) == R"({"hello.greeting":"Hello from airsight!","hello.count":2})");
}

TEST_CASE("hello: greetings are counted exactly under concurrent requests")
{
    HelloFixture f;
    const Route& get = f.route("/hello/greeting");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&get] {
            for (int i = 0; i < 500; ++i) get.handler(Request{});
        });
    for (auto& t : threads) t.join();
    CHECK(render(get.handler(Request{})).find("\"hello.count\":2001") != std::string::npos);
}

TEST_CASE("hello: echo returns the command's text")
{
    HelloFixture f;
    Value command = Value::map();
    command.put("text", "hi there");
    command.put("ignored", 5);
    CHECK(render(f.echo(std::move(command))) == R"({"text":"hi there"})");
}

TEST_CASE("hello: echo answers 400 without a text string")
{
    HelloFixture f;
    int status = 0;
    std::string message;
    auto attempt = [&](Value command) {
        status = 0;
        try {
            f.echo(std::move(command));
        } catch (const HttpError& e) {
            status = e.status();
            message = e.what();
        }
    };

    attempt(Value::map());
    CHECK(status == 400);
    CHECK(message.find("'text'") != std::string::npos);

    Value number = Value::map();
    number.put("text", 42);
    attempt(std::move(number));
    CHECK(status == 400);
    CHECK(message == "'text' must be a string, not an integer");
}
