// Kismet's rules for the devices a frame shows besides its transmitter
// (phy_80211.cc, packet_dot11_common_classifier): who becomes a device as a
// receiver, what counts as received, which type string each role earns, and
// that broadcast and multicast addresses are never devices.
#include "byte_builder.h"
#include "capture_support.h"
#include "phy/kismet_type.h"
#include "phy_harness.h"
#include "prerequisites.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <initializer_list>
#include <set>
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
                       deauth = 0xc0, disassoc = 0xa0, data = 0x08, null_data = 0x48, qos_null = 0xc8;

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

TEST_CASE("null frames create no device, but update the devices already known")
{
    Receivers h;
    const ByteVec qos_control{0, 0}; // a QoS null's header ends in it
    for (const auto& [subtype, rest] : {std::pair{null_data, ByteVec{}}, std::pair{qos_null, qos_control}}) {
        const ByteVec frames[] = {frame(subtype, to_ds, {ap, client, wired}, rest),
                                  frame(subtype, from_ds, {client, ap, wired}, rest),
                                  frame(subtype, wds, {peer_ap, ap, client, wired}, rest),
                                  frame(subtype, 0, {client, wired, ap}, rest)};
        for (const ByteVec& f : frames) {
            const Packet p = h.run(f, dlt_ieee802_11);
            CHECK_FALSE(p.error); // parsed, and still no device
        }
    }
    CHECK(h.devices.size() == 0);

    // Once the devices exist (wired is a bridged host until then), null frames count for each of them.
    h.feed(frame(data, from_ds, {client, ap, wired}, llc_ipv4));
    REQUIRE(h.device(client));
    CHECK(h.type(client) == "Wi-Fi Device");
    h.feed(frame(null_data, to_ds, {ap, client, wired}, {}));
    CHECK(h.device(client)->packets.tx_total == 1);
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.device(wired)->packets.rx_total == 1);
    CHECK(h.type(client) == "Wi-Fi Client"); // only a radio sends null frames
    CHECK(h.type(wired) == "Wi-Fi Bridged");
    CHECK(h.devices.size() == 3);
}

TEST_CASE("WDS: both radios are WDS APs, the destination is a WDS peer that received it, the source one that sent it")
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
    // The 4th address: the host behind the transmitting WDS AP sent it.
    REQUIRE(h.device(wired));
    CHECK(h.device(wired)->packets.tx_total == 1);
    CHECK(h.device(wired)->packets.rx_total == 0);
    CHECK(h.type(wired) == "Wi-Fi WDS");
    CHECK(h.device(wired)->basic_type_set == basic_type::peer);
    REQUIRE(h.component(wired));
    CHECK(h.component(wired)->datasize == llc_ipv4.size());
    CHECK(h.devices.size() == 4);
}

TEST_CASE("WDS between two radios that are the ends themselves: two WDS peers, no WDS AP")
{
    Receivers h;
    h.feed(frame(data, wds, {peer_ap, ap, peer_ap, ap}, llc_ipv4)); // RA = DA, TA = SA
    CHECK(h.devices.size() == 2);
    CHECK(h.type(ap) == "Wi-Fi WDS");
    CHECK(h.type(peer_ap) == "Wi-Fi WDS");
    CHECK(h.device(ap)->packets.tx_total == 1);
    CHECK(h.device(peer_ap)->packets.rx_total == 1);
    // A group destination: the receiving radio is no end, so it relays: a WDS AP.
    h.feed(frame(data, wds, {peer_ap, ap, multicast, ap}, llc_ipv4));
    CHECK(h.type(peer_ap) == "Wi-Fi WDS AP");
    CHECK(h.device(peer_ap)->basic_type_set == (basic_type::ap | basic_type::peer));
    CHECK(h.device(peer_ap)->packets.rx_total == 2);
    // Beacons later do not make it a plain AP again (Kismet's set_type_string_ifnot).
    h.feed(mgmt(beacon, broadcast, peer_ap, peer_ap, probe_response_body()));
    CHECK(h.type(peer_ap) == "Wi-Fi WDS AP");
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
    // The IBSS's BSSID is only named: an ad-hoc device that counts no packet (Kismet).
    REQUIRE(h.device(ibss));
    CHECK(h.type(ibss) == "Wi-Fi Ad-Hoc");
    CHECK(h.device(ibss)->packets.total == 0);
}

