#include "ids/dhcp_alerts.h"

#include "ids/disconnect_common.h"

#include <algorithm>
#include <cstdio>

namespace airsight::dot11::ids {
namespace {

std::string text_of(Bytes b)
{
    return std::string(reinterpret_cast<const char*>(b.data()), std::min(b.size(), DhcpAlerts::kMaxName));
}

// What a client sent, quoted for an alert's text: control bytes as \xNN.
std::string quoted(const std::string& s)
{
    std::string out = "'";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::string ip_text(std::uint32_t ip)
{
    return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 0xff) + "." + std::to_string((ip >> 8) & 0xff) +
           "." + std::to_string(ip & 0xff);
}

} // namespace

DhcpAlerts::DhcpAlerts(AlertTracker& alerts, std::int64_t phy) : alerts_(alerts)
{
    client_id_ = alerts.define({
        .name = "DHCPCLIENTID", .alert_class = "SPOOF", .severity = AlertSeverity::LOW,
        .description = "A DHCP DISCOVER names, in its client id option (61), a MAC other than the one that sent "
                       "it. Requests sent in many invented names are how a DHCP pool is exhausted.",
        .phy = phy, .throttle = "5/min", .burst = "1/sec"});
    conflict_ = alerts.define({
        .name = "DHCPCONFLICT", .alert_class = "SPOOF", .severity = AlertSeverity::LOW,
        .description = "A network was offered DHCP addresses in a different range than it was before: a "
                       "second (rogue) DHCP server, or a reconfigured one.",
        .phy = phy, .throttle = "10/min", .burst = "1/sec"});
    name_change_ = alerts.define({
        .name = "DHCPNAMECHANGE", .alert_class = "SPOOF", .severity = AlertSeverity::LOW,
        .description = "A client changed the host name it gives in DHCP DISCOVER. It should change only when the "
                       "machine does (a dual-boot system, say); otherwise another machine may be using its MAC.",
        .phy = phy, .throttle = "5/min", .burst = "1/sec"});
    os_change_ = alerts.define({
        .name = "DHCPOSCHANGE", .alert_class = "SPOOF", .severity = AlertSeverity::LOW,
        .description = "A client changed the vendor class (its DHCP client or operating system) it gives in DHCP "
                       "DISCOVER. It should change only when the machine does (a dual-boot system, say); "
                       "otherwise another machine may be using its MAC.",
        .phy = phy, .throttle = "5/min", .burst = "1/sec"});
}

void DhcpAlerts::dhcp(const Packet& p, const Frame& f, const Dhcp& d)
{
    // Kismet reads DHCP only from frames sent to the broadcast address.
    if (!f.roles.dest.is_broadcast() || !d.message_type) return;
    if (d.from_client() && *d.message_type == dhcp_message::discover)
        discover(p, f, d);
    else if (d.from_server() && *d.message_type == dhcp_message::offer)
        offer(p, f, d);
}

void DhcpAlerts::discover(const Packet& p, const Frame& f, const Dhcp& d)
{
    const Roles& r = f.roles;
    // A hardware client id: a type byte and 6 address bytes. (Kismet means
    // this test but asks for the option seven times over, which no DISCOVER
    // does; its dissector checks every copy, before the duplicate filter.)
    if (d.client_id.size() == 7) {
        const MacAddr named = MacAddr::from_bytes(d.client_id.data() + 1);
        if (named != r.source)
            raise_about_frame(alerts_, client_id_, p, f, [&] {
                return "DHCP DISCOVER from " + r.source.str() + " asks in the name of client id " + named.str() +
                       ": a possible DHCP pool exhaustion";
            });
    }

    // Names are remembered per client and network, as Kismet's client record.
    if (p.duplicate || !names_device(r.bssid) || !names_device(r.source) || r.source == r.bssid) return;
    if (d.host_name.empty() && d.vendor_class.empty()) return;
    const std::string host = text_of(d.host_name), vendor = text_of(d.vendor_class);
    std::string old_host, old_vendor;
    clients_.with(MacPair{r.source, r.bssid}, packet_time(p), [&](ClientNames& c, bool) {
        if (!vendor.empty()) {
            old_vendor = c.vendor;
            c.vendor = vendor;
        }
        if (!host.empty()) {
            old_host = c.host;
            c.host = host;
        }
    });
    if (!old_vendor.empty() && old_vendor != vendor)
        raise_about_frame(alerts_, os_change_, p, f, [&] {
            return "Client " + r.source.str() + " in network " + r.bssid.str() + " changed its DHCP vendor class from " +
                   quoted(old_vendor) + " to " + quoted(vendor) + ": a possible spoofed client";
        });
    if (!old_host.empty() && old_host != host)
        raise_about_frame(alerts_, name_change_, p, f, [&] {
            return "Client " + r.source.str() + " in network " + r.bssid.str() + " changed its DHCP host name from " +
                   quoted(old_host) + " to " + quoted(host) + ": a possible spoofed client";
        });
}

void DhcpAlerts::offer(const Packet& p, const Frame& f, const Dhcp& d)
{
    // Kismet (2011) kept the range of the last offer per network and raised
    // when a new offer's range differs, neither being unknown (0). The
    // current Kismet defines the alert and raises it nowhere.
    const Roles& r = f.roles;
    if (p.duplicate || !names_device(r.bssid)) return;
    const std::uint32_t range = d.your_ip & d.subnet_mask.value_or(0);
    std::uint32_t before = 0;
    ranges_.with(r.bssid, packet_time(p), [&](std::uint32_t& stored, bool) {
        before = stored;
        stored = range;
    });
    if (range != 0 && before != 0 && range != before)
        raise_about_frame(alerts_, conflict_, p, f, [&] {
            return "Network " + r.bssid.str() + " got a DHCP offer from " + r.source.str() + " in range " +
                   ip_text(range) + ", where it was offered " + ip_text(before) + " before: a possible rogue DHCP server";
        });
}

} // namespace airsight::dot11::ids
