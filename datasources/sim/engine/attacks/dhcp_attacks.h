// Attacks seen in DHCP (unprotected data): a DISCOVER in another client's
// name, a client whose host name or vendor class changes, a rogue server
// offering another address range.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_DHCP_ATTACKS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_DHCP_ATTACKS_H

#include "engine/attacks/attack.h"

namespace airsight::sim {

std::span<const AttackSpec* const> dhcp_attacks();

} // namespace airsight::sim

#endif
