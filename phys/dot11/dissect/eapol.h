// EAPOL (802.1X) frames carried in 802.11 data, and the EAPOL-Key fields
// Kismet records for WPA handshakes (dot11.eapol.*).
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_EAPOL_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_EAPOL_H

#include "cursor.h"

#include <cstdint>
#include <optional>

namespace airsight::dot11 {

inline constexpr std::uint16_t ethertype_eapol = 0x888e;

struct EapolKey {
    std::uint8_t descriptor_type = 0;  // 2 RSN, 254 WPA
    std::uint16_t key_info = 0;
    std::uint16_t key_length = 0;
    std::uint64_t replay_counter = 0;
    Bytes nonce;                       // 32 bytes
    Bytes mic;                         // 16 bytes
    std::uint16_t key_data_length = 0;
    Bytes key_data;                    // as much of key_data_length as was captured
    bool key_data_truncated = false;
    Bytes pmkid;                       // 16 bytes from an RSN PMKID KDE, empty if none

    std::uint8_t descriptor_version() const { return key_info & 0x07; }
    bool pairwise() const { return key_info & 0x0008; }
    bool install() const { return key_info & 0x0040; }
    bool ack() const { return key_info & 0x0080; }
    bool has_mic() const { return key_info & 0x0100; }
    bool secure() const { return key_info & 0x0200; }
    bool error() const { return key_info & 0x0400; }
    bool request() const { return key_info & 0x0800; }
    bool encrypted_key_data() const { return key_info & 0x1000; }

    /// Handshake message 1-4 numbered as Kismet does (dot11.eapol.message_num), 0 if none:
    /// ACK without MIC/install = 1; MIC without ACK/install = 2 with key data, 4 without;
    /// MIC and ACK = 3.
    std::uint8_t message_number() const;
};

struct Eapol {
    std::uint8_t version = 0;
    std::uint8_t type = 0;             // 0 EAP packet, 1 start, 2 logoff, 3 key
    std::uint16_t length = 0;
    std::optional<EapolKey> key;       // type 3 with a complete fixed part
};

/// Parses an EAPOL frame (the bytes after the LLC/SNAP header); nothing if
/// even the 4-byte EAPOL header is missing.
std::optional<Eapol> parse_eapol(Bytes payload);

} // namespace airsight::dot11

#endif
