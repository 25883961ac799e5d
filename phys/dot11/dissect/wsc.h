// Wi-Fi Protected Setup (WPS) registration messages, carried in EAP
// (expanded type, WFA vendor) inside EAPOL frames: which message (M1..M8,
// NACK, ...) an EAP packet holds, for Kismet's WPS brute-force detector.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_WSC_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_WSC_H

#include "cursor.h"

#include <cstdint>
#include <optional>

namespace airsight::dot11 {

namespace eap_code {
inline constexpr std::uint8_t request = 1, response = 2;
}
namespace wsc_message {
inline constexpr std::uint8_t m1 = 0x04, m2 = 0x05, m2d = 0x06, m3 = 0x07, m4 = 0x08, nack = 0x0e;
}

struct WscMessage {
    std::uint8_t eap_code = 0;      // request (from the authenticator) or response
    std::uint8_t message_type = 0;  // the Message Type attribute (0x1022)
};

/// The WPS message an EAPOL frame carries (the bytes after the LLC/SNAP
/// header): an EAP packet of expanded type 254 with the WFA SimpleConfig
/// vendor id, whose attributes name a message type. Nothing otherwise, or
/// when the attributes end before one does.
std::optional<WscMessage> parse_wsc(Bytes eapol);

} // namespace airsight::dot11

#endif
