// Attacks on the WPA handshake and WPS, in EAPOL frames: an all-zero nonce,
// a replayed nonce, a WPS PIN brute force.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_EAPOL_ATTACKS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_EAPOL_ATTACKS_H

#include "engine/attacks/attack.h"

namespace airsight::sim {

std::span<const AttackSpec* const> eapol_attacks();

} // namespace airsight::sim

#endif
