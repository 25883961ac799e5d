// What an advertisement's data changes on a device: its name, the Flags,
// tx power, appearance, service UUIDs and data, manufacturer data and what
// Apple, Google (Eddystone) and Microsoft formats in it say. Independent of
// how the advertisement arrived: the BTLE PHY feeds it from link-layer PDUs,
// the Bluetooth PHY from HCI advertising reports and EIR data.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_DEVICE_UPDATE_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_DEVICE_UPDATE_H

#include "dissect/ad.h"
#include "phy/btle_device.h"

#include <airsight/devices.h>

#include <memory>
#include <optional>

namespace airsight::btle {

/// Kismet names the manufacturer of a random address so (manuf.cc).
inline constexpr std::string_view kRandomManufacturer = "Randomized";

struct LeComponents {
    BtleDevice& le;
    BluetoothDevice& bt;
};

/// A device's bluetooth.device component, made on first sight.
BluetoothDevice& bluetooth_component(Device& d, const std::shared_ptr<const BtleFields>& fields);

/// An LE device's btle.device and bluetooth.device, made on first sight,
/// with its address type noted (a random one has Kismet's "Randomized"
/// manufacturer).
LeComponents le_components(Device& d, const std::shared_ptr<const BtleFields>& fields, bool random);

struct Advertisement {
    const AdvertisingData& data;
    Bytes raw;                       // the AD structures as sent
    bool scan_response = false;      // ScanRspData rather than AdvData
    std::optional<bool> connectable; // what the PDU (or report) type says; nothing: it says nothing
    std::optional<int> signal_dbm;   // with an advertised tx power: the path loss
};

void apply_advertisement(Device& device, BtleDevice& le, BluetoothDevice& bt, const Advertisement& a);

/// Records a CONNECT_IND on one of its two ends (bounded, like the lists above).
void note_connection(BtleDevice& le, const ConnectionRecord& c);

} // namespace airsight::btle

#endif
