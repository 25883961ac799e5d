// Attacks on what an access point advertises: beacons forged with the target
// AP's BSSID that differ from its own in one thing, and an impersonator of
// its SSID. The target's own beacons go on, so each forged one is compared
// with a real one both ways (a change there and a change back).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_BSS_ATTACKS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_BSS_ATTACKS_H

#include "engine/attacks/attack.h"

namespace airsight::sim {

std::span<const AttackSpec* const> bss_attacks();

/// The MAC the apspoof attack advertises the target's SSID from.
inline const MacAddr kApspoofMac{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x10}};

} // namespace airsight::sim

#endif
