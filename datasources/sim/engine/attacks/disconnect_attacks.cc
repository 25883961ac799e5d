#include "engine/attacks/disconnect_attacks.h"

namespace airsight::sim {
namespace {

constexpr std::uint8_t kDisassoc = 10, kDeauth = 12;

// The target AP tells every station at once to leave: what Kismet calls a
// broadcast disconnect. Alternates disassociation and deauthentication.
void broadcast_disconnect(const AttackFrame& f, ByteSink& out)
{
    attack_mgmt_header(out, f.index % 2 ? kDeauth : kDisassoc, f, kBroadcastMac, f.target.bssid, f.target.bssid);
    out.le16(3); // reason: the station is leaving
}

// A reason code 802.11 does not define: Kismet flags 25-31 and anything above 45.
constexpr std::uint16_t kUndefinedReason = 0x00ff;

void disassoc_bad_code(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x01}}; // a made-up station
    attack_mgmt_header(out, kDisassoc, f, station, f.target.bssid, f.target.bssid);
    out.le16(kUndefinedReason);
}

void deauth_bad_code(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x02}};
    attack_mgmt_header(out, kDeauth, f, station, f.target.bssid, f.target.bssid);
    out.le16(kUndefinedReason);
}

constexpr AttackSpec kBroadcastDisconnect{
    .name = "bcastdiscon",
    .alerts = "BCASTDISCON",
    .description = "the target AP disconnects every station by broadcast",
    .period_usec = 5'000'000,
    .frames_per_burst = 4,
    .build = broadcast_disconnect,
};
constexpr AttackSpec kDisassocBadCode{
    .name = "disconcodeinvalid",
    .alerts = "DISCONCODEINVALID",
    .description = "a disassociation with a reason code 802.11 does not define",
    .period_usec = 5'000'000,
    .build = disassoc_bad_code,
};
constexpr AttackSpec kDeauthBadCode{
    .name = "deauthcodeinvalid",
    .alerts = "DEAUTHCODEINVALID",
    .description = "a deauthentication with a reason code 802.11 does not define",
    .period_usec = 5'000'000,
    .build = deauth_bad_code,
};

constexpr const AttackSpec* kAttacks[] = {&kBroadcastDisconnect, &kDisassocBadCode, &kDeauthBadCode};

} // namespace

std::span<const AttackSpec* const> disconnect_attacks() { return kAttacks; }

} // namespace airsight::sim
