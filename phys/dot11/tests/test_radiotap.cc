// Capture headers: radiotap (bitmaps, alignment, namespaces, FCS) and PPI.
#include "byte_builder.h"
#include "dissect/decap.h"
#include "dissect/ppi.h"
#include "dissect/radiotap.h"

#include <doctest/doctest.h>

using namespace airsight::dot11;
using airsight::dot11::test::ByteBuilder;

namespace {

// A 10-byte ACK frame: something recognisable behind the capture header.
constexpr std::uint8_t ack_frame[] = {0xd4, 0x00, 0x00, 0x00, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55};

ByteBuilder radiotap_header(std::uint16_t length, std::initializer_list<std::uint32_t> presence)
{
    ByteBuilder b;
    b.u8(0).u8(0).le16(length);
    for (std::uint32_t word : presence) b.le32(word);
    return b;
}

} // namespace

TEST_CASE("radiotap: minimal header leaves the frame untouched")
{
    ByteBuilder b = radiotap_header(8, {0});
    b.bytes(Bytes(ack_frame));
    const Decapped d = parse_radiotap(b.span());
    REQUIRE(d.ok);
    CHECK(d.frame.size() == sizeof ack_frame);
    CHECK(d.frame[0] == 0xd4);
    CHECK_FALSE(d.radio.signal_dbm);
    CHECK(d.radio.freq_khz == 0);
}

TEST_CASE("radiotap: flags, rate, channel, signal and noise")
{
    // bits 1,2,3,5,6: flags@8 rate@9 channel@10 (2-aligned) signal@14 noise@15
    ByteBuilder b = radiotap_header(16, {0x6e});
    b.u8(0x02).u8(108).le16(2437).le16(0x00a0).u8(static_cast<std::uint8_t>(-40)).u8(static_cast<std::uint8_t>(-95));
    b.bytes(Bytes(ack_frame));
    const Decapped d = parse_radiotap(b.span());
    REQUIRE(d.ok);
    CHECK(d.radio.data_rate_mbps == doctest::Approx(54.0));
    CHECK(d.radio.freq_khz == 2437000u);
    CHECK(d.radio.channel_flags == 0x00a0);
    CHECK(d.radio.signal_dbm == -40);
    CHECK(d.radio.noise_dbm == -95);
    CHECK(d.radio.encoding_set == 1);
    CHECK(d.extras.radiotap_flags == 0x02);
    CHECK_FALSE(d.radio.fcs_present);
    CHECK(d.frame.size() == sizeof ack_frame);
}

TEST_CASE("radiotap: FCS flag strips the last 4 bytes; bad-FCS flag is reported")
{
    for (std::uint8_t flags : {std::uint8_t{0x10}, std::uint8_t{0x50}}) {
        ByteBuilder b = radiotap_header(9, {0x02});
        b.u8(flags).bytes(Bytes(ack_frame)).bytes({0xde, 0xad, 0xbe, 0xef});
        const Decapped d = parse_radiotap(b.span());
        REQUIRE(d.ok);
        CHECK(d.radio.fcs_present);
        CHECK(d.radio.fcs_bad == (flags == 0x50));
        CHECK(d.frame.size() == sizeof ack_frame);
        CHECK(d.frame.back() == 0x55);
    }
}

TEST_CASE("radiotap: FCS flagged on a frame shorter than 4 bytes is an error")
{
    ByteBuilder b = radiotap_header(9, {0x02});
    b.u8(0x10).bytes({0xd4, 0x00});
    const Decapped d = parse_radiotap(b.span());
    CHECK_FALSE(d.ok);
    CHECK(d.error.find("FCS") != std::string::npos);
}

TEST_CASE("radiotap: TSFT is 8-aligned after an extended bitmap")
{
    // Two presence words end at 12; TSFT must start at 16, not 12.
    ByteBuilder b = radiotap_header(24, {0x80000001u, 0});
    b.bytes({0xee, 0xee, 0xee, 0xee}).le64(0x0102030405060708ull);
    b.bytes(Bytes(ack_frame));
    const Decapped d = parse_radiotap(b.span());
    REQUIRE(d.ok);
    REQUIRE(d.extras.tsft);
    CHECK(*d.extras.tsft == 0x0102030405060708ull);
    CHECK(d.frame[0] == 0xd4);
}

