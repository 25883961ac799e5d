// DHCP (BOOTP) messages in unprotected 802.11 data: the IPv4 packet after an
// LLC/SNAP header, UDP between ports 67 and 68, and the DHCP options Kismet
// reads (message type, subnet mask, host name, vendor class, client id).
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_DHCP_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_DHCP_H

#include "cursor.h"

#include <cstdint>
#include <optional>

namespace airsight::dot11 {

inline constexpr std::uint16_t ethertype_ipv4 = 0x0800;

namespace dhcp_message {
inline constexpr std::uint8_t discover = 1, offer = 2, request = 3, ack = 5;
}

struct Dhcp {
    std::uint16_t source_port = 0;     // 68 from a client, 67 from a server
    std::uint16_t dest_port = 0;
    std::uint32_t source_ip = 0;       // IPv4 addresses as numbers (first octet most significant)
    std::uint32_t dest_ip = 0;
    std::uint8_t op = 0;               // BOOTP 1 request, 2 reply
    std::uint32_t your_ip = 0;         // yiaddr: the address a server offers
    std::optional<std::uint8_t> message_type;  // option 53
    std::optional<std::uint32_t> subnet_mask;  // option 1
    Bytes host_name;                   // option 12
    Bytes vendor_class;                // option 60
    Bytes client_id;                   // option 61: type byte, then the identifier
    bool options_truncated = false;    // an option ran past the packet (those before it are kept)

    bool from_client() const { return source_port == 68 && dest_port == 67; }
    bool from_server() const { return source_port == 67 && dest_port == 68; }
};

/// Whether `ipv4` (the bytes after an LLC/SNAP header with ethertype 0x0800)
/// can hold DHCP: IPv4, UDP, ports 67 and 68. A handful of byte compares, for
/// the packet path to try on every unprotected IPv4 frame.
bool may_be_dhcp(Bytes ipv4);

/// Parses a DHCP message from an IPv4 packet; nothing unless it is a first
/// (or only) fragment of UDP between ports 67 and 68 whose BOOTP header and
/// magic cookie are complete. Options are read up to the end option or the
/// end of the captured bytes, the first of each kind kept.
std::optional<Dhcp> parse_dhcp(Bytes ipv4);

} // namespace airsight::dot11

#endif