TEST_CASE("ad-hoc data addressed to the BSSID: the peer received it")
{
    // Kismet counts nothing here (its destination rule skips the BSSID);
    // tshark's wlan.ra names the peer the receiver, and airsight counts it so.
    Receivers h;
    h.feed(frame(data, 0, {ap, client, ap}, llc_ipv4));
    REQUIRE(h.device(ap));
    CHECK(h.device(ap)->packets.rx_total == 1);
    CHECK(h.type(ap) == "Wi-Fi Ad-Hoc");
    CHECK(h.devices.size() == 2);
}

TEST_CASE("a BSSID only named by a frame is a device that counts no packet")
{
    Receivers h;
    const MacAddr other = mac("66:77:88:99:aa:cc");
    // A probe request for one AP's BSSID, sent to everyone.
    h.feed(mgmt(probe_req, broadcast, client, ap, ByteBuilder().ie(0, {'l', 'a', 'b'}).ie(1, {0x82}).vec()));
    REQUIRE(h.device(ap));
    CHECK(h.type(ap) == "Wi-Fi AP");
    CHECK(h.device(ap)->packets.total == 0);
    CHECK(h.device(client)->packets.tx_total == 1);
    // A frame between two stations of the BSS.
    h.feed(mgmt(deauth, other, client, ap, reason_body));
    CHECK(h.device(ap)->packets.total == 0);
    CHECK(h.device(other)->packets.rx_total == 1);
    // Data between two stations of an IBSS names its BSSID too (above); to-DS
    // and from-DS data always involve the BSSID as receiver or transmitter.
    h.feed(frame(data, from_ds, {client, ap, wired}, llc_ipv4));
    CHECK(h.device(ap)->packets.total == 1);
    CHECK(h.device(ap)->packets.tx_total == 1);
}

TEST_CASE("a beacon a station sends for another BSSID: the station sent it, the BSSID is named")
{
    // Wi-Fi NAN devices beacon for their cluster (odid_wifi_sample.pcap).
    Receivers h;
    h.feed(mgmt(beacon, broadcast, client, ap, probe_response_body()));
    REQUIRE(h.device(client));
    CHECK(h.device(client)->packets.tx_total == 1);
    CHECK(h.type(client) == "Wi-Fi Client");
    REQUIRE(h.device(ap));
    CHECK(h.device(ap)->packets.total == 0);
    CHECK(h.type(ap) == "Wi-Fi AP");
    REQUIRE(h.component(ap));
    REQUIRE(h.component(ap)->advertised.size() == 1); // the advertisement is the BSS's
    CHECK(h.component(ap)->advertised[0].ssid == "lab");
}

TEST_CASE("from-DS data from a host behind the AP counts as sent by it")
{
    Receivers h;
    h.feed(frame(data, from_ds, {client, ap, wired}, llc_ipv4));
    REQUIRE(h.device(wired));
    CHECK(h.device(wired)->packets.tx_total == 1);
    CHECK(h.device(ap)->packets.tx_total == 1);
    // (Its signal is not the AP's: DEVICE_RELAYED, tested with the tracker.)
}

// --- the same rules on real captures ------------------------------------------
// Shared captures that hold such frames, run through the PHY; tshark names
// each frame's addresses, from which the rules above predict the devices.

namespace {

bool unicast(const std::string& mac)
{
    return !mac.empty() && mac != "00:00:00:00:00:00" && (std::stoi(mac.substr(0, 2), nullptr, 16) & 1) == 0;
}

std::string first_of(const std::string& field) { return field.substr(0, field.find(',')); }

} // namespace

