// /plugins/all_plugins: every plugin found, with Kismet's field names, plus
// airsight's own state and refusal reason so an admin sees why one did not load.
#include "endpoints/endpoints.h"

#include "plugins/plugin_loader.h"

namespace airsight::core {
namespace {

std::string_view state_name(PluginState state)
{
    switch (state) {
    case PluginState::Loaded: return "loaded";
    case PluginState::Disabled: return "disabled";
    case PluginState::Refused: return "refused";
    }
    return "unknown";
}

} // namespace

void register_plugin_endpoints(Services& services)
{
    auto& f = services.fields;
    const Field& name = f("kismet.plugin.name", FieldType::String, "plugin name");
    const Field& description = f("kismet.plugin.description", FieldType::String, "plugin description");
    const Field& author = f("kismet.plugin.author", FieldType::String, "plugin author");
    const Field& version = f("kismet.plugin.version", FieldType::String, "plugin version");
    const Field& shared_object = f("kismet.plugin.shared_object", FieldType::String, "plugin shared object filename");
    const Field& dirname = f("kismet.plugin.dirname", FieldType::String, "plugin directory name");
    const Field& path = f("kismet.plugin.path", FieldType::String, "path to plugin content");
    const Field& jsmodule = f("kismet.plugin.jsmodule", FieldType::String, "Plugin javascript module");
    const Field& state = f("airsight.plugin.state", FieldType::String, "loaded, disabled or refused");
    const Field& error = f("airsight.plugin.error", FieldType::String, "why the plugin was refused");
    const Field& kinds = f("airsight.plugin.kinds", FieldType::UInt32, "bitset of what the plugin provides (airsight/abi.h)");

    const Services* s = &services;
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/plugins/all_plugins",
        .formats = LIST_FORMATS,
        .handler =
            [=, &name, &description, &author, &version, &shared_object, &dirname, &path, &jsmodule, &state, &error,
             &kinds](const Request&) {
                Value list = Value::array();
                if (!s->plugins) return Reply::value(std::move(list));
                for (const PluginRecord& p : s->plugins->records()) {
                    const bool loaded = p.state == PluginState::Loaded;
                    Value v = Value::object();
                    v.set(name, p.name);
                    v.set(description, p.description);
                    v.set(author, p.author);
                    v.set(version, p.version);
                    v.set(shared_object, p.shared_object.empty() ? "" : p.shared_object.filename().string());
                    v.set(dirname, p.dir.filename().string());
                    v.set(path, p.dir.string());
                    // A UI loads the module of every listed plugin: only offer loaded ones.
                    v.set(jsmodule, loaded ? p.js_module : "");
                    v.set(state, state_name(p.state));
                    v.set(error, p.error);
                    v.set(kinds, p.kinds);
                    list.push(std::move(v));
                }
                return Reply::value(std::move(list));
            },
        .description = "every plugin found: loaded, disabled or refused with its reason",
        .field_query = true,
    });
}

} // namespace airsight::core
