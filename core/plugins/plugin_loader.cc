#include "plugins/plugin_loader.h"

#include "plugins/elf_info.h"
#include "plugins/manifest.h"
#include "util/mapped_file.h"

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

// One plugin folder and, when loaded, its plugin and host. Its library is
// never closed (see plugin_loader.h), so the slot keeps no handle.
struct PluginLoader::Slot {
    PluginRecord record;
    std::unique_ptr<PluginHostSession> host;
    std::unique_ptr<airsight::Plugin> plugin;
    // Withdrawn: its host took back everything it registered (before stop(),
    // when its factory or start() failed, or at destruction); such a plugin
    // is never started again, so "stopped" needs no state of its own.
    enum class Stage { Created, Started, Withdrawn } stage = Stage::Created;
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
    // Plugins loaded but never started still have routes: withdraw them too.
    // Then the plugins, whose destructors may still use their host; then the
    // hosts. The libraries stay mapped (see plugin_loader.h).
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) withdraw(**it);
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) (*it)->plugin.reset();
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) (*it)->host.reset();
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

    // Judge the plugin from its file first: dlopen() would run its static
    // constructors, and a plugin built for another SDK must run nothing.
    // Mapped, not read: only the pages holding the headers, the symbol
    // tables and the record are touched (an ASan-built PHY is tens of MB).
    const ElfPluginInfo info = read_elf_plugin_info(MappedFile(r.shared_object).bytes());
    if (!info.ok) throw Refusal(info.error);
    if (info.sdk_abi != AIRSIGHT_SDK_ABI)
        throw Refusal("built for SDK ABI " + std::to_string(info.sdk_abi) + ", this server has " +
                      std::to_string(AIRSIGHT_SDK_ABI));
    if (!info.current_layout)
        throw Refusal("its " AIRSIGHT_PLUGIN_INFO_SYMBOL " claims SDK ABI " + std::to_string(info.sdk_abi) +
                      " but has another size: rebuild it with the SDK's AIRSIGHT_PLUGIN macro");
    if (info.name != r.name)
        throw Refusal("the plugin calls itself '" + info.name + "' but its manifest says '" + r.name + "'");
    if (!info.has_factory) throw Refusal("no " AIRSIGHT_PLUGIN_CREATE_SYMBOL " symbol: the plugin has no factory");

    r.kinds = info.kinds;
    if (r.version.empty()) r.version = info.version;
    if (r.description.empty()) r.description = info.description;
    slot.host = make_host_(r); // before dlopen: a refusal here runs none of its code
    if (!slot.host) throw Refusal("the server could not make a host for it");

    // Never unloaded: devices keep components whose code lives in the .so
    // after the plugin is destroyed (see plugin_loader.h). The handle is
    // deliberately not kept, so nothing can dlclose() it.
    dlerror(); // clear any stale error
    void* handle = dlopen(r.shared_object.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!handle) throw Refusal(last_dl_error()); // wrong machine, unresolved symbol...
    auto create = reinterpret_cast<airsight_plugin_create_fn>(dlsym(handle, AIRSIGHT_PLUGIN_CREATE_SYMBOL));
    if (!create) throw Refusal("no " AIRSIGHT_PLUGIN_CREATE_SYMBOL " symbol: the plugin has no factory");

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
        withdraw(slot); // routes it added before failing would call into a half-made plugin
        throw Refusal(error[0] ? error : "its factory returned no plugin");
    }
    slot.plugin.reset(plugin);
}

void PluginLoader::start_all()
{
    for (const auto& slot : slots_) {
        if (!slot->plugin || slot->stage != Slot::Stage::Created) continue;
        try {
            slot->plugin->start();
            slot->stage = Slot::Stage::Started;
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
        if (slot.stage != Slot::Stage::Started) continue;
        withdraw(slot); // no request, packet or view reaches it once stop() runs
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

// Takes back what the plugin registered; waits for its running handlers.
void PluginLoader::withdraw(Slot& slot)
{
    if (!slot.host || slot.stage == Slot::Stage::Withdrawn) return;
    slot.stage = Slot::Stage::Withdrawn;
    try {
        slot.host->withdraw();
    } catch (const std::exception& e) {
        bus_.post("Plugin '" + slot.record.name + "': withdrawing what it registered failed: " + e.what(),
                  airsight::MSG_ERROR);
    }
}

// Destroys a plugin whose start() failed, in the destructor's order.
void PluginLoader::refuse_started(Slot& slot, const std::string& why)
{
    withdraw(slot);
    slot.plugin.reset();
    slot.host.reset();
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
