// Fixed fields of 802.11 management frame bodies and where their IEs start.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_MGMT_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_MGMT_H

#include "cursor.h"

#include <airsight/mac.h>

#include <cstdint>
#include <optional>

namespace airsight::dot11 {

namespace mgmt_subtype {
inline constexpr std::uint8_t assoc_req = 0, assoc_resp = 1, reassoc_req = 2, reassoc_resp = 3, probe_req = 4,
                              probe_resp = 5, timing_advert = 6, beacon = 8, atim = 9, disassoc = 10, auth = 11,
                              deauth = 12, action = 13, action_no_ack = 14;
}

/// Capability Information field of beacons, probe responses and (re)association frames.
struct Capability {
    std::uint16_t raw = 0;
    bool ess() const { return raw & 0x0001; }
    bool ibss() const { return raw & 0x0002; }
    bool privacy() const { return raw & 0x0010; }
    bool short_preamble() const { return raw & 0x0020; }
    bool spectrum_management() const { return raw & 0x0100; }
    bool qos() const { return raw & 0x0200; }
    bool short_slot_time() const { return raw & 0x0400; }
    bool radio_measurement() const { return raw & 0x1000; }
};

enum class AuthAlgorithm : std::uint16_t { open = 0, shared_key = 1, fast_transition = 2, sae = 3, fils_sk = 4,
                                           fils_sk_pfs = 5, fils_pk = 6, leap = 128 };

struct AuthFields {
    std::uint16_t algorithm = 0;  // AuthAlgorithm value
    std::uint16_t sequence = 0;
    std::uint16_t status = 0;
};

struct MgmtFields {
    bool truncated = false;                   // body shorter than the subtype's fixed fields
    std::optional<std::uint64_t> timestamp;   // beacon / probe response BSS TSF (microseconds)
    std::uint16_t beacon_interval = 0;        // TUs
    std::optional<Capability> capability;
    std::uint16_t listen_interval = 0;        // (re)association requests
    std::optional<MacAddr> current_ap;        // reassociation requests
    std::optional<std::uint16_t> status_code; // (re)association responses
    std::uint16_t association_id = 0;
    std::optional<std::uint16_t> reason_code; // deauthentication / disassociation
    std::optional<AuthFields> auth;
    std::optional<std::uint8_t> action_category;
    std::uint8_t action_code = 0;
    Bytes ies;                                // tagged parameters (may be empty)
    std::size_t ie_offset = 0;                // offset of `ies` within the body
};

/// Splits a management frame body (after the MAC header) into fixed fields and IEs.
MgmtFields parse_mgmt_body(std::uint8_t subtype, Bytes body);

} // namespace airsight::dot11

#endif
