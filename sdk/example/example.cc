// example: a plugin built against the installed SDK only. It registers one
// field and serves it at GET /example/greeting(.json|.prettyjson), a read:
// callers need the login unless the server allows anonymous reads.
#include <airsight/plugin.h>

namespace {

class Example : public airsight::Plugin {
public:
    explicit Example(airsight::PluginHost& host)
        : greeting_(host.fields().add("example.greeting", airsight::FieldType::String,
                                      "A greeting from the out-of-tree example plugin"))
    {
        host.add_route({
            .methods = airsight::GET,
            .path = "/example/greeting",
            .formats = airsight::JSON | airsight::PRETTYJSON,
            .handler = [this](const airsight::Request&) {
                airsight::Value record = airsight::Value::object();
                record.set(greeting_, "Hello from a plugin built outside the airsight tree");
                return airsight::Reply::value(std::move(record));
            },
            .description = "The example plugin's greeting",
        });
    }

private:
    const airsight::Field& greeting_; // owned by the server; valid while it runs
};

} // namespace

AIRSIGHT_PLUGIN(Example, "example", "1.0", "Out-of-tree example: GET /example/greeting",
                AIRSIGHT_PLUGIN_ENDPOINTS | AIRSIGHT_PLUGIN_FIELDS)
