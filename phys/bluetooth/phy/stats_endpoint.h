// /phy/phybtle/stats: what the BTLE PHY counted, by kind (airsight's; Kismet
// has no such page). The source's kismet.datasource.num_error_packets adds
// the bad-CRC and malformed ones up with everything else that failed.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_STATS_ENDPOINT_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_STATS_ENDPOINT_H

#include "phy/btle_phy.h"

#include <airsight/field.h>
#include <airsight/http.h>

namespace airsight::btle {

Route stats_route(FieldRegistry& fields, const BtlePhy& phy);

} // namespace airsight::btle

#endif
