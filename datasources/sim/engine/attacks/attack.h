// Scripted attacks: frames an intruder sends, so that each of the IDS's
// detectors has a deterministic trigger (attacks="NAME,NAME" on a sim source).
//
// An attack is data plus one function: a name, when its bursts happen, and
// a builder that writes each frame's 802.11 bytes (the frame builder adds
// radiotap and the FCS). Attacks aim at the world's first real access point,
// the "target": they forge its BSSID, or talk to it. To add one:
//   1. write its AttackSpec in the file of its group (disconnect_attacks.cc,
//      ...; a new group is a new file with a `*_attacks()` function),
//   2. list the group in catalogue.cc once,
//   3. test that its frames raise the alert (tests/integration/test_alerts_*.py)
//      and what they look like (datasources/sim/tests/test_attacks.cc).
// Everything an attack sends must follow from the world and the frame's
// numbers alone: same seed, same bytes.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_ATTACK_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_ATTACKS_ATTACK_H

#include "engine/bytes.h"
#include "engine/world.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace airsight::sim {

/// One frame of an attack, as its builder sees it.
struct AttackFrame {
    const World& world;
    const AccessPoint& target; // the world's first real AP
    std::uint32_t burst;       // 0 for the first burst
    int index;                 // the frame's place in its burst, from 0
    std::uint16_t seq;         // the attacker's 802.11 sequence number for it (0 when choosing the channel)
    std::uint64_t ts_usec;     // when it is sent
    int channel;               // where it is sent (0 when choosing the channel)
};

struct AttackSpec {
    std::string_view name;        // as in attacks="...": the alert it provokes, lower case
    std::string_view alerts;      // the alerts it should raise, e.g. "BCASTDISCON"
    std::string_view description; // what the attacker does, in a few words
    std::uint64_t first_usec = 1'000'000; // first burst, after the world's start
    std::uint64_t period_usec = 0;        // between bursts; 0: one burst only
    int frames_per_burst = 1;             // 1..255
    std::uint64_t spacing_usec = 1'000;   // between the frames of a burst
    int signal_dbm = -45;                 // as the sensor hears it (+-3): the attacker sits near it
    /// The channel a frame goes out on; nullptr: the target's.
    int (*channel)(const AttackFrame& frame) = nullptr;
    /// Appends the frame's 802.11 bytes (MAC header first, no FCS) to `out`.
    void (*build)(const AttackFrame& frame, ByteSink& out) = nullptr;
};

/// Every attack the sim knows, in a fixed order.
std::span<const AttackSpec* const> attack_catalogue();
/// The attack called `name` (exact, lower case), or nullptr.
const AttackSpec* find_attack(std::string_view name);
/// "a, b, c": the catalogue's names, for error messages.
std::string attack_names();

// --- helpers for builders -----------------------------------------------------

inline const MacAddr kBroadcastMac{{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}};

/// A management frame's header (24 bytes): subtype, addr1..3, the frame's sequence number.
void attack_mgmt_header(ByteSink& out, std::uint8_t subtype, const AttackFrame& frame, const MacAddr& a1,
                        const MacAddr& a2, const MacAddr& a3, bool is_protected = false);
/// A data frame's header (24 bytes; QoS adds the QoS control field): to/from DS
/// from the flags, addr1..3, the frame's sequence number.
void attack_data_header(ByteSink& out, const AttackFrame& frame, bool to_ds, bool from_ds, const MacAddr& a1,
                        const MacAddr& a2, const MacAddr& a3, bool is_protected = false, bool qos = false);

} // namespace airsight::sim

#endif