TEST_CASE("radiotap: radiotap-namespace resets keep the first (combined) signal")
{
    // word0: flags, signal, +radiotap NS, ext; word1: signal, antenna, +radiotap NS, ext; word2: signal, antenna
    const std::uint32_t w0 = 0xa0000022u, w1 = 0xa0000820u, w2 = 0x00000820u;
    ByteBuilder b = radiotap_header(0, {w0, w1, w2});
    b.u8(0x00).u8(static_cast<std::uint8_t>(-30));                                   // flags, combined signal
    b.u8(static_cast<std::uint8_t>(-31)).u8(0);                                      // antenna 0
    b.u8(static_cast<std::uint8_t>(-35)).u8(1);                                      // antenna 1
    b.patch_le16(2, static_cast<std::uint16_t>(b.size()));
    b.bytes(Bytes(ack_frame));
    const Decapped d = parse_radiotap(b.span());
    REQUIRE(d.ok);
    CHECK(d.radio.signal_dbm == -30);
    CHECK(d.extras.antenna == 0);
    CHECK(d.frame[0] == 0xd4);
}

TEST_CASE("radiotap: vendor namespaces are skipped by skip_length")
{
    // word0: flags + vendor NS + ext; word1 (vendor): bit 0 + radiotap NS + ext; word2: signal
    ByteBuilder b = radiotap_header(0, {0xc0000002u, 0xa0000001u, 0x00000020u});
    b.u8(0x00);                                            // flags at 16
    b.u8(0xff);                                            // pad to 2 for the vendor header
    b.bytes({0x00, 0x11, 0x22}).u8(7).le16(3);             // OUI, sub-namespace, skip_length
    b.bytes({0xaa, 0xbb, 0xcc});                           // vendor data, never interpreted
    b.u8(static_cast<std::uint8_t>(-50));                  // signal, back in the radiotap namespace
    b.patch_le16(2, static_cast<std::uint16_t>(b.size()));
    b.bytes(Bytes(ack_frame));
    const Decapped d = parse_radiotap(b.span());
    REQUIRE(d.ok);
    CHECK(d.radio.signal_dbm == -50);
    CHECK(d.frame[0] == 0xd4);
}

TEST_CASE("radiotap: an unknown field stops parsing but keeps earlier fields and the frame")
{
    // bit 28 (TLVs) has no fixed size; the channel before it is kept.
    ByteBuilder b = radiotap_header(0, {0x10000008u});
    b.le16(5180).le16(0x0140).bytes({1, 2, 3, 4, 5, 6});
    b.patch_le16(2, static_cast<std::uint16_t>(b.size()));
    b.bytes(Bytes(ack_frame));
    const Decapped d = parse_radiotap(b.span());
    REQUIRE(d.ok);
    CHECK(d.radio.freq_khz == 5180000u);
    CHECK(d.frame.size() == sizeof ack_frame);
    CHECK(d.frame[0] == 0xd4);
}

TEST_CASE("radiotap: MCS, VHT and HE set the encoding bits")
{
    // MCS: known = bw|mcs|gi, flags = 40 MHz + short GI, MCS 7 -> 150 Mb/s
    ByteBuilder ht = radiotap_header(11, {1u << 19});
    ht.bytes({0x07, 0x05, 7}).bytes(Bytes(ack_frame));
    const Decapped d1 = parse_radiotap(ht.span());
    REQUIRE(d1.ok);
    CHECK(d1.radio.encoding_set == 2);
    CHECK(d1.extras.mcs_index == 7);
    CHECK(d1.radio.data_rate_mbps == doctest::Approx(150.0));

    ByteBuilder vht = radiotap_header(20, {1u << 21});
    vht.zeros(12).bytes(Bytes(ack_frame));
    const Decapped d2 = parse_radiotap(vht.span());
    REQUIRE(d2.ok);
    CHECK(d2.radio.encoding_set == 4);

    ByteBuilder he = radiotap_header(20, {1u << 23});
    he.zeros(12).bytes(Bytes(ack_frame));
    const Decapped d3 = parse_radiotap(he.span());
    REQUIRE(d3.ok);
    CHECK(d3.radio.encoding_set == 8);
}

