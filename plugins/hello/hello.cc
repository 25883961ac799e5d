// hello: the smallest useful native plugin. It registers two fields and
// three routes, and shows the patterns every plugin follows:
//   GET  /hello/greeting(.json|.prettyjson)  a record of registered fields, a
//        read: it needs the login unless httpd_allow_anonymous_reads=true;
//   POST /hello/echo.cmd                      a login-protected command that
//        validates its json= dictionary and answers 400 on bad input;
//   GET  /hello/health.json                   a public route (no login ever),
//        as a monitoring probe would call it; it reveals nothing captured.
// Handlers run on many server threads at once, so state is atomic.
#include <airsight/plugin.h>

#include <atomic>
#include <cstdint>

namespace {

class Hello : public airsight::Plugin {
public:
    explicit Hello(airsight::PluginHost& host)
        : greeting_(host.fields().add("hello.greeting", airsight::FieldType::String, "A friendly greeting")),
          count_(host.fields().add("hello.count", airsight::FieldType::UInt64,
                                   "Number of greetings served since the plugin was loaded"))
    {
        host.add_route({
            .methods = airsight::GET,
            .path = "/hello/greeting",
            .formats = airsight::JSON | airsight::PRETTYJSON,
            .handler = [this](const airsight::Request&) { return greet(); },
            .description = "A greeting and how many were served",
        });
        host.add_route({
            .methods = airsight::POST,
            .path = "/hello/echo",
            .formats = airsight::CMD,
            .login_required = true,
            .handler = [](const airsight::Request& req) { return echo(req); },
            .description = "Echoes the command's text",
        });
        host.add_route({
            .methods = airsight::GET,
            .path = "/hello/health",
            .formats = airsight::JSON,
            .handler = [](const airsight::Request&) { return health(); },
            .description = "Says the plugin is loaded; open without login",
            .public_route = true,
        });
        host.messages().post("hello plugin ready: GET /hello/greeting, POST /hello/echo.cmd, GET /hello/health", airsight::MSG_INFO);
    }

private:
    airsight::Reply greet()
    {
        const std::uint64_t n = calls_.fetch_add(1, std::memory_order_relaxed) + 1;
        airsight::Value record = airsight::Value::object();
        record.set(greeting_, "Hello from airsight!");
        record.set(count_, n);
        return airsight::Reply::value(std::move(record));
    }

    static airsight::Reply health()
    {
        airsight::Value answer = airsight::Value::map();
        answer.put("plugin", "hello");
        answer.put("healthy", true);
        return airsight::Reply::value(std::move(answer));
    }

    static airsight::Reply echo(const airsight::Request& req)
    {
        const airsight::Value* text = req.option("text");
        if (!text) throw airsight::HttpError(400, "expected a json= command with a 'text' string");
        if (text->kind() != airsight::Value::Kind::String)
            throw airsight::HttpError(400, "'text' must be a string, not " +
                                               std::string(airsight::Value::kind_name(text->kind())));
        airsight::Value answer = airsight::Value::map();
        answer.put("text", *text);
        return airsight::Reply::value(std::move(answer));
    }

    const airsight::Field& greeting_;
    const airsight::Field& count_;
    std::atomic<std::uint64_t> calls_{0};
};

} // namespace

AIRSIGHT_PLUGIN(Hello, "hello", "1.0", "Says hello: a greeting counter and an echo command",
                AIRSIGHT_PLUGIN_ENDPOINTS | AIRSIGHT_PLUGIN_FIELDS)
