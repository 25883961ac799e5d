#include "plugins/plugin_loader.h"

#include "plugins/manifest.h"

#include <airsight/abi.h>
#include <airsight/plugin.h>

#include <dlfcn.h>

#include <algorithm>
#include <exception>
#include <set>
#include <stdexcept>
#include <utility>

namespace airsight::core {

namespace fs = std::filesystem;

namespace {

struct DlClose {
    void operator()(void* handle) const { dlclose(handle); }
};
using Library = std::unique_ptr<void, DlClose>;

// A reason to refuse a plugin; caught in load_folder and put in its record.
class Refusal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::string last_dl_error()
{
    const char* e = dlerror();
    return e ? e : "unknown dynamic loader error";
}

// The plugin folders directly inside `dir`, sorted so load order is stable.
std::vector<fs::path> plugin_folders(const fs::path& dir, std::error_code& ec)
{
    std::vector<fs::path> found;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code ignored;
        if (it->is_directory(ignored) && fs::exists(it->path() / "manifest.conf", ignored))
            found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

} // namespace

// One plugin folder and, when loaded, what keeps its code alive. Members are
// released by unload() in a fixed order (see ~PluginLoader).
struct PluginLoader::Slot {
    PluginRecord record;
    Library library;
    std::unique_ptr<PluginHostSession> host;
    std::unique_ptr<airsight::Plugin> plugin;
    bool started = false;
    bool owns_name = false; // its manifest was valid and it was first with that name
};

std::string_view plugin_state_name(PluginState state)
{
    switch (state) {
    case PluginState::Loaded: return "loaded";
    case PluginState::Disabled: return "disabled";
    case PluginState::Refused: return "refused";
    }
    return "unknown";
}

bool PluginSelection::allows(std::string_view name) const
{
    auto listed = [name](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    if (listed(disabled)) return false;
    return enabled.empty() || listed(enabled);
}

PluginLoader::PluginLoader(airsight::MessageBus& bus, HostFactory make_host)
    : bus_(bus), make_host_(std::move(make_host))
{
}

PluginLoader::~PluginLoader()
{
    stop_all();
    // Routes first, so no request can reach a plugin being destroyed; then the
    // plugins, whose destructors may still use their host; then the hosts; and
    // only when no object or std::function made by a plugin is left, its code.
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
        Slot& slot = **it;
        if (slot.host && slot.plugin) {
            try {
                slot.host->withdraw();
            } catch (const std::exception& e) {
                bus_.post("Plugin '" + slot.record.name + "': withdrawing its routes failed: " + e.what(),
                          airsight::MSG_ERROR);
            }
        }
    }
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) (*it)->plugin.reset();
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) (*it)->host.reset();
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) (*it)->library.reset();
}

void PluginLoader::load(const std::vector<fs::path>& search_dirs, const PluginSelection& selection)
{
    std::set<fs::path> scanned; // the same folder listed twice is scanned once
    for (const fs::path& dir : search_dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue; // missing folders are normal
        const fs::path canonical = fs::weakly_canonical(dir, ec);
        if (!scanned.insert(ec ? dir : canonical).second) continue;

        const std::vector<fs::path> folders = plugin_folders(dir, ec);
        if (ec) bus_.post("Cannot list plugin folder " + dir.string() + ": " + ec.message(), airsight::MSG_ERROR);
        for (const fs::path& folder : folders) load_folder(folder, selection);
    }
}

void PluginLoader::load_folder(const fs::path& folder, const PluginSelection& selection)
{
    auto slot = std::make_unique<Slot>();
    PluginRecord& r = slot->record;
    r.dir = fs::absolute(folder).lexically_normal();
    r.name = r.dir.filename().string();
    std::error_code ec;
    r.has_httpd = fs::is_directory(r.dir / "httpd", ec);

    try {
        const Manifest m = read_manifest(r.dir / "manifest.conf");
        r.name = m.name;
        r.description = m.description;
        r.author = m.author;
        r.version = m.version;
        r.js_module = m.js;
        if (const auto first = owner_of(m.name)) throw Refusal("duplicate of plugin in " + first->string());
        slot->owns_name = true;
        if (!selection.allows(m.name)) {
            r.state = PluginState::Disabled;
        } else if (m.object.empty()) {
            r.state = PluginState::Loaded; // web content only: nothing to run
        } else {
            load_native(*slot, m.object);
            r.state = PluginState::Loaded;
        }
    } catch (const std::exception& e) { // ManifestError, Refusal, or anything a host factory threw
        r.state = PluginState::Refused;
        r.error = e.what();
        slot->plugin.reset();
        slot->host.reset();
        slot->library.reset();
    }

    announce(r);
    std::lock_guard lock(mutex_);
    slots_.push_back(std::move(slot));
}

