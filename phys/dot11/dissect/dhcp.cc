#include "dhcp.h"

namespace airsight::dot11 {

namespace {

constexpr std::uint8_t ip_protocol_udp = 17;
constexpr std::size_t ipv4_min_header = 20;
constexpr std::size_t udp_header = 8;
constexpr std::size_t bootp_fixed = 236;  // op .. file, before the magic cookie
constexpr std::uint32_t dhcp_magic_cookie = 0x63825363;
constexpr std::uint16_t port_server = 67, port_client = 68;

namespace option {
constexpr std::uint8_t pad = 0, subnet_mask = 1, host_name = 12, message_type = 53, vendor_class = 60, client_id = 61,
                       end = 255;
}

bool dhcp_ports(std::uint16_t source, std::uint16_t dest)
{
    return (source == port_client && dest == port_server) || (source == port_server && dest == port_client);
}

void read_options(Cursor& c, Dhcp& out)
{
    bool seen_type = false, seen_mask = false, seen_host = false, seen_vendor = false, seen_client = false;
    while (!c.at_end()) {
        const std::uint8_t code = c.u8();
        if (code == option::end) return;
        if (code == option::pad) continue;
        const std::uint8_t length = c.u8();
        const Bytes value = c.take(length);
        if (c.failed()) {
            out.options_truncated = true;
            return;
        }
        switch (code) {
        case option::message_type:
            if (!seen_type && length >= 1) out.message_type = value[0];
            seen_type = true;
            break;
        case option::subnet_mask:
            if (!seen_mask && length == 4) out.subnet_mask = load_be32(value.data());
            seen_mask = true;
            break;
        case option::host_name:
            if (!seen_host) out.host_name = value;
            seen_host = true;
            break;
        case option::vendor_class:
            if (!seen_vendor) out.vendor_class = value;
            seen_vendor = true;
            break;
        case option::client_id:
            if (!seen_client) out.client_id = value;
            seen_client = true;
            break;
        default: break;
        }
    }
}

} // namespace

bool may_be_dhcp(Bytes ipv4)
{
    if (ipv4.size() < ipv4_min_header + udp_header || (ipv4[0] >> 4) != 4 || ipv4[9] != ip_protocol_udp) return false;
    const std::size_t header = std::size_t{ipv4[0] & 0x0fu} * 4;
    if (header < ipv4_min_header || ipv4.size() < header + 4) return false;
    return dhcp_ports(load_be16(ipv4.data() + header), load_be16(ipv4.data() + header + 2));
}

std::optional<Dhcp> parse_dhcp(Bytes ipv4)
{
    if (!may_be_dhcp(ipv4)) return std::nullopt;
    const std::size_t header = std::size_t{ipv4[0] & 0x0fu} * 4;
    if ((load_be16(ipv4.data() + 6) & 0x1fff) != 0) return std::nullopt;  // a later fragment: no UDP header

    Dhcp d;
    d.source_ip = load_be32(ipv4.data() + 12);
    d.dest_ip = load_be32(ipv4.data() + 16);
    Cursor c(ipv4.subspan(header));
    d.source_port = c.be16();
    d.dest_port = c.be16();
    c.skip(4);  // UDP length and checksum
    const Bytes bootp = c.take(bootp_fixed);
    const Bytes cookie = c.take(4);
    if (c.failed() || load_be32(cookie.data()) != dhcp_magic_cookie) return std::nullopt;
    d.op = bootp[0];
    d.your_ip = load_be32(bootp.data() + 16);
    read_options(c, d);
    return d;
}

} // namespace airsight::dot11
