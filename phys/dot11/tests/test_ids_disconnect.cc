// The disconnect, EAPOL/WPS and DHCP detectors (phys/dot11/ids): each alert
// raised by the frames Kismet raises it for, naming the MACs and channel,
// and the nearest benign frames raising nothing.
#include "disconnect_frames.h"
#include "dissect/wsc.h"
#include "fake_alerts.h"
#include "ids/disconnect_group.h"
#include "phy_harness.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

constexpr std::uint32_t dlt_radiotap_number = 127;
const MacAddr ap = mac("00:11:22:33:44:55");
const MacAddr client = mac("66:77:88:99:aa:bb");
const MacAddr other = mac("02:00:00:00:00:09");
const MacAddr broadcast = mac("ff:ff:ff:ff:ff:ff");

struct Detectors {
    Harness h;
    RecordingAlerts alerts;
    ids::DisconnectGroup group{alerts, h.phy.phy_id(), h.dissection};

    // One frame heard on channel 6 at `sec`.`usec`, through decap, dissect, track and the detectors.
    void feed(const ByteVec& frame, std::int64_t sec, std::uint32_t usec = 0, bool duplicate = false)
    {
        const ByteVec record = in_radiotap_on(frame, 2437);
        const Packet p = h.run(record, dlt_radiotap_number, sec, usec, duplicate);
        group.observe(p);
    }
    const RaisedAlert& only(std::string_view name) const
    {
        REQUIRE(alerts.count(name) == 1);
        for (const RaisedAlert& a : alerts.raised)
            if (a.name == name) return a;
        throw std::logic_error("unreachable");
    }
};

} // namespace

TEST_CASE("The group defines its alerts with Kismet's names, classes, severities and default rates")
{
    Detectors d;
    struct Expected {
        const char* name;
        const char* alert_class;
        AlertSeverity severity;
        const char* throttle;
        const char* burst;
    };
    const Expected expected[] = {
        {"DEAUTHFLOOD", "DENIAL", AlertSeverity::MEDIUM, "5/min", "2/sec"},
        {"BCASTDISCON", "DENIAL", AlertSeverity::MEDIUM, "5/min", "2/sec"},
        {"DISCONCODEINVALID", "EXPLOIT", AlertSeverity::HIGH, "5/min", "1/sec"},
        {"DEAUTHCODEINVALID", "EXPLOIT", AlertSeverity::HIGH, "0/min", "0/sec"},
        {"DISASSOCTRAFFIC", "SPOOF", AlertSeverity::MEDIUM, "10/min", "1/sec"},
        {"NOCLIENTMFP", "SPOOF", AlertSeverity::LOW, "10/min", "1/sec"},
        {"NONCEDEGRADE", "EXPLOIT", AlertSeverity::MEDIUM, "0/min", "0/sec"},
        {"NONCEREUSE", "EXPLOIT", AlertSeverity::HIGH, "0/min", "0/sec"},
        {"WPSBRUTE", "EXPLOIT", AlertSeverity::CRITICAL, "5/min", "1/sec"},
        {"DHCPCLIENTID", "SPOOF", AlertSeverity::LOW, "5/min", "1/sec"},
        {"DHCPCONFLICT", "SPOOF", AlertSeverity::LOW, "10/min", "1/sec"},
        {"DHCPNAMECHANGE", "SPOOF", AlertSeverity::LOW, "5/min", "1/sec"},
        {"DHCPOSCHANGE", "SPOOF", AlertSeverity::LOW, "5/min", "1/sec"},
    };
    CHECK(d.alerts.definitions.size() == std::size(expected));
    for (const Expected& e : expected) {
        CAPTURE(e.name);
        const AlertDefinition& def = d.alerts.definition(e.name);
        CHECK(def.alert_class == e.alert_class);
        CHECK(def.severity == e.severity);
        CHECK(def.throttle == e.throttle);
        CHECK(def.burst == e.burst);
        CHECK(def.phy == d.h.phy.phy_id());
        CHECK_FALSE(def.description.empty());
    }
}

TEST_CASE("DEAUTHFLOOD: the 11th disconnect of a BSSID, each at most a second after the last")
{
    Detectors d;
    for (int i = 0; i < 10; ++i) d.feed(disconnect_frame(i % 2 == 0, client, ap, ap, 7), 100 + i / 5, i * 1000);
    CHECK(d.alerts.count("DEAUTHFLOOD") == 0);
    d.feed(disconnect_frame(true, client, ap, ap, 7), 102);
    const RaisedAlert& a = d.only("DEAUTHFLOOD");
    CHECK(a.transmitter == ap);
    CHECK(a.source == ap);
    CHECK(a.dest == client);
    CHECK(a.channel == "6");
    CHECK(a.frequency_khz == 2437000);
    // The count starts again at 1: ten more make no second alert.
    for (int i = 0; i < 9; ++i) d.feed(disconnect_frame(true, client, ap, ap, 7), 102);
    CHECK(d.alerts.count("DEAUTHFLOOD") == 1);
    d.feed(disconnect_frame(true, client, ap, ap, 7), 103);
    CHECK(d.alerts.count("DEAUTHFLOOD") == 2);
}