void PluginLoader::load_native(Slot& slot, const std::string& object)
{
    PluginRecord& r = slot.record;
    r.shared_object = (r.dir / object).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(r.shared_object, ec))
        throw Refusal("object=" + object + " does not exist in " + r.dir.string());

    dlerror(); // clear any stale error
    slot.library.reset(dlopen(r.shared_object.c_str(), RTLD_NOW | RTLD_LOCAL));
    if (!slot.library) throw Refusal(last_dl_error()); // not an ELF, wrong arch, unresolved symbol...
    void* handle = slot.library.get();

    // Read the plain-C info record and check it before running any plugin code.
    const auto* info = static_cast<const struct airsight_plugin_info*>(dlsym(handle, AIRSIGHT_PLUGIN_INFO_SYMBOL));
    if (!info) throw Refusal("no " AIRSIGHT_PLUGIN_INFO_SYMBOL " symbol: not an airsight plugin");
    if (info->sdk_abi != AIRSIGHT_SDK_ABI)
        throw Refusal("built for SDK ABI " + std::to_string(info->sdk_abi) + ", this server has " +
                      std::to_string(AIRSIGHT_SDK_ABI));
    const std::string info_name = info->name ? info->name : "";
    if (info_name != r.name)
        throw Refusal("the plugin calls itself '" + info_name + "' but its manifest says '" + r.name + "'");
    auto create = reinterpret_cast<airsight_plugin_create_fn>(dlsym(handle, AIRSIGHT_PLUGIN_CREATE_SYMBOL));
    if (!create) throw Refusal("no " AIRSIGHT_PLUGIN_CREATE_SYMBOL " symbol: the plugin has no factory");

    r.kinds = info->kinds;
    if (r.version.empty() && info->version) r.version = info->version;
    if (r.description.empty() && info->description) r.description = info->description;

    slot.host = make_host_(r);
    if (!slot.host) throw Refusal("the server could not make a host for it");

    char error[1024] = {};
    airsight::Plugin* plugin = nullptr;
    try { // the SDK's factory catches, but a hand-written one might not
        plugin = create(slot.host.get(), error, sizeof error);
    } catch (const std::exception& e) {
        airsight::detail::copy_error(e.what(), error, sizeof error);
    } catch (...) {
        airsight::detail::copy_error("unknown exception", error, sizeof error);
    }
    if (!plugin) {
        slot.host->withdraw(); // routes it added before failing point into code we unload
        throw Refusal(error[0] ? error : "its factory returned no plugin");
    }
    slot.plugin.reset(plugin);
}

void PluginLoader::start_all()
{
    for (const auto& slot : slots_) {
        if (!slot->plugin || slot->started) continue;
        try {
            slot->plugin->start();
            slot->started = true;
        } catch (const std::exception& e) {
            refuse_started(*slot, std::string("start() failed: ") + e.what());
        } catch (...) {
            refuse_started(*slot, "start() failed: unknown exception");
        }
    }
}

void PluginLoader::stop_all()
{
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
        Slot& slot = **it;
        if (!slot.started) continue;
        slot.started = false;
        try {
            slot.plugin->stop();
        } catch (const std::exception& e) {
            bus_.post("Plugin '" + slot.record.name + "': stop() failed: " + e.what(), airsight::MSG_ERROR);
        } catch (...) {
            bus_.post("Plugin '" + slot.record.name + "': stop() failed", airsight::MSG_ERROR);
        }
    }
}

std::vector<PluginRecord> PluginLoader::records() const
{
    std::lock_guard lock(mutex_);
    std::vector<PluginRecord> out;
    out.reserve(slots_.size());
    for (const auto& slot : slots_) out.push_back(slot->record);
    return out;
}

// Unloads a plugin whose start() failed, in the destructor's order.
void PluginLoader::refuse_started(Slot& slot, const std::string& why)
{
    try {
        slot.host->withdraw();
    } catch (const std::exception&) {
        // already failing; the refusal below says why
    }
    slot.plugin.reset();
    slot.host.reset();
    slot.library.reset();
    {
        std::lock_guard lock(mutex_);
        slot.record.state = PluginState::Refused;
        slot.record.error = why;
    }
    announce(slot.record);
}

void PluginLoader::announce(const PluginRecord& r)
{
    const std::string where = r.shared_object.empty() ? r.dir.string() : r.shared_object.string();
    switch (r.state) {
    case PluginState::Loaded:
        bus_.post("Loaded plugin '" + r.name + "'" + (r.version.empty() ? "" : " " + r.version) + " from " + where +
                      (r.shared_object.empty() ? " (web content only)" : ""),
                  airsight::MSG_INFO);
        break;
    case PluginState::Disabled:
        bus_.post("Plugin '" + r.name + "' in " + where + " is disabled by the configuration", airsight::MSG_INFO);
        break;
    case PluginState::Refused:
        bus_.post("Refused plugin '" + r.name + "' in " + where + ": " + r.error, airsight::MSG_ERROR);
        break;
    }
}

// The folder of the first plugin that claimed `name`, whatever its state, so
// which copy wins never depends on whether the first one happened to load.
std::optional<fs::path> PluginLoader::owner_of(std::string_view name) const
{
    std::lock_guard lock(mutex_);
    for (const auto& slot : slots_)
        if (slot->owns_name && slot->record.name == name) return slot->record.dir;
    return std::nullopt;
}

} // namespace airsight::core
