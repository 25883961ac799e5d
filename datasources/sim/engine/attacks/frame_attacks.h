// Attacks whose single frames carry a fingerprint the IDS knows: exploit
// signatures, over-long or malformed IEs, odd SSIDs, over-strong signals
// (the dot11 "ids-frames" alerts, phys/dot11/ids/frame_alerts.h).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_FRAME_ATTACKS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_FRAME_ATTACKS_H

#include "engine/attacks/attack.h"

namespace airsight::sim {

std::span<const AttackSpec* const> frame_attacks();

/// The made-up access point an attack of this group sends as: 02:A5:1D:00:00:n,
/// n its place in frame_attacks() from 1 (a fixed OUI replaces the first three
/// bytes where the alert is about the OUI).
MacAddr frame_attacker_mac(std::uint8_t n);

/// The SSID the ssidcanary attack advertises.
inline constexpr std::string_view kCanarySsid = "airsight-canary";

} // namespace airsight::sim

#endif
