// The PHY's packet handlers against an in-memory tracker: which records the
// decap leaves unclaimed or fails, the frames it keeps for handshakes (served
// as dot11.eapol.packet), and the handshake pcap route's answers.
#include "byte_builder.h"
#include "fake_phy_host.h"
#include "lab_frames.h"
#include "phy_harness.h"
#include "pcap/pcap_file.h"
#include "phy/dot11_phy.h"
#include "phy/handshake_endpoint.h"

#include <airsight/crc32.h>
#include <airsight/hex.h>

#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;
using namespace airsight::test;

namespace {

constexpr std::uint32_t dlt_bluetooth_le = 147; // what the Ubertooth puts inside PPI

ByteVec ppi(std::uint32_t inner_dlt, std::uint16_t length, const ByteVec& rest, std::uint8_t version = 0)
{
    return ByteBuilder().u8(version).u8(0).le16(length).le32(inner_dlt).bytes(Bytes(rest)).vec();
}

Request handshake_request(const std::string& key, const std::string& file, const std::string& extension = "")
{
    Request r;
    r.path_params["KEY"] = key;
    r.path_params["FILE"] = file;
    r.extension = extension;
    return r;
}

// The route's answer: its status, from the Reply or the HttpError it throws.
int status_of(const Route& route, const Request& r)
{
    try {
        return route.handler(r).status;
    } catch (const HttpError& e) {
        return e.status();
    }
}

} // namespace

TEST_CASE("PPI around Bluetooth is not ours: no error, left unclaimed, no device")
{
    Harness h;
    const ByteVec record = ppi(dlt_bluetooth_le, 8, {0xd6, 0xbe, 0x89, 0x8e, 0x00, 0x11});
    const Packet p = h.run(record, dlt_ppi);
    CHECK_FALSE(p.error);
    CHECK(p.payload_dlt == 0u);
    CHECK(p.payload.empty());
    CHECK(p.phy_id == 0u);
    CHECK(h.devices.find(h.phy.phy_id(), ap) == nullptr);
}

TEST_CASE("a malformed PPI header is still an error, whatever it says it carries")
{
    Harness h;
    const ByteVec frame = advertisement(true);
    const ByteVec bad_version = ppi(dlt_ieee802_11, 8, frame, 1);
    const ByteVec too_long = ppi(dlt_bluetooth_le, 200, {1, 2, 3});  // length past the record
    const ByteVec too_short = ppi(dlt_bluetooth_le, 4, {1, 2, 3});   // length below the fixed header
    for (const ByteVec* record : {&bad_version, &too_long, &too_short}) {
        const Packet p = h.run(*record, dlt_ppi);
        CHECK(p.error);
        CHECK(p.error_reason == "malformed capture header");
    }
    // The same beacon in a sound PPI header is dissected and tracked.
    const ByteVec good = ppi(dlt_ieee802_11, 8, frame);
    CHECK_FALSE(h.run(good, dlt_ppi).error);
    CHECK(h.component(ap) != nullptr);
}

TEST_CASE("EAPOL-Key frames are kept with their captured packet, served as dot11.eapol.packet")
{
    Harness h;
    const ByteVec beacon = in_radiotap(advertisement(true), 0x10);
    const ByteVec m1 = in_radiotap(eapol(1), 0x10);
    const ByteVec m2 = in_radiotap(eapol(2));
    h.run(beacon, dlt_radiotap, 100);
    h.run(m1, dlt_radiotap, 101, 5);
    h.run(m2, dlt_radiotap, 101, 6);

    const Dot11Device* c = h.component(ap);
    REQUIRE(c);
    REQUIRE(c->handshakes.size() == 1);
    REQUIRE(c->handshakes[0].second.size() == 2);
    CHECK(c->handshakes[0].second[0].sequence == 0u);
    CHECK(c->handshakes[0].second[1].sequence == 1u);
    REQUIRE(h.component(client));
    CHECK_FALSE(h.component(client)->ssid_frame); // only APs keep an SSID frame

    const Value v = c->to_value();
    const Value* list = v.find(h.fields.wpa_handshake_list);
    REQUIRE(list);
    const Value* records = list->find(client.str());
    REQUIRE(records);
    REQUIRE(records->size() == 2);
    const Value* packet = records->at(0).find(h.fields.eapol_packet);
    REQUIRE(packet);
    CHECK(packet->find(h.fields.packet_ts_sec)->as_uint() == 101u);
    CHECK(packet->find(h.fields.packet_ts_usec)->as_uint() == 5u);
    CHECK(packet->find(h.fields.packet_dlt)->as_uint() == 127u);
    CHECK(packet->find(h.fields.packet_source)->as_uint() == 7u);
    CHECK(packet->find(h.fields.packet_data)->as_string() == hex_string(m1)); // radiotap and FCS included
    CHECK(records->at(1).find(h.fields.eapol_packet)->find(h.fields.packet_data)->as_string() == hex_string(m2));

    // Registered with Kismet's names and types.
    CHECK(h.registry.find("dot11.eapol.packet")->type == FieldType::Object);
    CHECK(h.registry.find("kismet.packet.ts_sec")->type == FieldType::UInt64);
    CHECK(h.registry.find("kismet.packet.ts_usec")->type == FieldType::UInt64);
    CHECK(h.registry.find("kismet.packet.dlt")->type == FieldType::UInt64);
    CHECK(h.registry.find("kismet.packet.source")->type == FieldType::UInt64);
    CHECK(h.registry.find("kismet.packet.data")->type == FieldType::ByteArray);
}