TEST_CASE("DEAUTHFLOOD: disconnects two seconds apart, duplicates and other BSSIDs do not add up")
{
    Detectors d;
    for (int i = 0; i < 30; ++i) d.feed(disconnect_frame(true, client, ap, ap, 7), 100 + 2 * i);
    for (int i = 0; i < 30; ++i) d.feed(disconnect_frame(true, client, ap, ap, 7), 200, 0, true);
    for (int i = 0; i < 10; ++i) d.feed(disconnect_frame(true, client, ap, ap, 7), 300);
    for (int i = 0; i < 10; ++i) d.feed(disconnect_frame(true, ap, client, other, 7), 300);
    CHECK(d.alerts.count("DEAUTHFLOOD") == 0);
}

TEST_CASE("BCASTDISCON: a deauthentication or disassociation sent to broadcast, not a unicast one")
{
    Detectors d;
    d.feed(disconnect_frame(true, client, ap, ap, 3), 100);
    d.feed(disconnect_frame(false, client, ap, ap, 8), 100);
    CHECK(d.alerts.count("BCASTDISCON") == 0);
    d.feed(disconnect_frame(false, broadcast, ap, ap, 8), 101);
    const RaisedAlert& a = d.only("BCASTDISCON");
    CHECK(a.transmitter == ap);
    CHECK(a.source == ap);
    CHECK(a.dest == broadcast);
    CHECK(a.channel == "6");
    // A multicast BSSID names no network: nothing to alert on.
    d.feed(disconnect_frame(true, broadcast, ap, broadcast, 3), 102);
    CHECK(d.alerts.count("BCASTDISCON") == 1);
}

TEST_CASE("DISCONCODEINVALID and DEAUTHCODEINVALID: reason codes 25-31 and above 45")
{
    Detectors d;
    for (std::uint16_t reason : {1, 7, 8, 24, 32, 45}) {
        d.feed(disconnect_frame(false, client, ap, ap, reason), 100);
        d.feed(disconnect_frame(true, client, ap, ap, reason), 100);
    }
    CHECK(d.alerts.count("DISCONCODEINVALID") == 0);
    CHECK(d.alerts.count("DEAUTHCODEINVALID") == 0);
    d.feed(disconnect_frame(false, client, ap, ap, 25), 101);
    d.feed(disconnect_frame(false, ap, client, ap, 46), 101, 0, true); // a duplicate too: Kismet's dissector checks every copy
    d.feed(disconnect_frame(true, client, ap, ap, 31), 101);
    CHECK(d.alerts.count("DISCONCODEINVALID") == 2);
    const RaisedAlert& deauth = d.only("DEAUTHCODEINVALID");
    CHECK(deauth.transmitter == ap);
    CHECK(deauth.dest == client);
    CHECK(deauth.text.find("31") != std::string::npos);
}

TEST_CASE("DISASSOCTRAFFIC: data from a station within 10 s of its disconnect, not later, not from others")
{
    Detectors d;
    const ByteVec payload(20, 0x42);
    const ByteVec from_client = data_frame(to_ds, ap, client, broadcast, 0x0800, payload);
    d.feed(from_client, 90); // no disconnect yet
    d.feed(disconnect_frame(false, ap, client, ap, 8), 100);
    d.feed(data_frame(to_ds, ap, other, broadcast, 0x0800, payload), 101);
    CHECK(d.alerts.count("DISASSOCTRAFFIC") == 0);
    d.feed(from_client, 109);
    const RaisedAlert& a = d.only("DISASSOCTRAFFIC");
    CHECK(a.transmitter == ap);
    CHECK(a.source == client);
    CHECK(a.channel == "6");
    d.feed(from_client, 110); // 10 s on: forgotten
    d.feed(from_client, 111);
    CHECK(d.alerts.count("DISASSOCTRAFFIC") == 1);
    // An AP that disconnects a client goes on sending: not suspicious.
    d.feed(disconnect_frame(true, client, ap, ap, 7), 120);
    d.feed(data_frame(from_ds, client, ap, ap, 0x0800, payload), 121);
    CHECK(d.alerts.count("DISASSOCTRAFFIC") == 1);
}

