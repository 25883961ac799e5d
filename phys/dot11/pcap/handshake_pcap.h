// The handshake pcap of one access point (GET /phy/phy80211/by-key/K/pcap/
// K-handshake.pcap): what cracking tools (aircrack-ng, hcxpcapngtool) need,
// the AP's SSID frame (to learn the ESSID) and its EAPOL-Key frames.
#ifndef AIRSIGHT_PHYS_DOT11_PCAP_HANDSHAKE_PCAP_H
#define AIRSIGHT_PHYS_DOT11_PCAP_HANDSHAKE_PCAP_H

#include "pcap/kept_frame.h"

#include <string>
#include <vector>

namespace airsight::dot11 {

/// A classic pcap file. Without EAPOL frames it is empty: the 24-byte header
/// alone (link type 105), whatever `ssid_frame` holds. Otherwise `ssid_frame`
/// (the latest beacon or probe response; skipped when null or empty) comes
/// first, then the EAPOL frames sorted by capture time (a stable sort: pass
/// them in arrival order). One file has one link type: when every written
/// frame was captured with the same DLT they are written as captured;
/// otherwise every frame is written as plain 802.11 (DLT 105, no capture
/// header, no FCS).
std::string handshake_pcap(const KeptFrame* ssid_frame, std::vector<const KeptFrame*> eapol);

} // namespace airsight::dot11

#endif