TEST_CASE("a data frame joins its client to the BSS on both sides; another source's copy adds nothing")
{
    Harness h;
    // A to-DS data frame, client -> AP, carrying 8 bytes.
    ByteBuilder b;
    b.u8(0x08).u8(0x01).le16(0);
    for (std::uint8_t x : ap.bytes) b.u8(x);
    for (std::uint8_t x : client.bytes) b.u8(x);
    for (std::uint8_t x : ap.bytes) b.u8(x);
    b.le16(0x10).bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00});
    const ByteVec frame = b.vec();
    h.run(frame, dlt_ieee802_11, 100);
    h.run(frame, dlt_ieee802_11, 100, 1, /*duplicate=*/true);

    const Dot11Device* c = h.component(client);
    REQUIRE(c);
    REQUIRE(c->client_of.size() == 1);
    CHECK(c->client_of[0].bssid == ap);
    CHECK(c->client_of[0].first_time == 100u);
    CHECK(c->client_of[0].datasize == 8u); // once, not again for the duplicate
    CHECK(c->datasize == 8u);
    CHECK(c->last_bssid == ap);
    const Dot11Device* a = h.component(ap);
    REQUIRE(a);
    CHECK(a->associated_clients.size() == 1);
    CHECK(a->associated_clients.contains(client));
}

TEST_CASE("a claimed frame names its addresses for logs and streams (Packet::addresses)")
{
    Harness h;
    // A to-DS data frame: the client sends through the AP to a host behind it.
    const MacAddr host = mac("02:00:00:00:00:09");
    ByteBuilder b;
    b.u8(0x08).u8(0x01).le16(0);
    for (std::uint8_t x : ap.bytes) b.u8(x);     // addr1: receiver, the BSSID
    for (std::uint8_t x : client.bytes) b.u8(x); // addr2: transmitter and source
    for (std::uint8_t x : host.bytes) b.u8(x);   // addr3: destination
    b.le16(0x10).bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00});
    const ByteVec frame = b.vec();
    const Packet p = h.run(frame, dlt_ieee802_11);
    CHECK(p.phy_id == h.phy.phy_id());
    CHECK(p.addresses.source == client);
    CHECK(p.addresses.destination == host);
    CHECK(p.addresses.transmitter == client);
    CHECK(p.addresses.network == ap);
    CHECK(p.kind == PacketKind::data);

    // A beacon is management, an ACK (control) is a PHY frame, as Kismet classes them.
    ByteBuilder beacon;
    beacon.u8(0x80).u8(0x00).le16(0);
    for (int i = 0; i < 2; ++i) beacon.bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    for (std::uint8_t x : ap.bytes) beacon.u8(x);
    beacon.le16(0).bytes({0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0x01, 0});
    CHECK(h.run(beacon.vec(), dlt_ieee802_11).kind == PacketKind::management);
    ByteBuilder ack;
    ack.u8(0xd4).u8(0x00).le16(0);
    for (std::uint8_t x : client.bytes) ack.u8(x);
    CHECK(h.run(ack.vec(), dlt_ieee802_11).kind == PacketKind::phy);

    // A frame the PHY refuses names nothing.
    const Packet bad = h.run(ByteVec{0x08, 0x01}, dlt_ieee802_11);
    CHECK(bad.addresses.source.is_zero());
    CHECK(bad.addresses.network.is_zero());
}

TEST_CASE("the SSID frame: a probe response until a beacon is seen, then the latest beacon")
{
    Harness h;
    const ByteVec response = advertisement(false, 1);
    const ByteVec beacon1 = advertisement(true, 2);
    const ByteVec response2 = advertisement(false, 3);
    const ByteVec beacon2 = advertisement(true, 4);
    h.run(response, dlt_ieee802_11, 1);
    REQUIRE(h.component(ap));
    REQUIRE(h.component(ap)->ssid_frame);
    CHECK(h.component(ap)->ssid_frame->data == response);
    h.run(beacon1, dlt_ieee802_11, 2);
    CHECK(h.component(ap)->ssid_frame->data == beacon1);
    h.run(response2, dlt_ieee802_11, 3);
    CHECK(h.component(ap)->ssid_frame->data == beacon1);
    h.run(beacon2, dlt_ieee802_11, 4);
    CHECK(h.component(ap)->ssid_frame->data == beacon2);
    CHECK(h.component(ap)->ssid_frame->ts_sec == 4);
}

