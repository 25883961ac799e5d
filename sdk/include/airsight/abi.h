// airsight SDK: the binary contract between the server and a plugin .so.
//
// A plugin exports exactly two symbols:
//   - `airsight_plugin_info`, a constant airsight_plugin_info of plain C types;
//   - `airsight_plugin_create`, the factory (see airsight/plugin.h).
// The loader reads and checks the info (ABI number, name) from the .so's file,
// before dlopen() runs any of its static constructors, so a plugin built
// against another SDK is refused with a reason instead of crashing the server.
// That is why the record holds no pointers: it needs no relocation, and its
// bytes in the file are its value.
#ifndef AIRSIGHT_ABI_H
#define AIRSIGHT_ABI_H

#include <stdint.h>

/* Bumped whenever a change to any SDK header breaks binary compatibility.
 * The loader accepts only plugins built with exactly this number. The test
 * `sdk-abi` compares the SDK's binary surface with sdk/abi/airsight-sdk.abi
 * and fails when it changed while this number did not.
 *   3: fixed-size info record; FunctionRef in DeviceTracker; Device's
 *      packets_rrd moved last; this release's packet/device/http changes.
 *   4: DeviceUpdate's DEVICE_NAMED, DEVICE_EXISTING_ONLY, DEVICE_RELAYED (a
 *      plugin passing them to a core of 3 would have them silently ignored);
 *      MacAddr's own operator==; SourceDefinition's number parsers.
 *   5: Device's members reordered (packet-path ones first) with seenby,
 *      freq_khz_map and components as SmallVector; DeviceTracker::prefetch;
 *      Packet::local_sec; PluginHost::alerts() and airsight/alerts.h (the
 *      alert tracker).
 *   6: airsight/location.h (GpsFix, LocationRecord); Packet::location;
 *      AlertEvent::location is a GpsFix (the GPS tracker).
 *   7: airsight/logging.h (log drivers) and airsight/sources.h;
 *      PluginHost::add_log_driver() and sources(); Packet::addresses;
 *      DeviceTracker::phy_name().
 *   8: LogFile::packets() (packets in batches); MacAddr::text();
 *      Packet::kind and LoggedPacket::kind (PacketKind).
 *   9: Device::signal_rrd (airsight/signal_rrd.h); Request::Auth's
 *      session_unknown and session_id (the session a logout ends);
 *      websocket routes (airsight/websocket.h, Format WEBSOCKET,
 *      Reply::websocket_session) and the event bus (airsight/events.h,
 *      PluginHost::events()); DeviceLists::record() (a device's record
 *      for an event's content). */
#define AIRSIGHT_SDK_ABI 9u

/* Human-readable SDK version, for messages and the pkg-config file. */
#define AIRSIGHT_SDK_VERSION "0.9.0"

#define AIRSIGHT_PLUGIN_INFO_SYMBOL "airsight_plugin_info"
#define AIRSIGHT_PLUGIN_CREATE_SYMBOL "airsight_plugin_create"

/* What a plugin provides; informational, shown in /plugins/all_plugins. */
enum airsight_plugin_kind {
    AIRSIGHT_PLUGIN_ENDPOINTS = 1u << 0, /* REST routes */
    AIRSIGHT_PLUGIN_FIELDS = 1u << 1,    /* tracked fields */
    AIRSIGHT_PLUGIN_PHY = 1u << 2,       /* PHY handler */
    AIRSIGHT_PLUGIN_DATASOURCE = 1u << 3,/* datasource driver */
    AIRSIGHT_PLUGIN_LOG = 1u << 4,       /* log driver */
};

#ifdef __cplusplus
extern "C" {
#endif

/* Sizes of the info record's text fields, NUL included. */
#define AIRSIGHT_PLUGIN_NAME_SIZE 72
#define AIRSIGHT_PLUGIN_VERSION_SIZE 40
#define AIRSIGHT_PLUGIN_DESCRIPTION_SIZE 256

/* Describes a plugin. Plain C with fixed-size text and no pointers, so the
 * loader reads it from the file without relocating anything. `sdk_abi` stays
 * the first member in every ABI, so any loader reads any plugin's number. */
struct airsight_plugin_info {
    uint32_t sdk_abi;                                   /* AIRSIGHT_SDK_ABI the plugin was built with */
    uint32_t kinds;                                     /* bitwise OR of airsight_plugin_kind */
    char name[AIRSIGHT_PLUGIN_NAME_SIZE];               /* must equal the manifest's name=; NUL-terminated */
    char version[AIRSIGHT_PLUGIN_VERSION_SIZE];         /* plugin version, free text; NUL-terminated */
    char description[AIRSIGHT_PLUGIN_DESCRIPTION_SIZE]; /* one line; NUL-terminated */
};

#ifdef __cplusplus
}
#endif

#endif
