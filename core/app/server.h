// A whole airsight server: builds the services, registers the core
// endpoints, loads plugins and serves HTTP. main() only parses the command
// line, makes a Server and waits for a signal.
#ifndef AIRSIGHT_CORE_APP_SERVER_H
#define AIRSIGHT_CORE_APP_SERVER_H

#include "alerts/device_presence.h"
#include "app/event_publishers.h"
#include "endpoints/device_monitor.h"
#include "services/services.h"
#include "config/config_file.h"
#include "config/credentials.h"
#include "devices/location_fields.h"
#include "fields/field_registry.h"
#include "gps/gps_tracker.h"
#include "http/dispatcher.h"
#include "http/http_server.h"
#include "http/route_table.h"
#include "http/sessions.h"
#include "http/static_files.h"
#include "logging/logging_manager.h"
#include "logging/logging_options.h"
#include "messagebus/message_bus.h"
#include "plugins/plugin_loader.h"
#include "stats/channel_tracker.h"
#include "stats/ticker.h"
#include "util/output_directory.h"

#include <filesystem>
#include <memory>

namespace airsight::core {

struct ServerSetup {
    ConfigFile config;
    std::filesystem::path homedir;    // generated credentials, per-user plugins
    std::filesystem::path executable; // decides the plugin and web content search paths
    MessageBusImpl::Echo echo = print_message;
};

class Server {
public:
    /// Reads settings and credentials; throws ConfigError with what to fix.
    explicit Server(ServerSetup setup);
    ~Server();

    /// Registers the core endpoints, loads plugins and starts HTTP; throws
    /// std::runtime_error when the HTTP socket cannot be bound.
    void start();
    /// Stops HTTP, the sources, the logs (each closed cleanly), then
    /// plugins. Safe to call twice.
    void stop();

    std::uint16_t port() const;
    const std::string& bind_address() const { return http_options_.bind_address; }
    const HttpCredentials& credentials() const { return credentials_; }
    MessageBusImpl& messages() { return messages_; }

private:
    void open_configured_sources();
    /// Starts the GPS instances of the gps= lines (a bad one is reported, not fatal).
    void open_configured_gps();
    /// Feeds the per-second RRDs (packet chain, sources, memory, devices).
    void sample_rates(std::int64_t now_sec);
    /// Makes the logging manager and opens the log_types logs; throws ConfigError.
    void start_logging();

    ServerSetup setup_;
    HttpCredentials credentials_;
    HttpServerOptions http_options_;
    FieldRegistryImpl fields_;
    LocationFields location_fields_;
    MessageBusImpl messages_;
    RouteTable routes_;
    PacketChain chain_;
    PacketRates packet_rates_;
    SystemRates system_rates_;
    DatasourceTypes datasource_types_;
    DatasourceManager datasources_;
    ServerInfo info_;
    DeviceTrackerImpl devices_;
    DeviceListsImpl device_lists_;
    AlertTrackerImpl alerts_;
    DevicePresenceAlerts presence_; // DEVICEFOUND/DEVICELOST
    GpsTracker gps_;
    SessionStore sessions_;
    ChannelTracker channels_; // per-frequency counts and RRDs, fed by the chain and the ticker
    StaticFiles files_;
    OutputDirectory outputs_;
    LogDriverRegistry log_drivers_;
    LoggingOptions logging_options_;
    SourceDirectoryImpl sources_{datasources_};
    StreamTrackerImpl streams_;
    EventBusImpl events_;
    Services services_;
    /// What the core publishes on the event bus; made in start(), before plugins.
    std::unique_ptr<CoreEventPublishers> event_publishers_;
    /// /devices/monitor.ws requests, run by the ticker.
    std::unique_ptr<DeviceMonitor> device_monitor_;
    std::unique_ptr<Dispatcher> dispatcher_;
    std::unique_ptr<PluginLoader> plugins_;
    /// After plugins_ (their drivers write its logs) and destroyed first.
    std::unique_ptr<LoggingManager> logging_;
    std::unique_ptr<HttpServer> http_;
    /// Once a second: the RRDs, then the sources whose retry is due. Reset
    /// first in stop(), so no retry starts once stopping has begun.
    std::unique_ptr<Ticker> rate_ticker_;
};

} // namespace airsight::core

#endif
