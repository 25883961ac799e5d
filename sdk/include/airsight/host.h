// airsight SDK: what the server offers a plugin, and what a plugin gives back.
//
// A plugin's factory receives a PluginHost: a narrow interface through which
// it registers fields and routes, reads its configuration and posts messages.
// It never sees the server's internals, so the core can change behind it
// without breaking plugins built against the same SDK ABI.
#ifndef AIRSIGHT_HOST_H
#define AIRSIGHT_HOST_H

#include <airsight/alerts.h>
#include <airsight/datasource.h>
#include <airsight/device_lists.h>
#include <airsight/devices.h>
#include <airsight/events.h>
#include <airsight/field.h>
#include <airsight/http.h>
#include <airsight/logging.h>
#include <airsight/output.h>
#include <airsight/packet.h>
#include <airsight/sources.h>
#include <airsight/streams.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airsight {

/// Message flags, with Kismet's values (/messagebus/... message_flags).
enum MessageFlags : int {
    MSG_DEBUG = 1,
    MSG_INFO = 2,
    MSG_ERROR = 4,
    MSG_ALERT = 8,
    MSG_FATAL = 16,
    MSG_LOCAL = 32,
    MSG_PRINT = 64,
};

/// The server's message bus: what users see in the UI and the log.
class MessageBus {
public:
    virtual ~MessageBus() = default;
    /// Posts a message; thread-safe.
    virtual void post(std::string_view text, int flags) = 0;
};

/// Read access to the server configuration (Kismet's key=value files).
class ConfigView {
public:
    virtual ~ConfigView() = default;
    /// The last value of `key`, or nothing.
    virtual std::optional<std::string> value(std::string_view key) const = 0;
    /// Every value of a repeated key, in order.
    virtual std::vector<std::string> values(std::string_view key) const = 0;
};

/// The interface handed to a plugin's factory. Valid until the plugin is
/// destroyed.
///
/// Lifetime contract: before the server calls a plugin's stop() (and before
/// it destroys a plugin that never started), it withdraws everything the
/// plugin registered here: routes (after the requests in flight to them have
/// finished), packet handlers, datasource types, device views and log
/// drivers (closing their open logs). A stopped
/// plugin therefore gets no further calls. Its .so is never unloaded: once
/// its code ran it stays mapped until the process exits, because device
/// components (DeviceComponent) it created live on in the tracker and are
/// destroyed with their devices, after the plugin. A component must not use
/// its Plugin object; after stop() only its destructor is called.
class PluginHost {
public:
    virtual ~PluginHost() = default;

    virtual FieldRegistry& fields() = 0;
    /// Adds a REST route; throws std::invalid_argument when the same method,
    /// path and format are already taken.
    virtual void add_route(Route route) = 0;
    virtual MessageBus& messages() = 0;
    /// Adds a handler to a packet-chain stage (see airsight/packet.h); `name`
    /// labels it in /packetchain counters and error messages.
    virtual void add_packet_handler(PacketStage stage, std::string name, PacketHandler handler) = 0;
    /// Registers a packet component type under `name` (see airsight/packet.h)
    /// and returns its slot; prefer the typed register_packet_component<T>().
    /// The same name and type registered again (by this plugin or another)
    /// returns the same slot, so plugins share components. Throws
    /// std::invalid_argument when the name is taken by another type, and
    /// std::length_error when every slot is taken.
    virtual std::uint32_t add_packet_component(std::string name, const PacketComponentOps& ops) = 0;
    /// The typed key for a packet component of type T named `name`.
    template <typename T> PacketComponent<T> register_packet_component(std::string name)
    {
        return PacketComponent<T>(add_packet_component(std::move(name), PacketComponent<T>::ops()));
    }
    /// Registers a datasource type; throws std::invalid_argument when its name is taken.
    virtual void add_datasource_type(std::unique_ptr<DatasourceType> type) = 0;
    /// The device tracker: PHYs register with it and update devices through it.
    virtual DeviceTracker& devices() = 0;
    /// Device lists as REST replies, with the /devices/ endpoints' options.
    virtual DeviceLists& device_lists() = 0;
    /// Adds a device view, served at /devices/views/<id>/devices and listed
    /// in /devices/views/all_views: the devices `select` accepts.
    virtual void add_device_view(std::string id, std::string description,
                                 std::function<bool(const Device&)> select) = 0;
    virtual const ConfigView& config() const = 0;
    /// The plugin's own folder (holds its manifest.conf and httpd/).
    virtual std::string plugin_dir() const = 0;
    /// Where a plugin writes files (captures, logs): new files only, under the
    /// configured output folder (see airsight/output.h).
    virtual OutputFiles& outputs() = 0;
    /// The alert tracker: define alerts at creation, raise them any time
    /// (see airsight/alerts.h). Definitions stay after the plugin stops.
    virtual AlertTracker& alerts() = 0;
    /// Registers a log driver (see airsight/logging.h); throws
    /// std::invalid_argument when its log class is taken or malformed. Its
    /// open logs are closed when the plugin's registrations are withdrawn.
    virtual void add_log_driver(std::unique_ptr<LogDriver> driver) = 0;
    /// The server's datasources, read-only (see airsight/sources.h).
    virtual const SourceDirectory& sources() const = 0;
    /// The stream tracker (see airsight/streams.h): live streams register
    /// there while they run, so clients can list and close them.
    virtual StreamTracker& streams() = 0;
    /// Kismet's event bus (see airsight/events.h): declare a plugin's topics
    /// at creation, publish any time.
    virtual EventBus& events() = 0;
};

/// A loaded plugin. Created by the factory after the host registered it;
/// start() runs once every plugin is created; stop() runs once, at shutdown,
/// after what it registered was withdrawn; then it is destroyed.
class Plugin {
public:
    virtual ~Plugin() = default;
    virtual void start() {}
    virtual void stop() {}
};

} // namespace airsight

#endif
