// The two components of a BLE device: btle.device (what the link layer and
// Kismet's BTLE PHY keep, plus airsight.btle.* for manufacturer data and
// connections) and bluetooth.device (Kismet's Bluetooth record: service
// UUIDs and data, tx power, connectable). Typed and bounded; records only
// when served.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_BTLE_DEVICE_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_BTLE_DEVICE_H

#include "dissect/ad.h"
#include "dissect/ad_vendor.h"
#include "phy/btle_fields.h"

#include <airsight/devices.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace airsight::btle {

/// The PHY's name (Kismet's), and its hash in device keys (2701E10200000000).
inline constexpr std::string_view kBtlePhyName = "BTLE";
inline constexpr std::uint32_t kBtlePhyHash = DeviceKey::hash_phy_name(kBtlePhyName);
/// kismet.device.base.type of every BTLE device (Kismet's).
inline constexpr std::string_view kBtleDeviceType = "BTLE";

/// A connection a CONNECT_IND asked for, seen from one of its two ends.
struct ConnectionRecord {
    MacAddr peer;
    bool central = false; // this device sent the CONNECT_IND
    std::uint32_t access_address = 0;
    std::uint16_t interval = 0;
    std::uint64_t first_time = 0, last_time = 0;
};

class BtleDevice : public DeviceComponent {
public:
    static constexpr std::size_t kMaxManufacturers = 8, kMaxConnections = 32;

    explicit BtleDevice(std::shared_ptr<const BtleFields> fields) : fields_(std::move(fields)) {}
    Value to_value() const override;

    std::optional<std::uint8_t> flags; // the AD Flags last advertised
    std::uint8_t pdu_type = 0;
    std::uint32_t pdu_types_seen = 0;
    bool random_address = false;
    std::optional<std::uint16_t> appearance;
    std::vector<std::pair<std::uint16_t, std::string>> manufacturer_data; // company -> hex
    std::string company;
    std::uint32_t apple_types = 0; // bit t: Continuity type t
    std::optional<IBeacon> ibeacon;
    std::string eddystone_uid, eddystone_url;
    std::optional<std::int8_t> eddystone_tx_power;
    std::string microsoft_device_type;
    std::vector<ConnectionRecord> connections;
    std::uint64_t not_kept = 0;

private:
    std::shared_ptr<const BtleFields> fields_;
};

class BluetoothDevice : public DeviceComponent {
public:
    static constexpr std::size_t kMaxUuids = 32, kMaxServiceData = 16;
    /// Kismet's bt_device_type: 0 BR/EDR, 1 BTLE, 2 both.
    static constexpr std::uint8_t kTypeBrEdr = 0, kTypeBtle = 1, kTypeBoth = 2;

    explicit BluetoothDevice(std::shared_ptr<const BtleFields> fields) : fields_(std::move(fields)) {}
    Value to_value() const override;

    std::uint8_t type = kTypeBtle;
    std::vector<Uuid> service_uuids, solicitation_uuids;
    std::vector<std::pair<Uuid, std::string>> service_data; // uuid -> hex
    std::string scan_data;                                  // hex of the last scan response's data
    std::optional<std::int16_t> txpower;
    std::optional<std::int16_t> pathloss;
    std::optional<bool> connectable;
    std::optional<std::uint32_t> class_of_device; // BR/EDR inquiry results
    std::optional<std::uint8_t> address_type;     // HCI reports' address type (dissect/hci.h)

private:
    std::shared_ptr<const BtleFields> fields_;
};

} // namespace airsight::btle

#endif
