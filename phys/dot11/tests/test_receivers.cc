// Kismet's rules for the devices a frame shows besides its transmitter
// (phy_80211.cc, packet_dot11_common_classifier): who becomes a device as a
// receiver, what counts as received, which type string each role earns, and
// that broadcast and multicast addresses are never devices.
#include "byte_builder.h"
#include "phy/kismet_type.h"
#include "phy_harness.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

using ByteVec = std::vector<std::uint8_t>;

const MacAddr ap = mac("00:11:22:33:44:55");
const MacAddr client = mac("66:77:88:99:aa:bb");
const MacAddr wired = mac("00:aa:bb:cc:dd:ee");   // a host on the AP's wire
const MacAddr peer_ap = mac("00:11:22:33:44:66"); // the other end of a WDS link
const MacAddr broadcast = mac("ff:ff:ff:ff:ff:ff");
const MacAddr multicast = mac("01:00:5e:00:00:fb");

constexpr std::uint8_t to_ds = 0x01, from_ds = 0x02, wds = 0x03;

// An 802.11 frame: frame control, duration, three addresses, sequence, the
// fourth address when given, then `body`.
ByteVec frame(std::uint8_t fc0, std::uint8_t fc1, std::initializer_list<MacAddr> addrs, const ByteVec& body)
{
    ByteBuilder b;
    b.u8(fc0).u8(fc1).le16(0);
    int n = 0;
    for (const MacAddr& a : addrs) {
        if (n++ == 3) b.le16(0x10); // sequence control sits before addr4
        for (std::uint8_t x : a.bytes) b.u8(x);
    }
    if (n == 3) b.le16(0x10);
    b.bytes(Bytes(body));
    return b.vec();
}

// Management frames: addr1 = receiver, addr2 = transmitter, addr3 = BSSID.
ByteVec mgmt(std::uint8_t fc0, const MacAddr& to, const MacAddr& from, const MacAddr& bssid, const ByteVec& body)
{
    return frame(fc0, 0, {to, from, bssid}, body);
}
const ByteVec auth_body{0, 0, 1, 0, 0, 0};             // open system, sequence 1, success
const ByteVec reason_body{7, 0};                       // deauth/disassoc reason
ByteVec probe_response_body(std::uint16_t capability = 0x0001)
{
    return ByteBuilder().le64(1).le16(100).le16(capability).ie(0, {'l', 'a', 'b'}).ie(1, {0x82}).ie(3, {6}).vec();
}
const ByteVec assoc_response_body = ByteBuilder().le16(0x0001).le16(0).le16(0xc001).ie(1, {0x82, 0x84, 0x8b, 0x96}).ie(50, {0x0c, 0x12, 0x18, 0x24}).vec();

// A data frame body: LLC/SNAP, IPv4, a few bytes.
const ByteVec llc_ipv4{0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, 0x45, 0, 0, 20};

constexpr std::uint8_t beacon = 0x80, probe_req = 0x40, probe_resp = 0x50, auth = 0xb0, assoc_resp = 0x10,
                       deauth = 0xc0, disassoc = 0xa0, data = 0x08, null_data = 0x48;

struct Receivers : Harness {
    void feed(const ByteVec& f)
    {
        records.push_back(f);
        run(records.back(), dlt_ieee802_11);
    }
    const Device* device(const MacAddr& m) const { return devices.find(phy.phy_id(), m); }
    std::string type(const MacAddr& m) const
    {
        const Device* d = device(m);
        return d ? d->type : "(no device)";
    }
    std::vector<ByteVec> records;
};

} // namespace

TEST_CASE("the target of a probe response is a client that received a packet")
{
    Receivers h;
    h.feed(mgmt(probe_resp, client, ap, ap, probe_response_body()));
    const Device* c = h.device(client);
    REQUIRE(c);
    CHECK(c->packets.rx_total == 1);
    CHECK(c->packets.tx_total == 0);
    CHECK(c->type == "Wi-Fi Client");
    CHECK((c->basic_type_set & basic_type::client) != 0);
    CHECK(c->signal.valid == false); // its own radio was not heard
    CHECK(h.type(ap) == "Wi-Fi AP");
    CHECK(h.device(ap)->packets.tx_total == 1);
    CHECK(h.device(ap)->packets.rx_total == 0);
}

TEST_CASE("authentication names an AP that has not beaconed: it becomes a Wi-Fi AP that received it")
{
    Receivers h;
    h.feed(mgmt(auth, ap, client, ap, auth_body));
    REQUIRE(h.device(ap));
    CHECK(h.type(ap) == "Wi-Fi AP");
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.device(ap)->packets.tx_total == 0);
    CHECK(h.type(client) == "Wi-Fi Client");
    CHECK(h.device(client)->packets.tx_total == 1);
    // The AP's answer: the client receives it.
    h.feed(mgmt(auth, client, ap, ap, auth_body));
    CHECK(h.device(client)->packets.rx_total == 1);
    CHECK(h.device(ap)->packets.tx_total == 1);
}

TEST_CASE("association responses, deauthentication and disassociation reach their addressee")
{
    Receivers h;
    h.feed(mgmt(assoc_resp, client, ap, ap, assoc_response_body));
    h.feed(mgmt(deauth, client, ap, ap, reason_body));
    h.feed(mgmt(disassoc, ap, client, ap, reason_body));
    REQUIRE(h.device(client));
    CHECK(h.device(client)->packets.rx_total == 2);
    CHECK(h.device(client)->packets.tx_total == 1);
    CHECK(h.type(client) == "Wi-Fi Client");
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.device(ap)->packets.tx_total == 2);
    CHECK(h.type(ap) == "Wi-Fi AP");
    const Dot11Device* c = h.component(client);
    REQUIRE(c);
    CHECK(c->has_last_bssid);
    CHECK(c->last_bssid == ap);
}

