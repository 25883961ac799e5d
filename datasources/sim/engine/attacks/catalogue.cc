// The sim's attacks, gathered from their groups once.
#include "engine/attacks/attack.h"
#include "engine/attacks/bss_attacks.h"
#include "engine/attacks/dhcp_attacks.h"
#include "engine/attacks/disconnect_attacks.h"
#include "engine/attacks/eapol_attacks.h"
#include "engine/attacks/frame_attacks.h"

#include <vector>

namespace airsight::sim {

std::span<const AttackSpec* const> attack_catalogue()
{
    static const std::vector<const AttackSpec*> all = [] {
        std::vector<const AttackSpec*> out;
        for (auto group : {disconnect_attacks(), frame_attacks(), eapol_attacks(), dhcp_attacks(), bss_attacks()})
            out.insert(out.end(), group.begin(), group.end());
        return out;
    }();
    return all;
}

const AttackSpec* find_attack(std::string_view name)
{
    for (const AttackSpec* a : attack_catalogue())
        if (a->name == name) return a;
    return nullptr;
}

std::string attack_names()
{
    std::string out;
    for (const AttackSpec* a : attack_catalogue()) {
        if (!out.empty()) out += ", ";
        out += a->name;
    }
    return out;
}

} // namespace airsight::sim
