// Attacks that disconnect stations: forged deauthentication and
// disassociation frames, data after a disassociation, and an association
// without management frame protection (which forged disconnects exploit).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_DISCONNECT_ATTACKS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_DISCONNECT_ATTACKS_H

#include "engine/attacks/attack.h"

namespace airsight::sim {

std::span<const AttackSpec* const> disconnect_attacks();

} // namespace airsight::sim

#endif
