// The services a server is made of, passed by reference to whatever needs
// them (endpoint sets, the plugin host): there are no global singletons, so a
// test can build just the parts it needs.
#ifndef AIRSIGHT_CORE_SERVICES_SERVICES_H
#define AIRSIGHT_CORE_SERVICES_SERVICES_H

#include "alerts/alert_tracker.h"
#include "datasources/datasource_manager.h"
#include "datasources/datasource_types.h"
#include "datasources/source_directory.h"
#include "devices/device_tracker.h"
#include "eventbus/event_bus.h"
#include "fields/field_registry.h"
#include "http/route_table.h"
#include "logging/log_driver_registry.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"
#include "packetchain/packet_rates.h"
#include "query/device_lists.h"
#include "stats/system_rates.h"
#include "streams/stream_tracker.h"

#include <airsight/host.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace airsight::core {

class PluginLoader;
class LoggingManager;

/// Facts about this server instance shown in /system/status.
struct ServerInfo {
    std::string uuid;             // kismet.server.uuid
    std::string name = "airsight";
    std::string description;
    std::string location;
    std::uint64_t start_sec = 0;  // wall-clock start time
};

struct Services {
    FieldRegistryImpl& fields;
    MessageBusImpl& messages;
    RouteTable& routes;
    PacketChain& chain;
    PacketRates& packet_rates;
    SystemRates& system_rates;
    DatasourceTypes& datasource_types;
    DatasourceManager& datasources;
    DeviceTrackerImpl& devices;
    DeviceListsImpl& device_lists;
    AlertTrackerImpl& alerts;
    const ConfigView& config;
    /// Where plugins and log drivers write files (output_dir).
    OutputFiles& outputs;
    /// Log drivers plugins registered (the logging manager opens logs through them).
    LogDriverRegistry& log_drivers;
    /// The datasources as plugins see them (airsight/sources.h).
    const SourceDirectoryImpl& sources;
    /// Running streams (live pcapng replies), airsight/streams.h.
    StreamTrackerImpl& streams;
    /// Kismet's event bus (airsight/events.h; /eventbus/events.ws).
    EventBusImpl& events;
    ServerInfo info;
    /// Open HTTP connections, for /system/status (0 when no server runs).
    std::function<int()> http_connections = [] { return 0; };
    /// The plugin loader, once plugins are loaded (nullptr before).
    const PluginLoader* plugins = nullptr;
    /// The logging manager, once started (nullptr before and after): a
    /// plugin withdrawing its log drivers has their open logs closed first.
    LoggingManager* logging = nullptr;
};

} // namespace airsight::core

#endif
