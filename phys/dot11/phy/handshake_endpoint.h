// GET /phy/phy80211/by-key/[KEY]/pcap/[KEY]-handshake.pcap (login required):
// the WPA handshake of an access point as a classic pcap file, not streamed.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_HANDSHAKE_ENDPOINT_H
#define AIRSIGHT_PHYS_DOT11_PHY_HANDSHAKE_ENDPOINT_H

#include "phy/dot11_fields.h"

#include <airsight/devices.h>
#include <airsight/http.h>

namespace airsight::dot11 {

class Dot11Phy;

/// The route. The last segment must be "<KEY>-handshake.pcap" naming the same
/// device (Kismet's newer "handshake.pcap" is accepted too). Malformed key:
/// 400; unknown device, a non-Wi-Fi key or another file name: 404.
Route handshake_pcap_route(DeviceTracker& devices, const Dot11Phy& phy, const Dot11Fields& fields);

} // namespace airsight::dot11

#endif
