#include "engine/attacks/dhcp_attacks.h"

#include <string_view>

namespace airsight::sim {
namespace {

constexpr std::uint8_t kDiscover = 1, kOffer = 2;

struct Dhcp {
    std::uint8_t message = kDiscover;
    std::uint32_t your_ip = 0;      // an OFFER's address
    std::uint32_t subnet_mask = 0;  // 0: no option 1
    const MacAddr* client_id = nullptr;
    std::string_view host_name{};   // option 12 when not empty
    std::string_view vendor_class{}; // option 60 when not empty
};

void be32(ByteSink& out, std::uint32_t v)
{
    out.be16(static_cast<std::uint16_t>(v >> 16));
    out.be16(static_cast<std::uint16_t>(v));
}

void text_option(ByteSink& out, std::uint8_t code, std::string_view text)
{
    if (text.empty()) return;
    out.u8(code);
    out.u8(static_cast<std::uint8_t>(text.size()));
    out.text(text);
}

// LLC/SNAP, IPv4, UDP (68 -> 67 for a client's message, 67 -> 68 for a
// server's) and BOOTP with `d`'s DHCP options, to broadcast.
void dhcp_packet(ByteSink& out, const MacAddr& client_hw, const Dhcp& d)
{
    static constexpr std::uint8_t snap[] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00};
    out.bytes(snap, sizeof snap);
    const bool from_client = d.message == kDiscover;
    const std::size_t ip_start = out.size();
    out.u8(0x45);
    out.u8(0);
    out.be16(0); // total length, patched below
    out.be16(0);
    out.be16(0);
    out.u8(64);
    out.u8(17); // UDP
    out.be16(0); // no checksum computed: nothing reads it
    be32(out, from_client ? 0 : 0xc0a84d01);
    be32(out, 0xffffffff);
    const std::size_t udp_start = out.size();
    out.be16(from_client ? 68 : 67);
    out.be16(from_client ? 67 : 68);
    out.be16(0); // UDP length, patched below
    out.be16(0);
    out.u8(from_client ? 1 : 2); // BOOTP request / reply
    out.u8(1);                   // Ethernet
    out.u8(6);
    out.u8(0);
    be32(out, 0x5a1d0000u | client_hw.bytes[5]); // transaction id
    out.zeros(4);                                // secs, flags
    out.zeros(4);                                // ciaddr
    be32(out, d.your_ip);
    out.zeros(8); // siaddr, giaddr
    out.mac(client_hw);
    out.zeros(10 + 64 + 128);
    static constexpr std::uint8_t cookie[] = {0x63, 0x82, 0x53, 0x63};
    out.bytes(cookie, sizeof cookie);
    out.u8(53);
    out.u8(1);
    out.u8(d.message);
    if (d.subnet_mask) {
        out.u8(1);
        out.u8(4);
        be32(out, d.subnet_mask);
    }
    if (d.client_id) {
        out.u8(61);
        out.u8(7);
        out.u8(1); // hardware type: Ethernet
        out.mac(*d.client_id);
    }
    text_option(out, 12, d.host_name);
    text_option(out, 60, d.vendor_class);
    out.u8(255);
    out.put_be16(ip_start + 2, static_cast<std::uint16_t>(out.size() - ip_start));
    out.put_be16(udp_start + 4, static_cast<std::uint16_t>(out.size() - udp_start));
}

// A client's broadcast DHCP message, through the target (to DS).
void from_station(const AttackFrame& f, ByteSink& out, const MacAddr& station, const Dhcp& d)
{
    attack_data_header(out, f, true, false, f.target.bssid, station, kBroadcastMac);
    dhcp_packet(out, station, d);
}

// A station asks for addresses in the names of invented clients (pool exhaustion).
void discover_other_id(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x09}};
    const MacAddr invented{{0x02, 0xfa, 0x4e, 0x00, static_cast<std::uint8_t>(f.burst), static_cast<std::uint8_t>(f.index)}};
    from_station(f, out, station, Dhcp{.client_id = &invented});
}

// One MAC, two machines: host names alternate from one DISCOVER to the next.
void discover_new_name(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x0a}};
    from_station(f, out, station, Dhcp{.host_name = f.index % 2 ? "kali" : "laptop-anna"});
}

// One MAC, two operating systems: vendor classes alternate.
void discover_new_vendor(const AttackFrame& f, ByteSink& out)
{
    const MacAddr station{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x0b}};
    from_station(f, out, station, Dhcp{.vendor_class = f.index % 2 ? "dhcpcd-9.4.1:Linux" : "MSFT 5.0"});
}

// A rogue server behind the target offers 10.66.0.0/16 after the real one
// offered 192.168.77.0/24 (from DS, to broadcast).
void conflicting_offer(const AttackFrame& f, ByteSink& out)
{
    const MacAddr server{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x0c}};
    const MacAddr client{{0x02, 0xba, 0xdc, 0x0d, 0xe0, 0x0d}};
    attack_data_header(out, f, false, true, kBroadcastMac, f.target.bssid, server);
    const bool rogue = f.index % 2;
    dhcp_packet(out, client,
                Dhcp{.message = kOffer,
                     .your_ip = rogue ? 0x0a420017u : 0xc0a84d32u,
                     .subnet_mask = rogue ? 0xffff0000u : 0xffffff00u});
}

constexpr AttackSpec kDhcpClientId{
    .name = "dhcpclientid",
    .alerts = "DHCPCLIENTID",
    .description = "a station sends DHCP DISCOVERs in the names of other MACs",
    .period_usec = 20'000'000,
    .frames_per_burst = 3,
    .spacing_usec = 100'000,
    .build = discover_other_id,
};
constexpr AttackSpec kDhcpNameChange{
    .name = "dhcpnamechange",
    .alerts = "DHCPNAMECHANGE",
    .description = "a station's DHCP DISCOVERs change host name",
    .period_usec = 20'000'000,
    .frames_per_burst = 2,
    .spacing_usec = 500'000,
    .build = discover_new_name,
};
constexpr AttackSpec kDhcpOsChange{
    .name = "dhcposchange",
    .alerts = "DHCPOSCHANGE",
    .description = "a station's DHCP DISCOVERs change vendor class",
    .period_usec = 20'000'000,
    .frames_per_burst = 2,
    .spacing_usec = 500'000,
    .build = discover_new_vendor,
};
constexpr AttackSpec kDhcpConflict{
    .name = "dhcpconflict",
    .alerts = "DHCPCONFLICT",
    .description = "two DHCP servers behind the target offer different address ranges",
    .period_usec = 20'000'000,
    .frames_per_burst = 2,
    .spacing_usec = 500'000,
    .build = conflicting_offer,
};

constexpr const AttackSpec* kAttacks[] = {&kDhcpClientId, &kDhcpNameChange, &kDhcpOsChange, &kDhcpConflict};

} // namespace

std::span<const AttackSpec* const> dhcp_attacks() { return kAttacks; }

} // namespace airsight::sim
