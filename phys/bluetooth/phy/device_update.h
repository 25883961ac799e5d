// What an advertisement's data changes on a device: its name, the Flags,
// tx power, appearance, service UUIDs and data, manufacturer data and what
// Apple, Google (Eddystone) and Microsoft formats in it say. Independent of
// how the advertisement arrived: the link layer (btle_phy) feeds it now, an
// HCI advertising report can feed it the same way later.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_DEVICE_UPDATE_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_DEVICE_UPDATE_H

#include "dissect/ad.h"
#include "phy/btle_device.h"

#include <airsight/devices.h>

#include <optional>

namespace airsight::btle {

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