TEST_CASE("broadcast and multicast addressees are not devices")
{
    Receivers h;
    h.feed(mgmt(deauth, broadcast, ap, ap, reason_body));
    h.feed(mgmt(probe_req, broadcast, client, broadcast, ByteBuilder().ie(0, {}).ie(1, {0x82}).vec()));
    h.feed(frame(data, from_ds, {multicast, ap, wired}, llc_ipv4));
    h.feed(frame(data, to_ds, {ap, client, broadcast}, llc_ipv4));
    CHECK(h.device(broadcast) == nullptr);
    CHECK(h.device(multicast) == nullptr);
    CHECK(h.devices.size() == 3); // the AP, the client and the wired sender
}

TEST_CASE("a directed probe request makes its BSSID an AP device")
{
    Receivers h;
    h.feed(mgmt(probe_req, ap, client, ap, ByteBuilder().ie(0, {'l', 'a', 'b'}).ie(1, {0x82}).vec()));
    CHECK(h.type(ap) == "Wi-Fi AP");
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.type(client) == "Wi-Fi Client");
}

TEST_CASE("to-DS data: the AP received it, a destination behind it is a device of unknown role")
{
    Receivers h;
    h.feed(frame(data, to_ds, {ap, client, wired}, llc_ipv4));
    REQUIRE(h.device(wired));
    CHECK(h.device(wired)->packets.rx_total == 1);
    CHECK(h.device(wired)->packets.tx_total == 0);
    CHECK(h.type(wired) == "Wi-Fi Device");
    CHECK(h.device(wired)->basic_type_set == basic_type::device);
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.type(ap) == "Wi-Fi Device"); // Kismet leaves a to-DS BSSID's type alone
    CHECK(h.type(client) == "Wi-Fi Client");
    CHECK(h.device(client)->packets.tx_total == 1);
}

TEST_CASE("from-DS data: the BSSID is an AP, the destination received it, a wired source is bridged")
{
    Receivers h;
    h.feed(frame(data, from_ds, {client, ap, wired}, llc_ipv4));
    CHECK(h.type(ap) == "Wi-Fi AP");
    CHECK(h.device(ap)->packets.tx_total == 1);
    REQUIRE(h.device(client));
    CHECK(h.device(client)->packets.rx_total == 1);
    CHECK(h.type(client) == "Wi-Fi Device"); // only ever a destination: role unknown
    CHECK(h.type(wired) == "Wi-Fi Bridged");
    CHECK((h.device(wired)->basic_type_set & basic_type::wired) != 0);

    // Once it transmits to the AP it is a client, and receiving keeps it one.
    h.feed(frame(data, to_ds, {ap, client, wired}, llc_ipv4));
    CHECK(h.type(client) == "Wi-Fi Client");
    h.feed(frame(data, from_ds, {client, ap, wired}, llc_ipv4));
    CHECK(h.type(client) == "Wi-Fi Client");
    CHECK(h.device(client)->packets.rx_total == 2);
    // A management frame addressed to the bridged host makes it a station, no longer wired.
    h.feed(mgmt(deauth, wired, ap, ap, reason_body));
    CHECK(h.type(wired) == "Wi-Fi Client");
    CHECK((h.device(wired)->basic_type_set & basic_type::wired) == 0);
    CHECK((h.device(wired)->basic_type_set & basic_type::client) != 0);
}

TEST_CASE("null data frames create no receivers")
{
    Receivers h;
    h.feed(frame(null_data, to_ds, {ap, client, wired}, {}));
    CHECK(h.device(wired) == nullptr);
    CHECK(h.device(client) != nullptr); // its transmitter still counts
}

TEST_CASE("WDS: both radios are WDS APs, the destination is a WDS peer that received it")
{
    Receivers h;
    h.feed(frame(data, wds, {peer_ap, ap, client, wired}, llc_ipv4));
    CHECK(h.type(ap) == "Wi-Fi WDS AP");
    CHECK(h.type(peer_ap) == "Wi-Fi WDS AP");
    CHECK(h.device(peer_ap)->packets.rx_total == 1);
    CHECK(h.device(ap)->packets.tx_total == 1);
    REQUIRE(h.device(client));
    CHECK(h.device(client)->packets.rx_total == 1);
    CHECK(h.type(client) == "Wi-Fi WDS");
    CHECK(h.device(client)->basic_type_set == basic_type::peer);
}

TEST_CASE("ad-hoc: an IBSS beacon makes an ad-hoc device, ad-hoc data reaches an ad-hoc peer")
{
    Receivers h;
    const MacAddr ibss = mac("02:00:00:00:00:42");
    h.feed(mgmt(beacon, broadcast, client, client, probe_response_body(0x0002)));
    CHECK(h.type(client) == "Wi-Fi Ad-Hoc");
    CHECK((h.device(client)->basic_type_set & basic_type::peer) != 0);
    h.feed(frame(data, 0, {ap, client, ibss}, llc_ipv4));
    REQUIRE(h.device(ap));
    CHECK(h.type(ap) == "Wi-Fi Ad-Hoc");
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.device(ibss) == nullptr); // the IBSS's BSSID is a network, not a receiver
}
