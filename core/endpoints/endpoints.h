// The core's own REST endpoint sets. Each registers its fields and routes
// with the services it is given.
#ifndef AIRSIGHT_CORE_ENDPOINTS_ENDPOINTS_H
#define AIRSIGHT_CORE_ENDPOINTS_ENDPOINTS_H

#include "gps/gps_tracker.h"
#include "http/sessions.h"
#include "stats/channel_tracker.h"
#include "logging/logging_manager.h"
#include "services/services.h"

namespace airsight::core {

/// /system/status, /system/timestamp, /system/tracked_fields.html
void register_system_endpoints(Services& services);
/// /session/check_session, /session/check_login, /session/logout
void register_session_endpoints(Services& services, SessionStore& sessions);
/// /messagebus/all_messages, /messagebus/last-time/[TS]/messages
void register_messagebus_endpoints(Services& services);
/// /plugins/all_plugins
void register_plugin_endpoints(Services& services);
/// /datasource/...
void register_datasource_endpoints(Services& services);
/// /packetchain/packet_stats
void register_packetchain_endpoints(Services& services);
/// /devices/..., /phy/all_phys
void register_device_endpoints(Services& services);
/// /alerts/...
void register_alert_endpoints(Services& services);
/// /streams/all_streams, /streams/by-id/[id]/stream_info, .../close_stream
void register_stream_endpoints(Services& services);
/// /channels/channels; feeds `tracker` from the packet chain's OBSERVE stage
void register_channel_endpoints(Services& services, ChannelTracker& tracker);
/// /eventbus/events.ws, /eventbus/topics.json
void register_eventbus_endpoints(Services& services);
/// /gps/...
void register_gps_endpoints(Services& services, GpsTracker& gps);

/// /logging/... (Kismet's log tracker: drivers, active logs, start and stop)
void register_logging_endpoints(Services& services, LoggingManager& logging);

/// The record /alerts/all_alerts serves for one alert (for the logs).
std::function<Value(const AlertRecord&)> alert_record_renderer(FieldRegistryImpl& fields);
/// The record /datasource/by-uuid/UUID/source.json serves (for the logs).
std::function<Value(const SourceSnapshot&)> source_record_renderer(FieldRegistryImpl& fields);

/// Kismet's GPS snapshots: each GPS as /gps/all_gps serves it (for the logs).
std::function<std::vector<LoggedSnapshot>()> gps_snapshot_source(FieldRegistryImpl& fields, const GpsTracker& gps);

/// Parses a [TS] path parameter: seconds since the epoch, with an optional
/// fraction; a negative value counts back from `now`. Throws HttpError 400.
double parse_timestamp_param(std::string_view text, double now);

/// Seconds (with microseconds) since the epoch, from the wall clock.
double wall_clock_now();

} // namespace airsight::core

#endif