TEST_CASE("handshake pcap route: login, errors, the file, and the empty file")
{
    Harness h;
    const Route route = handshake_pcap_route(h.devices, h.phy, h.fields);
    CHECK(route.login_required);
    CHECK(route.path == "/phy/phy80211/by-key/[KEY]/pcap/[FILE]");

    const ByteVec beacon = advertisement(true);
    const ByteVec m1 = eapol(1);
    const ByteVec m2 = eapol(2);
    h.run(beacon, dlt_ieee802_11, 100);
    const std::string key = DeviceKey{DeviceKey::hash_phy_name(Dot11Phy::kPhyName), ap}.str();

    // An AP without EAPOL frames: an empty pcap, its beacon left out.
    const Reply empty = route.handler(handshake_request(key, key + "-handshake.pcap"));
    CHECK(empty.status == 200);
    CHECK(empty.content_type == "application/vnd.tcpdump.pcap");
    CHECK(empty.raw == pcap_global_header(dlt_ieee802_11));

    h.run(m1, dlt_ieee802_11, 101);
    h.run(m2, dlt_ieee802_11, 102);
    const Reply full = route.handler(handshake_request(key, key + "-handshake.pcap"));
    std::string expected = pcap_global_header(dlt_ieee802_11);
    append_pcap_record(expected, {100, 0, static_cast<std::uint32_t>(beacon.size()), beacon});
    append_pcap_record(expected, {101, 0, static_cast<std::uint32_t>(m1.size()), m1});
    append_pcap_record(expected, {102, 0, static_cast<std::uint32_t>(m2.size()), m2});
    CHECK(full.raw == expected);
    // Kismet's newer name, and the key in lower case, name the same file.
    std::string lower = key;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(route.handler(handshake_request(key, "handshake.pcap")).raw == expected);
    CHECK(route.handler(handshake_request(key, lower + "-handshake.pcap")).raw == expected);

    CHECK(status_of(route, handshake_request("NOTAKEY", "NOTAKEY-handshake.pcap")) == 400);
    const std::string unknown = DeviceKey{DeviceKey::hash_phy_name(Dot11Phy::kPhyName), mac("02:00:00:00:00:09")}.str();
    CHECK(status_of(route, handshake_request(unknown, unknown + "-handshake.pcap")) == 404);
    const std::string other_phy = DeviceKey{DeviceKey::hash_phy_name("Bluetooth"), ap}.str();
    CHECK(status_of(route, handshake_request(other_phy, other_phy + "-handshake.pcap")) == 404);
    CHECK(status_of(route, handshake_request(key, unknown + "-handshake.pcap")) == 404);
    CHECK(status_of(route, handshake_request(key, key + "-handshake.pcapng")) == 404);
    CHECK(status_of(route, handshake_request(key, key + "-handshake.pcap", "json")) == 404);
}

TEST_CASE("handshake pcap route: frames of different link types are all written as plain 802.11")
{
    Harness h;
    const Route route = handshake_pcap_route(h.devices, h.phy, h.fields);
    const ByteVec beacon = advertisement(true);
    const ByteVec m1_frame = eapol(1, true, true);
    const ByteVec m1 = in_radiotap(m1_frame, 0x30); // data pad + FCS
    h.run(beacon, dlt_ieee802_11, 100);
    REQUIRE_FALSE(h.run(m1, dlt_radiotap, 101).error);
    const std::string key = DeviceKey{DeviceKey::hash_phy_name(Dot11Phy::kPhyName), ap}.str();

    ByteVec bare = eapol(1, true, false); // the same frame, unpadded
    const std::string file = route.handler(handshake_request(key, key + "-handshake.pcap")).raw;
    std::string expected = pcap_global_header(dlt_ieee802_11);
    append_pcap_record(expected, {100, 0, static_cast<std::uint32_t>(beacon.size()), beacon});
    append_pcap_record(expected, {101, 0, static_cast<std::uint32_t>(bare.size()), bare});
    CHECK(file == expected);
}

TEST_CASE("devices render after the PHY that made them is gone: the tracker outlives the plugin")
{
    // The server's registry and tracker outlive every plugin; the plugin owns
    // its Dot11Phy and, until shared with the devices, owned their fields.
    FakeFields registry;
    FakeDevices devices;
    {
        PacketComponent<Dissection> dissection{0};
        Dot11Phy phy{devices, std::make_shared<const Dot11Fields>(registry), dissection};
        Dissection storage;
        const ByteVec beacon = advertisement(true);
        Packet p;
        p.dlt = dlt_ieee802_11;
        p.data = beacon;
        dissection.bind(p, storage);
        phy.decap(p);
        phy.dissect(p);
        phy.track(p);
    } // the plugin is destroyed here
    REQUIRE(devices.size() == 1);
    const Field* ssids = registry.find("dot11.device.num_advertised_ssids");
    REQUIRE(ssids);
    devices.visit_devices([&](const Device& d) {
        REQUIRE(d.components.size() == 1);
        const Value record = d.components[0].second->to_value(); // reads the fields: must not touch freed memory
        const Value* n = record.find(*ssids);
        REQUIRE(n);
        CHECK(n->as_uint() == 1);
    });
}
