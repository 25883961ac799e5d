// The SDK's binary surface, made visible to libabigail. The SDK is header-only,
// so nothing would record the layouts and vtables a plugin and the server must
// agree on; this library exports one function per type that crosses the
// boundary, and abidw (run by scripts/update-sdk-abi.sh and the sdk-abi test)
// records every type reachable from them: members, sizes, offsets, bases and
// virtual functions with their vtable slots.
//
// A type a plugin and the server exchange must be reachable from here: add a
// probe when a header gains one.
#include <airsight/abi.h>
#include <airsight/alerts.h>
#include <airsight/btle_component.h>
#include <airsight/datasource.h>
#include <airsight/device_lists.h>
#include <airsight/devices.h>
#include <airsight/events.h>
#include <airsight/field.h>
#include <airsight/function_ref.h>
#include <airsight/host.h>
#include <airsight/http.h>
#include <airsight/ieee80211_component.h>
#include <airsight/location.h>
#include <airsight/logging.h>
#include <airsight/mac.h>
#include <airsight/output.h>
#include <airsight/packet.h>
#include <airsight/plugin.h>
#include <airsight/radio.h>
#include <airsight/rrd.h>
#include <airsight/sources.h>
#include <airsight/streams.h>
#include <airsight/value.h>
#include <airsight/websocket.h>
#include <airsight/writer.h>

#define AIRSIGHT_ABI_PROBE extern "C" __attribute__((visibility("default"), used, noinline))

namespace airsight {

// The plugin entry points and their records.
AIRSIGHT_ABI_PROBE void airsight_abi_plugin_info(const airsight_plugin_info*, airsight_plugin_kind) {}
AIRSIGHT_ABI_PROBE void airsight_abi_plugin_factory(airsight_plugin_create_fn) {}
AIRSIGHT_ABI_PROBE void airsight_abi_plugin(Plugin*, PluginHost*, MessageBus*, ConfigView*, MessageFlags) {}

// Alerts.
AIRSIGHT_ABI_PROBE void airsight_abi_alerts(AlertTracker*, const AlertDefinition*, const AlertEvent*, AlertRef,
                                            AlertRate, AlertSeverity, AlertTimeUnit, const AlertLocation*) {}

// Positions (GPS).
AIRSIGHT_ABI_PROBE void airsight_abi_location(const GpsFix*, const LocationRecord*, const LocationPoint*) {}

// Fields and values.
AIRSIGHT_ABI_PROBE void airsight_abi_fields(FieldRegistry*, const Field*, FieldType, FieldError*) {}
AIRSIGHT_ABI_PROBE void airsight_abi_value(Value*, ValueError*, Writer*) {}

// HTTP.
AIRSIGHT_ABI_PROBE void airsight_abi_http(const Route*, const Request*, Reply*, HttpError*, Handler*, Format) {}
AIRSIGHT_ABI_PROBE void airsight_abi_live(ByteSink*) {}
AIRSIGHT_ABI_PROBE void airsight_abi_websocket(WebSocketPeer*, WebSocketSession*) {}

// The event bus.
AIRSIGHT_ABI_PROBE void airsight_abi_events(EventBus*) {}

// Streams.
AIRSIGHT_ABI_PROBE void airsight_abi_streams(StreamTracker*, StreamHandle*, const StreamDescription*) {}

// The packet chain.
AIRSIGHT_ABI_PROBE void airsight_abi_packets(Packet*, const CapturedFrame*, const RadioInfo*, const MacAddr*,
                                             PacketHandler*, PacketStage, const PacketComponentOps*)
{
}

// The 802.11 facts one PHY shares with other plugins.
AIRSIGHT_ABI_PROBE void airsight_abi_ieee80211(const Ieee80211Frame*, const Ieee80211VendorIe*, Ieee80211FrameKind) {}
// The BLE advertisement the Bluetooth PHYs share with other plugins (the uav PHY).
AIRSIGHT_ABI_PROBE void airsight_abi_btle(const BtleAdvertisement*, const BtleServiceData16*, BtleRadio) {}

// Devices.
AIRSIGHT_ABI_PROBE void airsight_abi_devices(DeviceTracker*, Device*, DeviceComponent*, const DeviceKey*,
                                             const SignalStats*, const SeenBy*, FunctionRef<void(Device&)>*,
                                             DeviceUpdate, DeviceLists*, FunctionRef<bool(const Device&)>*)
{
}

// Files plugins write.
AIRSIGHT_ABI_PROBE void airsight_abi_outputs(OutputFiles*) {}

// Datasources.
AIRSIGHT_ABI_PROBE void airsight_abi_datasources(DatasourceType*, Datasource*, PacketSink*, const SourceDefinition*,
                                                 const DatasourceCapabilities*, const InterfaceInfo*,
                                                 const SourceStatus*)
{
}

// Logs, and the datasources they name.
AIRSIGHT_ABI_PROBE void airsight_abi_logging(LogDriver*, LogFile*, const LogOpenRequest*, const LoggedPacket*,
                                             const LoggedDevice*, const LoggedAlert*, const LoggedMessage*,
                                             const LoggedSource*, const LoggedSnapshot*, LogContents,
                                             const PacketAddresses*)
{
}
AIRSIGHT_ABI_PROBE void airsight_abi_sources(SourceDirectory*, const SourceInfo*) {}

// Rate records.
AIRSIGHT_ABI_PROBE void airsight_abi_rrd(Rrd*, CountRrd*, const RrdFields*) {}

} // namespace airsight