TEST_CASE("NOCLIENTMFP: an association request whose RSN IE lacks the MFP-capable bit")
{
    Detectors d;
    d.feed(association_request(client, ap, 0x0080), 100); // MFP capable
    d.feed(association_request(client, ap, 0x00c0), 100); // MFP required
    d.feed(association_request(client, ap, std::nullopt), 100); // no RSN: open or WPA1 network
    CHECK(d.alerts.count("NOCLIENTMFP") == 0);
    d.feed(association_request(client, ap, 0x000c), 101);
    const RaisedAlert& a = d.only("NOCLIENTMFP");
    CHECK(a.transmitter == ap);
    CHECK(a.source == client);
    CHECK(a.dest == ap);
    CHECK(a.text.find(client.str()) != std::string::npos);
}

TEST_CASE("NONCEDEGRADE: a group key message with MIC, no key data and an all-zero nonce")
{
    Detectors d;
    using namespace key_info;
    const auto m4_like = [&](std::uint16_t info, std::uint8_t nonce) {
        return data_frame(to_ds, ap, client, ap, 0x888e, eapol_key(info, 3, nonce));
    };
    d.feed(m4_like(version2 | pairwise | mic | secure, 0), 100); // a real message 4 is pairwise
    d.feed(m4_like(version2 | mic | secure, 0x11), 100);         // a group message with a nonce
    CHECK(d.alerts.count("NONCEDEGRADE") == 0);
    d.feed(m4_like(version2 | mic | secure, 0), 101);
    const RaisedAlert& a = d.only("NONCEDEGRADE");
    CHECK(a.transmitter == ap);
    CHECK(a.source == client);
    // WPA1 descriptors (254) are not Kismet's RSN handshake frames.
    d.feed(data_frame(to_ds, ap, client, ap, 0x888e, eapol_key(version2 | mic, 3, 0, 0, 254)), 102);
    CHECK(d.alerts.count("NONCEDEGRADE") == 1);
}

TEST_CASE("NONCEREUSE: message 1 again with its nonce and no newer replay counter, unless a retry")
{
    Detectors d;
    const auto m1 = [&](std::uint64_t replay, std::uint8_t nonce, bool retry) {
        return data_frame(from_ds, client, ap, ap, 0x888e, eapol_key(key_info::message1, replay, nonce), retry);
    };
    d.feed(m1(1, 0xa1, false), 100);
    d.feed(m1(2, 0xa1, false), 101);    // the same ANonce with a newer counter: the AP retried the handshake
    d.feed(m1(2, 0xa1, true), 101, 5);  // a retransmission
    d.feed(m1(1, 0xb2, false), 102);    // a new nonce
    d.feed(m1(1, 0x00, false), 102);    // zero nonces are never compared
    d.feed(m1(1, 0x00, false), 103);
    CHECK(d.alerts.count("NONCEREUSE") == 0);
    d.feed(m1(2, 0xa1, false), 103);
    const RaisedAlert& a = d.only("NONCEREUSE");
    CHECK(a.transmitter == ap);
    CHECK(a.source == ap);
    CHECK(a.dest == client);
    CHECK(a.text.find("a1a1a1") != std::string::npos);
}

TEST_CASE("NONCEREUSE: message 3 again with its nonce more than a second later")
{
    Detectors d;
    const auto m3 = [&](std::uint64_t replay, bool retry) {
        return data_frame(from_ds, client, ap, ap, 0x888e, eapol_key(key_info::message3, replay, 0xc3, 56), retry);
    };
    d.feed(m3(2, false), 100, 0);
    d.feed(m3(2, false), 100, 900000); // within a second: a retransmission
    d.feed(m3(2, true), 105);          // the retry bit: never alerted
    CHECK(d.alerts.count("NONCEREUSE") == 0);
    d.feed(m3(2, false), 106);
    CHECK(d.alerts.count("NONCEREUSE") == 1);
}

TEST_CASE("WPSBRUTE: a sixth WPS M3 request from one station within 5 minutes of each other")
{
    Detectors d;
    const ByteVec m3 = data_frame(from_ds, client, ap, ap, 0x888e, wps_eap(eap_code::request, wsc_message::m3));
    const ByteVec m1 = data_frame(from_ds, client, ap, ap, 0x888e, wps_eap(eap_code::request, wsc_message::m1));
    const ByteVec m3_response = data_frame(to_ds, ap, client, ap, 0x888e, wps_eap(eap_code::response, wsc_message::m3));
    for (int i = 0; i < 5; ++i) {
        d.feed(m3, 100 + 60 * i);
        d.feed(m1, 100 + 60 * i);
        d.feed(m3_response, 100 + 60 * i);
    }
    CHECK(d.alerts.count("WPSBRUTE") == 0);
    d.feed(m3, 100 + 60 * 5);
    const RaisedAlert& a = d.only("WPSBRUTE");
    CHECK(a.transmitter == ap);
    CHECK(a.source == ap);
    CHECK(a.dest == client);
}

