// 802.11 MAC headers: frame control, addresses per type, Kismet's roles,
// data payloads and management fixed fields.
#include "byte_builder.h"
#include "dissect/frame.h"

#include <doctest/doctest.h>

using namespace airsight::dot11;
using airsight::dot11::test::ByteBuilder;
using airsight::dot11::test::mac;

namespace {

constexpr std::uint8_t flag_to_ds = 0x01, flag_from_ds = 0x02, flag_retry = 0x08, flag_protected = 0x40,
                       flag_order = 0x80;

ByteBuilder frame_control(FrameType type, std::uint8_t subtype, std::uint8_t flags = 0)
{
    ByteBuilder b;
    b.u8(static_cast<std::uint8_t>((subtype << 4) | (static_cast<unsigned>(type) << 2))).u8(flags);
    return b;
}

// A three-address header with sequence 0x123, fragment 4.
ByteBuilder header3(FrameType type, std::uint8_t subtype, std::uint8_t flags = 0)
{
    ByteBuilder b = frame_control(type, subtype, flags);
    b.le16(0x002c).mac("01:01:01:01:01:01").mac("02:02:02:02:02:02").mac("03:03:03:03:03:03").le16(0x1234);
    return b;
}

} // namespace

TEST_CASE("frame control bits decode")
{
    ByteBuilder b = header3(FrameType::data, data_subtype::data, flag_retry | flag_protected | 0x10 | 0x20 | 0x04);
    const Frame f = parse_frame(b.span());
    REQUIRE(f.ok);
    CHECK(f.fc.version == 0);
    CHECK(f.fc.type == FrameType::data);
    CHECK(f.fc.retry);
    CHECK(f.fc.protected_frame);
    CHECK(f.fc.power_management);
    CHECK(f.fc.more_data);
    CHECK(f.fc.more_fragments);
    CHECK_FALSE(f.fc.order);
    CHECK(f.duration == 0x2c);
    CHECK(f.has_sequence);
    CHECK(f.sequence == 0x123);
    CHECK(f.fragment == 4);
    CHECK(f.fc.type_subtype() == 0x20);
}

TEST_CASE("data frames: Kismet roles for each ToDS/FromDS combination")
{
    SUBCASE("00: DA SA BSSID")
    {
        const Frame f = parse_frame(header3(FrameType::data, 0).span());
        REQUIRE(f.ok);
        CHECK(f.distribution == Distribution::adhoc);
        CHECK(f.roles.dest == mac("01:01:01:01:01:01"));
        CHECK(f.roles.source == mac("02:02:02:02:02:02"));
        CHECK(f.roles.bssid == mac("03:03:03:03:03:03"));
        CHECK(f.roles.transmitter.is_zero());
    }
    SUBCASE("00 with a zero BSSID: Kismet uses the source")
    {
        ByteBuilder b = frame_control(FrameType::data, 0);
        b.le16(0).mac("01:01:01:01:01:01").mac("02:02:02:02:02:02").mac("00:00:00:00:00:00").le16(0);
        const Frame f = parse_frame(b.span());
        REQUIRE(f.ok);
        CHECK(f.roles.bssid == mac("02:02:02:02:02:02"));
    }
    SUBCASE("01 ToDS: BSSID SA DA")
    {
        const Frame f = parse_frame(header3(FrameType::data, 0, flag_to_ds).span());
        REQUIRE(f.ok);
        CHECK(f.distribution == Distribution::to_ds);
        CHECK(f.roles.bssid == mac("01:01:01:01:01:01"));
        CHECK(f.roles.source == mac("02:02:02:02:02:02"));
        CHECK(f.roles.dest == mac("03:03:03:03:03:03"));
    }
    SUBCASE("10 FromDS: DA BSSID SA")
    {
        const Frame f = parse_frame(header3(FrameType::data, 0, flag_from_ds).span());
        REQUIRE(f.ok);
        CHECK(f.distribution == Distribution::from_ds);
        CHECK(f.roles.dest == mac("01:01:01:01:01:01"));
        CHECK(f.roles.bssid == mac("02:02:02:02:02:02"));
        CHECK(f.roles.source == mac("03:03:03:03:03:03"));
    }
    SUBCASE("11 WDS: RA TA DA SA")
    {
        ByteBuilder b = header3(FrameType::data, 0, flag_to_ds | flag_from_ds);
        b.mac("04:04:04:04:04:04");
        const Frame f = parse_frame(b.span());
        REQUIRE(f.ok);
        CHECK(f.distribution == Distribution::inter_ds);
        CHECK(f.address_count == 4);
        CHECK(f.header_length == 30);
        CHECK(f.roles.receiver == mac("01:01:01:01:01:01"));
        CHECK(f.roles.transmitter == mac("02:02:02:02:02:02"));
        CHECK(f.roles.dest == mac("03:03:03:03:03:03"));
        CHECK(f.roles.source == mac("04:04:04:04:04:04"));
        CHECK(f.roles.bssid.is_zero());
    }
    SUBCASE("11 shorter than 30 bytes fails")
    {
        const Frame f = parse_frame(header3(FrameType::data, 0, flag_to_ds | flag_from_ds).span());
        CHECK_FALSE(f.ok);
        CHECK(f.kismet_corrupt);
    }
}

