// /phy/phybtle/stats and /phy/phybluetooth/stats: what the BTLE and
// Bluetooth PHYs counted, by kind (airsight's; Kismet has no such pages).
// The source's kismet.datasource.num_error_packets adds the bad-CRC and
// malformed ones up with everything else that failed.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_STATS_ENDPOINT_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_STATS_ENDPOINT_H

#include "phy/bluetooth_phy.h"
#include "phy/btle_phy.h"

#include <airsight/field.h>
#include <airsight/http.h>

namespace airsight::btle {

Route stats_route(FieldRegistry& fields, const BtlePhy& phy);
Route stats_route(FieldRegistry& fields, const BluetoothPhy& phy);

} // namespace airsight::btle

#endif
