// The 802.11 MAC header and what Kismet derives from it: frame control,
// addresses, Kismet's source/dest/BSSID roles, data payload (LLC/SNAP,
// EAPOL, mesh control) and management fixed fields.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_FRAME_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_FRAME_H

#include "cursor.h"
#include "eapol.h"
#include "mgmt.h"

#include <airsight/mac.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace airsight::dot11 {

enum class FrameType : std::uint8_t { management = 0, control = 1, data = 2, extension = 3 };

/// Kismet's distribution numbering (ieee_80211_disttype), also dot11.eapol.direction.
enum class Distribution : std::uint8_t { unknown = 0, from_ds = 1, to_ds = 2, inter_ds = 3, adhoc = 4 };

namespace ctrl_subtype {
inline constexpr std::uint8_t trigger = 2, beamforming_poll = 4, ndp_announcement = 5, control_extension = 6,
                              control_wrapper = 7, block_ack_req = 8, block_ack = 9, ps_poll = 10, rts = 11, cts = 12,
                              ack = 13, cf_end = 14, cf_end_ack = 15;
}
namespace data_subtype {
inline constexpr std::uint8_t data = 0, null = 4, qos_data = 8, qos_null = 12;
}

struct FrameControl {
    std::uint8_t version = 0;
    FrameType type = FrameType::management;
    std::uint8_t subtype = 0;
    bool to_ds = false;
    bool from_ds = false;
    bool more_fragments = false;
    bool retry = false;
    bool power_management = false;
    bool more_data = false;
    bool protected_frame = false;
    bool order = false;

    /// type << 4 | subtype, as tshark's wlan.fc.type_subtype.
    unsigned type_subtype() const { return (static_cast<unsigned>(type) << 4) | subtype; }
};

/// Kismet's per-packet addressing (packinfo source/dest/bssid/transmit/receive).
/// A zero address means "not set", as in Kismet.
struct Roles {
    MacAddr source;
    MacAddr dest;
    MacAddr bssid;
    MacAddr transmitter;  // Kismet sets these two only for 4-address (WDS) data
    MacAddr receiver;
};

/// Mesh Control field (802.11s) at the start of a mesh data frame body.
struct MeshControl {
    std::uint8_t flags = 0;  // bits 0-1: address extension mode
    std::uint8_t ttl = 0;
    std::uint32_t sequence = 0;
    std::uint8_t extra_addresses = 0;
    std::array<MacAddr, 2> addresses{};
};

struct Frame {
    bool ok = false;                   // the fixed MAC header for this type was present
    std::string_view error;            // static text when !ok
    bool kismet_corrupt = false;       // Kismet would mark the packet corrupt (packinfo->corrupt)

    FrameControl fc;
    std::uint16_t duration = 0;
    std::array<MacAddr, 4> addr{};     // addr[0..address_count)
    std::uint8_t address_count = 0;
    bool has_sequence = false;
    std::uint16_t sequence = 0;
    std::uint8_t fragment = 0;
    std::optional<std::uint16_t> qos_control;
    std::optional<std::uint32_t> ht_control;
    std::size_t header_length = 0;     // MAC header bytes (incl. padding when the capture padded it)

    Roles roles;
    Distribution distribution = Distribution::unknown;
    Bytes body;                        // after the MAC header

    // Data frames
    std::optional<MeshControl> mesh;
    std::optional<std::uint16_t> ethertype;  // unprotected LLC/SNAP payloads
    Bytes llc_payload;                 // after the SNAP header
    std::optional<Eapol> eapol;

    // Management frames
    MgmtFields mgmt;

    bool is_management() const { return fc.type == FrameType::management; }
    bool is_control() const { return fc.type == FrameType::control; }
    bool is_data() const { return fc.type == FrameType::data; }
    bool is_beacon() const { return is_management() && fc.subtype == mgmt_subtype::beacon; }
    bool is_probe_response() const { return is_management() && fc.subtype == mgmt_subtype::probe_resp; }
    /// Null or QoS-null data: a power-save / keep-alive frame without payload.
    bool is_null_data() const {
        return is_data() && (fc.subtype == data_subtype::null || fc.subtype == data_subtype::qos_null);
    }
    /// Data subtypes that carry a payload (subtype bit 2 clear).
    bool carries_data() const { return is_data() && (fc.subtype & 0x04) == 0; }
    /// Receiver (addr1) and transmitter (addr2), when the frame has them.
    std::optional<MacAddr> receiver_address() const { return address_count >= 1 ? std::optional(addr[0]) : std::nullopt; }
    std::optional<MacAddr> transmitter_address() const { return address_count >= 2 ? std::optional(addr[1]) : std::nullopt; }
};

/// Parses an 802.11 frame (FCS already removed). `header_padded` is the
/// radiotap "data pad" flag: the MAC header is then padded to 4 bytes.
Frame parse_frame(Bytes frame, bool header_padded = false);

} // namespace airsight::dot11

#endif