TEST_CASE("control frames: ACK/CTS carry only the RA, RTS two addresses")
{
    ByteBuilder ack = frame_control(FrameType::control, ctrl_subtype::ack);
    ack.le16(0).mac("0a:0b:0c:0d:0e:0f");
    const Frame a = parse_frame(ack.span());
    REQUIRE(a.ok);
    CHECK(a.address_count == 1);
    CHECK(a.header_length == 10);
    CHECK_FALSE(a.has_sequence);
    CHECK(a.receiver_address() == mac("0a:0b:0c:0d:0e:0f"));
    CHECK_FALSE(a.transmitter_address());
    CHECK(a.roles.dest == mac("0a:0b:0c:0d:0e:0f"));
    CHECK(a.roles.source == mac("0a:0b:0c:0d:0e:0f"));
    CHECK(a.fc.type_subtype() == 0x1d);

    ByteBuilder cts = frame_control(FrameType::control, ctrl_subtype::cts);
    cts.le16(0).mac("0a:0b:0c:0d:0e:0f");
    CHECK(parse_frame(cts.span()).address_count == 1);

    ByteBuilder rts = frame_control(FrameType::control, ctrl_subtype::rts);
    rts.le16(0).mac("01:01:01:01:01:01").mac("02:02:02:02:02:02");
    const Frame r = parse_frame(rts.span());
    REQUIRE(r.ok);
    CHECK(r.address_count == 2);
    CHECK(r.roles.dest == mac("01:01:01:01:01:01"));
    CHECK(r.roles.source == mac("02:02:02:02:02:02"));

    // Kismet takes a block ack's addr1 as source (sic) and a PS-Poll's addr1 as source and BSSID.
    ByteBuilder ba = frame_control(FrameType::control, ctrl_subtype::block_ack);
    ba.le16(0).mac("01:01:01:01:01:01").mac("02:02:02:02:02:02").zeros(4);
    const Frame blk = parse_frame(ba.span());
    REQUIRE(blk.ok);
    CHECK(blk.roles.source == mac("01:01:01:01:01:01"));
    CHECK(blk.roles.dest == mac("02:02:02:02:02:02"));
    CHECK(blk.body.size() == 4);

    ByteBuilder pspoll = frame_control(FrameType::control, ctrl_subtype::ps_poll);
    pspoll.le16(0xc001).mac("01:01:01:01:01:01").mac("02:02:02:02:02:02");
    const Frame ps = parse_frame(pspoll.span());
    REQUIRE(ps.ok);
    CHECK(ps.roles.bssid == mac("01:01:01:01:01:01"));
    CHECK(ps.roles.source == mac("01:01:01:01:01:01"));
}

TEST_CASE("short frames fail cleanly")
{
    const std::uint8_t nine[] = {0xd4, 0, 0, 0, 1, 2, 3, 4, 5};
    CHECK_FALSE(parse_frame(nine).ok);

    ByteBuilder rts = frame_control(FrameType::control, ctrl_subtype::rts);
    rts.le16(0).mac("01:01:01:01:01:01").bytes({1, 2});
    const Frame r = parse_frame(rts.span());
    CHECK_FALSE(r.ok);
    CHECK(r.kismet_corrupt);

    ByteBuilder beacon = frame_control(FrameType::management, mgmt_subtype::beacon);
    beacon.le16(0).mac("ff:ff:ff:ff:ff:ff").mac("02:02:02:02:02:02");
    CHECK_FALSE(parse_frame(beacon.span()).ok);

    ByteBuilder qos = header3(FrameType::data, data_subtype::qos_data);
    qos.u8(0);
    CHECK_FALSE(parse_frame(qos.span()).ok);
}