TEST_CASE("WPSBRUTE: M3 messages more than 5 minutes apart never add up")
{
    Detectors d;
    const ByteVec m3 = data_frame(from_ds, client, ap, ap, 0x888e, wps_eap(eap_code::request, wsc_message::m3));
    for (int i = 0; i < 12; ++i) d.feed(m3, 100 + 301 * i);
    CHECK(d.alerts.count("WPSBRUTE") == 0);
}

TEST_CASE("DHCPCLIENTID: a broadcast DISCOVER whose hardware client id is another MAC")
{
    Detectors d;
    const auto discover = [&](const MacAddr& named) {
        ByteVec id{1};
        id.insert(id.end(), named.bytes.begin(), named.bytes.end());
        return data_frame(to_ds, ap, client, broadcast, 0x0800, dhcp_ipv4(68, 67, 0, {{53, {1}}, {61, id}}));
    };
    d.feed(discover(client), 100);
    CHECK(d.alerts.count("DHCPCLIENTID") == 0);
    d.feed(discover(other), 101);
    const RaisedAlert& a = d.only("DHCPCLIENTID");
    CHECK(a.transmitter == ap);
    CHECK(a.source == client);
    CHECK(a.dest == broadcast);
    CHECK(a.text.find(other.str()) != std::string::npos);
    // Sent to the AP rather than broadcast, or a REQUEST: Kismet reads neither.
    ByteVec id{1};
    id.insert(id.end(), other.bytes.begin(), other.bytes.end());
    d.feed(data_frame(to_ds, ap, client, ap, 0x0800, dhcp_ipv4(68, 67, 0, {{53, {1}}, {61, id}})), 102);
    d.feed(data_frame(to_ds, ap, client, broadcast, 0x0800, dhcp_ipv4(68, 67, 0, {{53, {3}}, {61, id}})), 102);
    CHECK(d.alerts.count("DHCPCLIENTID") == 1);
}

TEST_CASE("DHCPNAMECHANGE and DHCPOSCHANGE: a client's DISCOVER names a new host or vendor class")
{
    Detectors d;
    const auto discover = [&](const MacAddr& from, std::string_view host, std::string_view vendor) {
        return data_frame(to_ds, ap, from, broadcast, 0x0800,
                          dhcp_ipv4(68, 67, 0, {{53, {1}}, dhcp_text_option(12, host), dhcp_text_option(60, vendor)}));
    };
    d.feed(discover(client, "alpha", "MSFT 5.0"), 100);
    d.feed(discover(client, "alpha", "MSFT 5.0"), 101);
    d.feed(discover(other, "beta", "dhcpcd-9.4.1"), 101); // another client has its own names
    CHECK(d.alerts.count("DHCPNAMECHANGE") == 0);
    CHECK(d.alerts.count("DHCPOSCHANGE") == 0);
    d.feed(discover(client, "beta", "MSFT 5.0"), 102);
    const RaisedAlert& name = d.only("DHCPNAMECHANGE");
    CHECK(name.transmitter == ap);
    CHECK(name.source == client);
    CHECK(name.text.find("'alpha'") != std::string::npos);
    CHECK(name.text.find("'beta'") != std::string::npos);
    CHECK(d.alerts.count("DHCPOSCHANGE") == 0);
    d.feed(discover(client, "beta", "dhcpcd-9.4.1"), 103);
    const RaisedAlert& os = d.only("DHCPOSCHANGE");
    CHECK(os.source == client);
    CHECK(os.text.find("'MSFT 5.0'") != std::string::npos);
}