TEST_CASE("radiotap: malformed headers are errors, never over-reads")
{
    SUBCASE("shorter than the fixed header")
    {
        const std::uint8_t bytes[] = {0, 0, 8, 0};
        CHECK_FALSE(parse_radiotap(bytes).ok);
    }
    SUBCASE("version 1")
    {
        ByteBuilder b = radiotap_header(8, {0});
        std::vector<std::uint8_t> v = b.vec();
        v[0] = 1;
        const Decapped d = parse_radiotap(v);
        CHECK_FALSE(d.ok);
        CHECK(d.error.find("version") != std::string::npos);
    }
    SUBCASE("declared length beyond the capture")
    {
        ByteBuilder b = radiotap_header(64, {0});
        CHECK_FALSE(parse_radiotap(b.span()).ok);
    }
    SUBCASE("declared length below 8")
    {
        ByteBuilder b = radiotap_header(4, {0});
        CHECK_FALSE(parse_radiotap(b.span()).ok);
    }
    SUBCASE("presence chain runs past the header")
    {
        ByteBuilder b = radiotap_header(8, {0x80000000u});
        b.le32(0x80000000u).le32(0);
        CHECK_FALSE(parse_radiotap(b.span()).ok);
    }
    SUBCASE("field runs past the header")
    {
        ByteBuilder b = radiotap_header(10, {0x08});  // channel needs 4 bytes, 2 left
        b.bytes({1, 2}).bytes(Bytes(ack_frame));
        const Decapped d = parse_radiotap(b.span());
        CHECK_FALSE(d.ok);
        CHECK(d.error.find("field 3") != std::string::npos);
    }
    SUBCASE("vendor skip_length past the header")
    {
        ByteBuilder b = radiotap_header(0, {0x40000000u});
        b.bytes({0, 0x11, 0x22, 0}).le16(200);
        b.patch_le16(2, static_cast<std::uint16_t>(b.size()));
        CHECK_FALSE(parse_radiotap(b.span()).ok);
    }
    SUBCASE("tcpdump radiotap-heapoverflow record, and the same with version 0")
    {
        // Present word 0xfa303030 chains (bit 31) past the 8-byte header.
        std::uint8_t bytes[] = {0x30, 0x30, 0x08, 0x00, 0x30, 0x30, 0x30, 0xfa};
        CHECK_FALSE(parse_radiotap(bytes).ok);
        bytes[0] = 0;
        const Decapped d = parse_radiotap(bytes);
        CHECK_FALSE(d.ok);
        CHECK(d.error.find("presence bitmap") != std::string::npos);
    }
}

TEST_CASE("PPI: 802.11-common gives channel, signal, noise and FCS")
{
    ByteBuilder b;
    b.u8(0).u8(0).le16(32).le32(dlt_ieee802_11);
    b.le16(2).le16(20);
    b.le64(123456).le16(0x0001).le16(12).le16(2462).le16(0x00a0).u8(0).u8(0);
    b.u8(static_cast<std::uint8_t>(-60)).u8(static_cast<std::uint8_t>(-90));
    b.bytes(Bytes(ack_frame)).bytes({1, 2, 3, 4});
    const Decapped d = parse_ppi(b.span());
    REQUIRE(d.ok);
    CHECK(d.radio.freq_khz == 2462000u);
    CHECK(d.radio.signal_dbm == -60);
    CHECK(d.radio.noise_dbm == -90);
    CHECK(d.radio.data_rate_mbps == doctest::Approx(6.0));
    CHECK(d.radio.fcs_present);
    CHECK(d.extras.tsft == 123456u);
    CHECK(d.frame.size() == sizeof ack_frame);
}

TEST_CASE("PPI: a non-802.11 inner DLT is not ours, and not an error")
{
    ByteBuilder b;
    b.u8(0).u8(0).le16(8).le32(147).bytes({1, 2, 3});
    const Decapped d = parse_ppi(b.span());
    CHECK_FALSE(d.ok);
    CHECK(d.not_80211);
    CHECK(d.error == "PPI carries DLT 147, not 802.11");

    // A malformed header stays an error whatever inner DLT it names.
    ByteBuilder past_end;
    past_end.u8(0).u8(0).le16(64).le32(147).bytes({1, 2, 3});
    const Decapped bad = parse_ppi(past_end.span());
    CHECK_FALSE(bad.ok);
    CHECK_FALSE(bad.not_80211);
    CHECK(bad.error.find("exceeds") != std::string::npos);
    ByteBuilder version;
    version.u8(1).u8(0).le16(8).le32(147);
    CHECK_FALSE(parse_ppi(version.span()).not_80211);
}

TEST_CASE("PPI: truncated headers and fields are errors")
{
    ByteBuilder short_header;
    short_header.u8(0).u8(0).le16(8);
    CHECK_FALSE(parse_ppi(short_header.span()).ok);
    CHECK_FALSE(parse_ppi(short_header.span()).not_80211);

    ByteBuilder long_field;
    long_field.u8(0).u8(0).le16(16).le32(dlt_ieee802_11).le16(2).le16(20).zeros(4);
    CHECK_FALSE(parse_ppi(long_field.span()).ok);

    ByteBuilder short_common;
    short_common.u8(0).u8(0).le16(16).le32(dlt_ieee802_11).le16(2).le16(4).zeros(4);
    CHECK_FALSE(parse_ppi(short_common.span()).ok);
}

TEST_CASE("decap dispatches by DLT")
{
    const Decapped plain = decap(dlt_ieee802_11, Bytes(ack_frame));
    REQUIRE(plain.ok);
    CHECK(plain.frame.data() == ack_frame);

    const Decapped other = decap(1, Bytes(ack_frame));
    CHECK_FALSE(other.ok);
    CHECK(other.not_80211);
    CHECK(other.error == "DLT 1 is not an 802.11 link type");
}
