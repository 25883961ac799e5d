#include "engine/attacks/eapol_attacks.h"

namespace airsight::sim {
namespace {

// RFC 1042 SNAP header for 802.1X (EAPOL).
void eapol_snap(ByteSink& out)
{
    static constexpr std::uint8_t snap[] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e};
    out.bytes(snap, sizeof snap);
}

// An EAPOL-Key frame (RSN descriptor, no key data) with `key_info`, a replay
// counter and a nonce of `nonce_byte`s.
void eapol_key(ByteSink& out, std::uint16_t key_info, std::uint64_t replay, std::uint8_t nonce_byte)
{
    eapol_snap(out);
    out.u8(2);     // 802.1X-2004
    out.u8(3);     // EAPOL-Key
    out.be16(95);  // body length: the key frame without key data
    out.u8(2);     // RSN key descriptor
    out.be16(key_info);
    out.be16(16);  // key length
    out.be64(replay);
    for (int i = 0; i < 32; ++i) out.u8(nonce_byte);
    out.zeros(16 + 8 + 8 + 16); // IV, RSC, reserved, MIC
    out.be16(0);                // no key data
}

constexpr std::uint16_t kVersion2 = 0x0002, kPairwise = 0x0008, kAck = 0x0080, kMic = 0x0100, kSecure = 0x0200;

// A station answers the target with a group-key message (MIC, no pairwise
// bit, no key data) whose nonce is all zeros: vanhoefm's downgrade.
void zero_nonce(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x06}};
    attack_data_header(out, f, true, false, f.target.bssid, station, f.target.bssid);
    eapol_key(out, kVersion2 | kMic | kSecure, 3 + f.burst, 0x00);
}

// The target sends handshake message 1 to a station twice with the same
// ANonce and replay counter, the second time without the retry bit: a
// replayed message (KRACK).
void replayed_anonce(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x07}};
    attack_data_header(out, f, false, true, station, f.target.bssid, f.target.bssid);
    eapol_key(out, kVersion2 | kPairwise | kAck, 1 + f.burst, static_cast<std::uint8_t>(0xa0 + f.burst % 16));
}

// The target, attacked by a WPS PIN brute force, answers each guess up to
// WPS message M3 (an EAP request of the WFA SimpleConfig expanded type).
void wps_m3(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x08}};
    attack_data_header(out, f, false, true, station, f.target.bssid, f.target.bssid);
    eapol_snap(out);
    static constexpr std::uint8_t attributes[] = {
        0x10, 0x4a, 0x00, 0x01, 0x10, // version 1.0
        0x10, 0x22, 0x00, 0x01, 0x07, // message type: M3
    };
    const auto eap_length = static_cast<std::uint16_t>(4 + 1 + 3 + 4 + 2 + sizeof attributes);
    out.u8(1);  // 802.1X-2001
    out.u8(0);  // EAP packet
    out.be16(eap_length);
    out.u8(1);  // EAP request
    out.u8(static_cast<std::uint8_t>(f.index));
    out.be16(eap_length);
    out.u8(254); // expanded type
    out.u8(0x00);
    out.u8(0x37);
    out.u8(0x2a); // WFA
    out.be16(0);
    out.be16(1);  // SimpleConfig
    out.u8(0x04); // WSC_MSG
    out.u8(0x00); // no flags
    out.bytes(attributes, sizeof attributes);
}

constexpr AttackSpec kZeroNonce{
    .name = "noncedegrade",
    .alerts = "NONCEDEGRADE",
    .description = "a station sends the target a group-key message with an all-zero nonce",
    .period_usec = 20'000'000,
    .build = zero_nonce,
};
constexpr AttackSpec kReplayedAnonce{
    .name = "noncereuse",
    .alerts = "NONCEREUSE",
    .description = "the target replays handshake message 1 with the same ANonce and replay counter",
    .period_usec = 20'000'000,
    .frames_per_burst = 2,
    .spacing_usec = 100'000,
    .build = replayed_anonce,
};
constexpr AttackSpec kWpsBrute{
    .name = "wpsbrute",
    .alerts = "WPSBRUTE",
    .description = "the target sends WPS M3 six times in a row, as a PIN brute force makes it",
    .period_usec = 20'000'000,
    .frames_per_burst = 6,
    .spacing_usec = 200'000,
    .build = wps_m3,
};

constexpr const AttackSpec* kAttacks[] = {&kZeroNonce, &kReplayedAnonce, &kWpsBrute};

} // namespace

std::span<const AttackSpec* const> eapol_attacks() { return kAttacks; }

} // namespace airsight::sim
