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

// A station that keeps deauthenticating from the target: 12 frames 50 ms
// apart, more than the 10 within a second each that Kismet calls a flood.
void deauth_flood(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x03}};
    attack_mgmt_header(out, kDeauth, f, f.target.bssid, station, f.target.bssid);
    out.le16(3); // reason: the station is leaving
}

// A station disassociates from the target and goes on sending data, as a
// station whose disassociation was forged would (or one forging data).
void disassoc_then_data(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x04}};
    if (f.index == 0) {
        attack_mgmt_header(out, kDisassoc, f, f.target.bssid, station, f.target.bssid);
        out.le16(8); // reason: leaving the BSS
        return;
    }
    attack_data_header(out, f, true, false, f.target.bssid, station, f.target.gateway, true);
    out.zeros(8 + 64); // CCMP header and "ciphertext": only the addresses matter
}

// A station associates to the target with an RSN element whose capabilities
// lack the MFP-capable bit.
void association_without_mfp(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x05}};
    attack_mgmt_header(out, 0 /* association request */, f, f.target.bssid, station, f.target.bssid);
    out.le16(0x0411); // ESS, privacy, short slot time
    out.le16(10);     // listen interval
    out.u8(0);        // SSID
    out.u8(static_cast<std::uint8_t>(f.target.ssid.size()));
    out.text(f.target.ssid);
    static constexpr std::uint8_t rates[] = {0x01, 0x04, 0x82, 0x84, 0x8b, 0x96};
    out.bytes(rates, sizeof rates);
    static constexpr std::uint8_t rsn_no_mfp[] = {0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00,
                                                  0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00};
    out.bytes(rsn_no_mfp, sizeof rsn_no_mfp);
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

constexpr AttackSpec kDeauthFlood{
    .name = "deauthflood",
    .alerts = "DEAUTHFLOOD",
    .description = "a station deauthenticates from the target 12 times in 0.6 s",
    .period_usec = 20'000'000,
    .frames_per_burst = 12,
    .spacing_usec = 50'000,
    .build = deauth_flood,
};
constexpr AttackSpec kDisassocTraffic{
    .name = "disassoctraffic",
    .alerts = "DISASSOCTRAFFIC",
    .description = "a station disassociates from the target, then sends data",
    .period_usec = 20'000'000,
    .frames_per_burst = 3,
    .spacing_usec = 1'000'000,
    .build = disassoc_then_data,
};
constexpr AttackSpec kNoClientMfp{
    .name = "noclientmfp",
    .alerts = "NOCLIENTMFP",
    .description = "a station associates to the target without management frame protection",
    .period_usec = 20'000'000,
    .build = association_without_mfp,
};

constexpr const AttackSpec* kAttacks[] = {&kBroadcastDisconnect, &kDisassocBadCode, &kDeauthBadCode,
                                          &kDeauthFlood,         &kDisassocTraffic, &kNoClientMfp};

} // namespace

std::span<const AttackSpec* const> disconnect_attacks() { return kAttacks; }

} // namespace airsight::sim