TEST_CASE("DHCPCONFLICT: a network offered an address in another range than before")
{
    Detectors d;
    const auto offer = [&](std::uint32_t ip, std::uint32_t mask) {
        std::vector<DhcpOption> options{{53, {2}}};
        if (mask)
            options.push_back({1, {static_cast<std::uint8_t>(mask >> 24), static_cast<std::uint8_t>(mask >> 16),
                                   static_cast<std::uint8_t>(mask >> 8), static_cast<std::uint8_t>(mask)}});
        return data_frame(from_ds, broadcast, ap, ap, 0x0800, dhcp_ipv4(67, 68, ip, options));
    };
    d.feed(offer(0xc0a80132, 0xffffff00), 100); // 192.168.1.50/24
    d.feed(offer(0xc0a80177, 0xffffff00), 101); // the same range
    d.feed(offer(0x0a000007, 0), 102);          // no mask: range unknown
    d.feed(offer(0xc0a80133, 0xffffff00), 103); // unknown before: nothing to compare
    CHECK(d.alerts.count("DHCPCONFLICT") == 0);
    d.feed(offer(0x0a000007, 0xff000000), 104); // 10.0.0.0/8
    const RaisedAlert& a = d.only("DHCPCONFLICT");
    CHECK(a.transmitter == ap);
    CHECK(a.source == ap);
    CHECK(a.text.find("10.0.0.0") != std::string::npos);
    CHECK(a.text.find("192.168.1.0") != std::string::npos);
}

TEST_CASE("Protected data, control frames and other management frames reach no detector")
{
    Detectors d;
    ByteVec protected_dhcp = data_frame(to_ds, ap, client, broadcast, 0x0800,
                                        dhcp_ipv4(68, 67, 0, {{53, {1}}, {61, {1, 2, 0, 0, 0, 0, 9}}}));
    protected_dhcp[1] |= 0x40;
    d.feed(protected_dhcp, 100);
    ByteVec beacon_like = disconnect_frame(true, broadcast, ap, ap, 99);
    beacon_like[0] = 0x80; // a beacon header: its body is no reason code
    d.feed(beacon_like, 100);
    d.feed(ByteVec{0xd4, 0x00, 0x00, 0x00, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}, 100); // ACK
    CHECK(d.alerts.raised.empty());
}

TEST_CASE("BoundedTable keeps at most its capacity, forgetting the least recently touched")
{
    ids::BoundedTable<MacAddr, int> table(32); // 2 per shard
    for (std::uint8_t i = 0; i < 200; ++i) {
        MacAddr m = client;
        m.bytes[5] = i;
        table.with(m, i, [&](int& v, bool created) {
            CHECK(created);
            v = i;
        });
    }
    CHECK(table.size() <= 32);
    MacAddr newest = client;
    newest.bytes[5] = 199;
    CHECK(table.with_existing(newest, [](int& v) { return v == 199; }));
    MacAddr first = client;
    first.bytes[5] = 0;
    CHECK_FALSE(table.with_existing(first, [](int&) { return true; }));
    // with_existing drops an entry its callback rejects.
    CHECK(table.with_existing(newest, [](int&) { return false; }));
    CHECK_FALSE(table.with_existing(newest, [](int&) { return true; }));
}

TEST_CASE("SenderFilter: an added MAC is always found; a cleared filter finds none; clear waits for quiet")
{
    ids::SenderFilter filter;
    CHECK(filter.empty());
    std::vector<MacAddr> added;
    for (std::uint8_t i = 0; i < 200; ++i) {
        added.push_back(MacAddr{{0x02, 0x11, 0x22, 0x33, 0x44, i}});
        filter.add(added.back());
    }
    for (const MacAddr& m : added) CHECK(filter.may_contain(m)); // never a false "no"
    int strangers = 0;
    for (std::uint8_t i = 0; i < 200; ++i) strangers += filter.may_contain(MacAddr{{0x02, 0x99, 0x88, 0x77, 0x66, i}});
    CHECK(strangers < 10); // 200 of 65,536 bits set: a few collisions at most

    filter.clear_if([] { return false; }); // a disconnect came meanwhile: keep everything
    CHECK(filter.may_contain(added.front()));
    filter.clear_if([] { return true; });
    CHECK(filter.empty());
    for (const MacAddr& m : added) CHECK_FALSE(filter.may_contain(m));
}

TEST_CASE("DISASSOCTRAFFIC after a quiet spell: the filter starts afresh and still sees a new disconnect")
{
    Detectors d;
    const ByteVec payload(20, 0x42);
    const ByteVec from_client = data_frame(to_ds, ap, client, broadcast, 0x0800, payload);
    d.feed(disconnect_frame(false, ap, client, ap, 8), 100);
    d.feed(from_client, 130); // 30 s later: quiet, nothing raised, the filter cleared
    CHECK(d.alerts.count("DISASSOCTRAFFIC") == 0);
    d.feed(disconnect_frame(false, ap, client, ap, 8), 200);
    d.feed(data_frame(to_ds, ap, other, broadcast, 0x0800, payload), 201); // another station: filtered out
    CHECK(d.alerts.count("DISASSOCTRAFFIC") == 0);
    d.feed(from_client, 203);
    CHECK(d.alerts.count("DISASSOCTRAFFIC") == 1);
}
