// What one 802.11 frame or BLE advertisement says about a drone, read from
// the components other PHYs share (airsight/ieee80211_component.h,
// airsight/btle_component.h) without the device lock, and how that lands on
// a device's uav.device record.
#ifndef AIRSIGHT_PHYS_UAV_PHY_UAV_SIGHTING_H
#define AIRSIGHT_PHYS_UAV_PHY_UAV_SIGHTING_H

#include "decode/dji_droneid.h"
#include "decode/remote_id.h"
#include "phy/uav_device.h"
#include "phy/uav_match.h"

#include <airsight/btle_component.h>
#include <airsight/ieee80211_component.h>

#include <memory>
#include <optional>
#include <string_view>

namespace airsight::uav {

inline constexpr std::uint32_t kAstmOui = 0xfa0bbc;   // ASD-STAN / ASTM Remote ID vendor IE
inline constexpr std::uint8_t kAstmBeaconType = 0x0d;
inline constexpr std::uint32_t kWifiAllianceOui = 0x506f9a;
inline constexpr std::uint8_t kWfaNanType = 0x13;
inline constexpr std::uint16_t kAstmServiceUuid = 0xfffa; // BLE service data
inline constexpr std::uint8_t kAstmAppCode = 0x0d;         // its first byte: "Open Drone ID"

enum class RemoteIdCarrier : std::uint8_t { none, beacon, nan, ble_legacy, ble_extended, ble_long_range };

/// Kismet-style uav.match_type of a Remote ID carrier ("Remote ID WiFi Beacon", ...).
std::string_view carrier_match_type(RemoteIdCarrier carrier);

struct UavSighting {
    RemoteIdCarrier carrier = RemoteIdCarrier::none;
    std::optional<RidReport> remote_id;
    std::optional<DjiDroneId> dji;
    std::shared_ptr<const UavMatchRule> rule; // a manufacturer matcher's verdict
    unsigned truncated = 0, impossible = 0, unknown = 0;

    bool empty() const { return !remote_id && !dji && !rule; }
    unsigned errors() const { return truncated + impossible + unknown; }
};

/// The Remote ID service info of a NAN service discovery frame's Service
/// Descriptor Attribute for "org.opendroneid.remoteid" (service ID
/// 88:69:19:9D:92:09, the first 6 bytes of its SHA-256), given a public
/// action frame's body after category and action code. Nothing when the
/// frame is not one; `truncated` counts attributes cut short.
std::optional<Bytes> nan_remote_id_service_info(Bytes action_body, unsigned& truncated);

/// Reads the frame (beacons and probe responses: ASTM and DJI vendor IEs,
/// the matchers on the SSID; NAN action frames: Remote ID).
UavSighting read_frame(const Ieee80211Frame& frame, const UavMatchers& matchers);

/// Reads an advertisement's service data 0xFFFA (ASTM F3411 over BLE: the
/// application code 0x0D, a counter, a message in legacy advertising or a
/// pack in extended advertising).
UavSighting read_advertisement(const BtleAdvertisement& advertisement);

/// Applies a sighting to a device's record. `sec`/`usec`: the packet's time;
/// `oui_manufacturer`: the tracker's name for the MAC's OUI ("" when unknown).
void apply_sighting(const UavSighting& s, UavDevice& dev, std::int64_t sec, std::uint32_t usec,
                    std::string_view oui_manufacturer);

/// ASTM F3411's UA type names ("Helicopter or Multirotor" for 2).
std::string_view rid_ua_type_name(std::uint8_t ua_type);

} // namespace airsight::uav

#endif