TEST_CASE("real captures: named BSSIDs count nothing, null frames make no device, WDS ends are peers" *
          doctest::test_suite("needs-captures-tshark"))
{
    const std::vector<std::string> columns = {"wlan.fc.type", "wlan.fc.type_subtype", "wlan.fc.ds", "wlan.ra",
                                              "wlan.ta",      "wlan.sa",              "wlan.da",    "wlan.bssid"};
    enum { c_type, c_subtype, c_ds, c_ra, c_ta, c_sa, c_da, c_bssid };
    // Named-only BSSIDs: test_output.pcapng (action frames), odid_wifi_sample.pcap (NAN beacons);
    // addresses only in null frames: test_output.pcapng, handshake_not_exists.cap; WDS: capture_wds-01.cap.
    const char* files[] = {"test_output.pcapng", "odid_wifi_sample.pcap", "handshake_not_exists.cap",
                           "capture_wds-01.cap"};
    std::size_t named_checked = 0, null_checked = 0, wds_checked = 0;
    for (const char* name : files) {
        CAPTURE(name);
        const std::filesystem::path file = airsight::test::captures_dir() / name;
        std::string error;
        const auto pcap = read_pcap(file, error);
        REQUIRE_MESSAGE(pcap, error);
        const auto rows = tshark_fields(file, columns);
        REQUIRE(rows);
        REQUIRE(rows->size() == pcap->records.size());
        Harness h;
        for (const auto& record : pcap->records) h.run(record, static_cast<std::uint32_t>(pcap->dlt));
        const auto device = [&](const std::string& m) { return h.devices.find(h.phy.phy_id(), mac(m)); };

        std::set<std::string> active, named, in_null;
        for (auto row : *rows) {
            row.resize(columns.size());
            if (row[c_type] != "0" && row[c_type] != "2") continue; // control frames make no device
            const int subtype = std::stoi(row[c_subtype], nullptr, 0);
            const bool null_frame = subtype == 0x24 || subtype == 0x2c;
            for (int c : {c_ra, c_ta, c_sa, c_da, c_bssid}) {
                const std::string m = first_of(row[c]);
                if (!unicast(m)) continue;
                if (null_frame)
                    in_null.insert(m);
                else if (c == c_bssid)
                    named.insert(m);
                else
                    active.insert(m);
            }
            if (row[c_ds] == "0x03" && !null_frame) { // WDS: RA TA DA SA
                const std::string ra = row[c_ra], ta = row[c_ta], da = row[c_da], sa = row[c_sa];
                for (const std::string& end : {sa, da}) {
                    if (!unicast(end)) continue;
                    CAPTURE(end);
                    REQUIRE(device(end));
                    CHECK((device(end)->basic_type_set & basic_type::peer) != 0);
                }
                if (unicast(sa)) CHECK(device(sa)->packets.tx_total > 0);
                for (const auto& [radio, end] : {std::pair{ta, sa}, std::pair{ra, da}}) {
                    if (!unicast(radio) || radio == end) continue;
                    CAPTURE(radio);
                    REQUIRE(device(radio));
                    CHECK((device(radio)->basic_type_set & (basic_type::ap | basic_type::peer)) ==
                          (basic_type::ap | basic_type::peer));
                }
                ++wds_checked;
            }
        }
        for (const std::string& bssid : named) {
            if (active.count(bssid)) continue;
            CAPTURE(bssid);
            REQUIRE(device(bssid));
            CHECK(device(bssid)->packets.total == 0);
            ++named_checked;
        }
        for (const std::string& m : in_null) {
            if (active.count(m) || named.count(m)) continue;
            CAPTURE(m);
            CHECK(device(m) == nullptr);
            ++null_checked;
        }
    }
    // So the checks cannot pass having checked nothing (numbers from tshark on these files).
    CHECK(named_checked == 2);
    CHECK(null_checked == 14);
    CHECK(wds_checked == 46);
}