TEST_CASE("QoS data: QoS control, +HTC on the order bit, null frames")
{
    ByteBuilder b = header3(FrameType::data, data_subtype::qos_data, flag_order);
    b.le16(0x0005).le32(0xdeadbeef).bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, 0x45});
    const Frame f = parse_frame(b.span());
    REQUIRE(f.ok);
    CHECK(f.qos_control == 0x0005);
    CHECK(f.ht_control == 0xdeadbeefu);
    CHECK(f.header_length == 30);
    CHECK(f.ethertype == 0x0800);
    CHECK(f.llc_payload.size() == 1);
    CHECK_FALSE(f.is_null_data());

    ByteBuilder null = header3(FrameType::data, data_subtype::null, flag_to_ds);
    const Frame n = parse_frame(null.span());
    REQUIRE(n.ok);
    CHECK(n.is_null_data());
    CHECK_FALSE(n.carries_data());

    ByteBuilder qnull = header3(FrameType::data, data_subtype::qos_null, flag_to_ds);
    qnull.le16(0);
    const Frame q = parse_frame(qnull.span());
    REQUIRE(q.ok);
    CHECK(q.is_null_data());
    CHECK(q.fc.type_subtype() == 0x2c);
}

TEST_CASE("protected data is not parsed as LLC")
{
    ByteBuilder b = header3(FrameType::data, 0, flag_protected | flag_to_ds);
    b.bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e, 1, 3, 0, 0});
    const Frame f = parse_frame(b.span());
    REQUIRE(f.ok);
    CHECK_FALSE(f.ethertype);
    CHECK_FALSE(f.eapol);
}

TEST_CASE("radiotap data padding moves the body to a 4-byte boundary")
{
    ByteBuilder b = header3(FrameType::data, data_subtype::qos_data, flag_from_ds);
    b.le16(0).zeros(2).bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06});
    const Frame f = parse_frame(b.span(), true);
    REQUIRE(f.ok);
    CHECK(f.header_length == 28);
    CHECK(f.ethertype == 0x0806);
}

TEST_CASE("mesh control header before the LLC")
{
    ByteBuilder b = header3(FrameType::data, data_subtype::qos_data, flag_to_ds | flag_from_ds);
    b.mac("04:04:04:04:04:04").le16(0x0100);                      // mesh control present
    b.u8(0x01).u8(31).le32(77).mac("05:05:05:05:05:05");          // AE mode 1: one extra address
    b.bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00});
    const Frame f = parse_frame(b.span());
    REQUIRE(f.ok);
    REQUIRE(f.mesh);
    CHECK(f.mesh->ttl == 31);
    CHECK(f.mesh->sequence == 77u);
    CHECK(f.mesh->extra_addresses == 1);
    CHECK(f.mesh->addresses[0] == mac("05:05:05:05:05:05"));
    CHECK(f.ethertype == 0x0800);

    // A mesh header claiming more addresses than the body holds is ignored, not over-read.
    ByteBuilder cut = header3(FrameType::data, data_subtype::qos_data, flag_to_ds | flag_from_ds);
    cut.mac("04:04:04:04:04:04").le16(0x0100).u8(0x02).u8(1).le32(1).bytes({1, 2, 3});
    const Frame c = parse_frame(cut.span());
    REQUIRE(c.ok);
    CHECK_FALSE(c.mesh);
}

TEST_CASE("beacon fixed fields, capability and IE offset")
{
    ByteBuilder b = header3(FrameType::management, mgmt_subtype::beacon);
    b.le64(0x1122334455667788ull).le16(100).le16(0x0431).ie(0, {'a', 'b'});
    const Frame f = parse_frame(b.span());
    REQUIRE(f.ok);
    CHECK(f.is_beacon());
    CHECK(f.roles.dest == mac("01:01:01:01:01:01"));
    CHECK(f.roles.source == mac("02:02:02:02:02:02"));
    CHECK(f.roles.bssid == mac("03:03:03:03:03:03"));
    CHECK(f.distribution == Distribution::unknown);
    REQUIRE(f.mgmt.timestamp);
    CHECK(*f.mgmt.timestamp == 0x1122334455667788ull);
    CHECK(f.mgmt.beacon_interval == 100);
    REQUIRE(f.mgmt.capability);
    CHECK(f.mgmt.capability->ess());
    CHECK(f.mgmt.capability->privacy());
    CHECK(f.mgmt.capability->short_preamble());
    CHECK(f.mgmt.capability->short_slot_time());
    CHECK_FALSE(f.mgmt.capability->ibss());
    CHECK(f.mgmt.ie_offset == 12);
    CHECK(f.mgmt.ies.size() == 4);
    CHECK_FALSE(f.kismet_corrupt);

    // An IBSS beacon is ad-hoc in Kismet's terms.
    ByteBuilder ibss = header3(FrameType::management, mgmt_subtype::beacon);
    ibss.le64(0).le16(100).le16(0x0002);
    CHECK(parse_frame(ibss.span()).distribution == Distribution::adhoc);
}

