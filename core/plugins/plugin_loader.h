// Finds, checks and loads plugins; owns them until the server shuts down.
//
// A plugin is a folder with a manifest.conf (see manifest.h), optionally a
// .so built against the SDK, and optionally an httpd/ folder of web content.
// Every folder found becomes a PluginRecord: Loaded, Disabled (by the
// configuration) or Refused (with the reason). A bad plugin is refused, never
// fatal: the loader reads the .so's plain-C info record (SDK ABI, name) from
// the file (elf_info.h) before dlopen() runs any of the plugin's code.
//
// Plugins are never unloaded. Once dlopen() ran a plugin's code, its .so stays
// mapped until the process exits (RTLD_NODELETE, and no dlclose): devices keep
// PHY components (DeviceComponent) whose vtables live in the .so, and packets
// and fields may point at its static data; withdrawing every such object from
// a running server would put locks on hot paths for no user benefit (nothing
// swaps PHYs at run time). What *is* withdrawn is every way into the plugin's
// objects: before stop() and before destruction its host takes back its
// routes (waiting for requests in flight), packet handlers, datasource types
// and device views, so a stopped plugin gets no more calls. Device components
// outlive their plugin and must not use the Plugin object.
//
// Threads: load(), start_all(), stop_all() and the destructor are called by
// one thread (the server's main thread); records() may be called from any.
#ifndef AIRSIGHT_CORE_PLUGINS_PLUGIN_LOADER_H
#define AIRSIGHT_CORE_PLUGINS_PLUGIN_LOADER_H

// The server wires loader and search path together; one include gives both.
#include "plugins/plugin_search_path.h"

#include <airsight/host.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

enum class PluginState { Loaded, Disabled, Refused };

/// "loaded", "disabled", "refused".
std::string_view plugin_state_name(PluginState state);

struct PluginRecord {
    std::string name, description, author, version; // name is the folder's name when the manifest has none
    std::filesystem::path dir;           // the plugin's folder
    std::filesystem::path shared_object; // absolute path to the .so, empty for web-only plugins
    std::string js_module;               // manifest js= value verbatim ("module,/plugin/<name>/js/file.js")
    std::uint32_t kinds = 0;             // airsight_plugin_kind bits from airsight_plugin_info
    PluginState state = PluginState::Refused;
    std::string error;                   // why refused (empty otherwise)
    bool has_httpd = false;              // dir/"httpd" is a directory
};

/// Implemented by the server: a PluginHost bound to one plugin, which can
/// take back what the plugin registered.
class PluginHostSession : public airsight::PluginHost {
public:
    /// Removes every route, packet handler, datasource type and device view
    /// this plugin added. Called when the factory fails, before stop(), and
    /// before the plugin is destroyed; must not return while a handler of this
    /// plugin is still running. Called at most once per host.
    virtual void withdraw() = 0;
};

/// Which plugins the configuration lets load (plugin_enable=NAME and
/// plugin_disable=NAME, both repeatable).
struct PluginSelection {
    std::vector<std::string> enabled, disabled;
    /// Disable wins; when `enabled` is non-empty only those names load.
    bool allows(std::string_view name) const;
};

class PluginLoader {
public:
    /// Makes the host a plugin's factory receives; receives the record as far
    /// as it is known (name, dir, shared_object, version...). May throw or
    /// return nullptr to refuse the plugin.
    using HostFactory = std::function<std::unique_ptr<PluginHostSession>(const PluginRecord&)>;

    /// `bus` receives one message per plugin found and must outlive the loader.
    PluginLoader(airsight::MessageBus& bus, HostFactory make_host);
    /// stop_all(), then for every plugin: withdraw what it registered (if
    /// stop_all() did not), destroy it, destroy its host. Never dlclose().
    ~PluginLoader();
    PluginLoader(const PluginLoader&) = delete;
    PluginLoader& operator=(const PluginLoader&) = delete;

    /// Scans `search_dirs` in order (missing ones are skipped; see
    /// plugin_search_path.h) and loads what `selection` allows. Each plugin
    /// folder adds one record. May be called more than once; a name already
    /// recorded, by this call or an earlier one, is refused as a duplicate.
    void load(const std::vector<std::filesystem::path>& search_dirs, const PluginSelection& selection);

    /// Calls start() on every loaded plugin not yet started, in load order.
    /// A plugin whose start() throws is refused, withdrawn and destroyed.
    /// A stopped plugin is not started again.
    void start_all();
    /// For every started plugin, in reverse load order: withdraws what it
    /// registered (waiting for its handlers in flight), then calls stop().
    void stop_all();

    /// A copy of every record, in load order. Thread-safe.
    std::vector<PluginRecord> records() const;

private:
    struct Slot;

    void load_folder(const std::filesystem::path& folder, const PluginSelection& selection);
    void load_native(Slot& slot, const std::string& object);
    void announce(const PluginRecord& record);
    void withdraw(Slot& slot);
    void refuse_started(Slot& slot, const std::string& why);
    std::optional<std::filesystem::path> owner_of(std::string_view name) const;

    airsight::MessageBus& bus_;
    HostFactory make_host_;
    mutable std::mutex mutex_; // guards slots_' records against records()
    std::vector<std::unique_ptr<Slot>> slots_;
};

} // namespace airsight::core

#endif