TEST_CASE("management fixed fields for other subtypes")
{
    SUBCASE("authentication: SAE")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::auth);
        b.le16(3).le16(1).le16(0).le16(19).zeros(10);
        const Frame f = parse_frame(b.span());
        REQUIRE(f.mgmt.auth);
        CHECK(f.mgmt.auth->algorithm == static_cast<std::uint16_t>(AuthAlgorithm::sae));
        CHECK(f.mgmt.auth->sequence == 1);
        CHECK(f.mgmt.auth->status == 0);
        CHECK(f.mgmt.ies.empty());  // SAE fields, not IEs
    }
    SUBCASE("authentication: shared key challenge is an IE")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::auth);
        b.le16(1).le16(2).le16(0).ie(16, {1, 2, 3});
        const Frame f = parse_frame(b.span());
        REQUIRE(f.mgmt.auth);
        CHECK(f.mgmt.auth->algorithm == 1);
        CHECK(f.mgmt.ies.size() == 5);
    }
    SUBCASE("deauthentication and disassociation reasons")
    {
        ByteBuilder d = header3(FrameType::management, mgmt_subtype::deauth);
        d.le16(7);
        CHECK(parse_frame(d.span()).mgmt.reason_code == 7);
        ByteBuilder x = header3(FrameType::management, mgmt_subtype::disassoc);
        x.le16(8);
        CHECK(parse_frame(x.span()).mgmt.reason_code == 8);
    }
    SUBCASE("action category")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::action);
        b.u8(5).u8(1).zeros(4);
        const Frame f = parse_frame(b.span());
        CHECK(f.mgmt.action_category == 5);
        CHECK(f.mgmt.action_code == 1);
    }
    SUBCASE("association request")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::assoc_req);
        b.le16(0x0011).le16(10).ie(0, {'x'});
        const Frame f = parse_frame(b.span());
        REQUIRE(f.mgmt.capability);
        CHECK(f.mgmt.listen_interval == 10);
        CHECK(f.mgmt.ie_offset == 4);
        CHECK_FALSE(f.mgmt.current_ap);
    }
    SUBCASE("reassociation request has the current AP")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::reassoc_req);
        b.le16(0x0011).le16(10).mac("0c:0c:0c:0c:0c:0c").ie(0, {'x'});
        const Frame f = parse_frame(b.span());
        CHECK(f.mgmt.current_ap == mac("0c:0c:0c:0c:0c:0c"));
        CHECK(f.mgmt.ie_offset == 10);
    }
    SUBCASE("association response")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::assoc_resp);
        b.le16(0x0011).le16(0).le16(0xc001);
        const Frame f = parse_frame(b.span());
        CHECK(f.mgmt.status_code == 0);
        CHECK(f.mgmt.association_id == 1);
    }
    SUBCASE("probe request: IEs at once, direction to-DS")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::probe_req);
        b.ie(0, {});
        const Frame f = parse_frame(b.span());
        CHECK(f.mgmt.ie_offset == 0);
        CHECK(f.mgmt.ies.size() == 2);
        CHECK(f.distribution == Distribution::to_ds);
    }
    SUBCASE("a body shorter than its fixed fields")
    {
        ByteBuilder b = header3(FrameType::management, mgmt_subtype::probe_resp);
        b.le64(1);
        const Frame f = parse_frame(b.span());
        CHECK(f.ok);
        CHECK(f.mgmt.truncated);
        CHECK_FALSE(f.mgmt.timestamp);
        CHECK(f.kismet_corrupt);
    }
}

TEST_CASE("management +HTC shifts the body by 4")
{
    ByteBuilder b = header3(FrameType::management, mgmt_subtype::action, flag_order);
    b.le32(0x11223344).u8(21).u8(0);
    const Frame f = parse_frame(b.span());
    REQUIRE(f.ok);
    CHECK(f.ht_control == 0x11223344u);
    CHECK(f.mgmt.action_category == 21);
}
