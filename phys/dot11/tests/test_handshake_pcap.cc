// The handshake pcap: classic pcap file and record headers byte for byte,
// what a KeptFrame keeps (and cuts), the SSID frame first and EAPOL in time
// order, the empty file, and the plain-802.11 fallback when link types differ.
// Every file is also read back with libpcap.
#include "byte_builder.h"
#include "dissect/decap.h"
#include "pcap/handshake_pcap.h"
#include "pcap/pcap_file.h"

#include <doctest/doctest.h>

#include <pcap/pcap.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using airsight::dot11::test::ByteBuilder;

namespace {

using ByteVec = std::vector<std::uint8_t>;

ByteVec bytes_of(const std::string& s) { return ByteVec(s.begin(), s.end()); }

struct ReadBack {
    int dlt = -1;
    std::vector<ByteVec> records;
    std::vector<std::pair<long, long>> times;
    std::vector<std::uint32_t> original_lengths;
};

// What libpcap makes of a file held in memory.
ReadBack read_back(const std::string& file)
{
    ReadBack out;
    std::string copy = file; // fmemopen wants a mutable buffer
    FILE* f = fmemopen(copy.data(), copy.size(), "rb");
    REQUIRE(f);
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_fopen_offline(f, error);
    REQUIRE_MESSAGE(p, "libpcap: " << error);
    out.dlt = pcap_datalink(p);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(p, &header, &data) == 1) {
        out.records.emplace_back(data, data + header->caplen);
        out.times.emplace_back(header->ts.tv_sec, header->ts.tv_usec);
        out.original_lengths.push_back(header->len);
    }
    pcap_close(p); // closes f
    return out;
}

// A packet as the chain holds it: `record` with its bare 802.11 frame at [offset, offset + length).
Packet packet_of(const ByteVec& record, std::uint32_t dlt, std::size_t offset, std::size_t length, std::int64_t sec,
                 std::uint32_t usec)
{
    Packet p;
    p.ts_sec = sec;
    p.ts_usec = usec;
    p.dlt = dlt;
    p.source_number = 3;
    p.data = record;
    p.original_length = static_cast<std::uint32_t>(record.size());
    p.payload = Bytes(record).subspan(offset, length);
    p.payload_dlt = dlt_ieee802_11;
    return p;
}

KeptFrame kept(const ByteVec& record, std::uint32_t dlt, std::size_t offset, std::size_t length, std::int64_t sec,
               std::uint32_t usec, std::size_t mac_header = 0, std::size_t padding = 0)
{
    KeptFrame k;
    k.assign(packet_of(record, dlt, offset, length, sec, usec), mac_header, padding);
    return k;
}

// A radiotap header of 9 bytes carrying only the flags field.
ByteBuilder radiotap(std::uint8_t flags) { return ByteBuilder().u8(0).u8(0).le16(9).le32(0x02).u8(flags); }

} // namespace

TEST_CASE("pcap file header: magic a1b2c3d4, version 2.4, snaplen 65535, the link type")
{
    const ByteVec expected = {0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
                              0xff, 0xff, 0x00, 0x00, 0x7f, 0x00, 0x00, 0x00};
    CHECK(bytes_of(pcap_global_header(127)) == expected);
    CHECK(pcap_global_header(105).size() == pcap_global_header_size);
}

TEST_CASE("pcap records: 16-byte header, clamped times, original length never below the captured one")
{
    const ByteVec data = {1, 2, 3};
    std::string file;
    append_pcap_record(file, {0x01020304, 0x0a0b0c, 100, data});
    const ByteVec expected = {0x04, 0x03, 0x02, 0x01, 0x0c, 0x0b, 0x0a, 0x00, 3, 0, 0, 0, 100, 0, 0, 0, 1, 2, 3};
    CHECK(bytes_of(file) == expected);

    std::string odd;
    append_pcap_record(odd, {-5, 2000000, 1, data});            // before 1970, usec overflow, orig < caplen
    append_pcap_record(odd, {0x1'0000'0005, 7, 3, data});        // after 2106 (test_output.pcapng has such times)
    const ByteVec got = bytes_of(odd);
    REQUIRE(got.size() == 2 * (pcap_record_header_size + 3));
    CHECK(load_le32(&got[0]) == 0u);
    CHECK(load_le32(&got[4]) == 999999u);
    CHECK(load_le32(&got[12]) == 3u);
    CHECK(load_le32(&got[19]) == 0xffffffffu);

    const ReadBack r = read_back(pcap_global_header(105) + odd);
    CHECK(r.dlt == 105);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0] == data);
}

TEST_CASE("a kept frame: the record as captured, cut at 4 KiB, and its bare 802.11 frame")
{
    // radiotap (9) + a 26-byte QoS data header padded to 28 + 4 body bytes + FCS.
    ByteBuilder b = radiotap(0x30);
    b.u8(0x88).u8(0x01).le16(0).zeros(18).le16(0).le16(0x0007).zeros(2).bytes({0xaa, 0xbb, 0xcc, 0xdd});
    b.bytes({0xf1, 0xf2, 0xf3, 0xf4});
    const ByteVec record = b.vec();
    const KeptFrame k = kept(record, dlt_radiotap, 9, record.size() - 9 - 4, 10, 20, 26, 2);
    CHECK(k.data == record);
    CHECK(k.dlt == 127u);
    CHECK(k.source_number == 3u);
    ByteVec bare(record.begin() + 9, record.begin() + 9 + 26);
    bare.insert(bare.end(), {0xaa, 0xbb, 0xcc, 0xdd});
    CHECK(k.ieee80211() == bare); // no radiotap, no padding, no FCS
    CHECK(k.ieee80211_original_length() == bare.size());

    // A long record keeps its first 4096 bytes; lengths still say what was on air.
    ByteVec big(6000, 0x5a);
    const KeptFrame cut = kept(big, dlt_ieee802_11, 0, big.size(), 1, 0);
    CHECK(cut.data.size() == KeptFrame::kMaxBytes);
    CHECK(cut.original_length == 6000u);
    CHECK(cut.ieee80211().size() == KeptFrame::kMaxBytes);
    CHECK(cut.ieee80211_original_length() == 6000u);
}

TEST_CASE("handshake pcap: no EAPOL frames give an empty pcap, the 24-byte header alone")
{
    const ByteVec beacon(40, 0x80);
    const KeptFrame ssid = kept(beacon, dlt_ieee802_11, 0, beacon.size(), 5, 0);
    CHECK(handshake_pcap(&ssid, {}) == pcap_global_header(dlt_ieee802_11));
    CHECK(handshake_pcap(nullptr, {}) == pcap_global_header(dlt_ieee802_11));
    const ReadBack r = read_back(handshake_pcap(&ssid, {}));
    CHECK(r.dlt == 105);
    CHECK(r.records.empty());
}

TEST_CASE("handshake pcap, one link type: frames as captured, SSID frame first, EAPOL in time order")
{
    const ByteVec beacon = radiotap(0).u8(0x80).zeros(40).vec();
    const ByteVec m1 = radiotap(0).u8(0x08).u8(0x02).zeros(40).u8(1).vec();
    const ByteVec m2 = radiotap(0).u8(0x08).u8(0x01).zeros(40).u8(2).vec();
    const ByteVec m3 = radiotap(0).u8(0x08).u8(0x02).zeros(40).u8(3).vec();
    const KeptFrame ssid = kept(beacon, dlt_radiotap, 9, beacon.size() - 9, 100, 900000); // the latest: after the EAPOL
    const KeptFrame k1 = kept(m1, dlt_radiotap, 9, m1.size() - 9, 50, 1);
    const KeptFrame k2 = kept(m2, dlt_radiotap, 9, m2.size() - 9, 50, 2);
    const KeptFrame k3 = kept(m3, dlt_radiotap, 9, m3.size() - 9, 51, 0);

    // Handed over out of time order (two clients' lists): the file sorts them.
    const std::string file = handshake_pcap(&ssid, {&k3, &k1, &k2});
    const ReadBack r = read_back(file);
    CHECK(r.dlt == 127);
    REQUIRE(r.records.size() == 4);
    CHECK(r.records[0] == beacon);
    CHECK(r.records[1] == m1);
    CHECK(r.records[2] == m2);
    CHECK(r.records[3] == m3);
    CHECK(r.times[0] == std::pair<long, long>{100, 900000});
    CHECK(r.times[1] == std::pair<long, long>{50, 1});
    CHECK(file.size() == 24 + 4 * 16 + beacon.size() + m1.size() + m2.size() + m3.size());

    // Equal times keep the order given (arrival order); no SSID frame: EAPOL only.
    const KeptFrame k2_same_time = kept(m2, dlt_radiotap, 9, m2.size() - 9, 50, 1);
    const ReadBack tie = read_back(handshake_pcap(nullptr, {&k2_same_time, &k1}));
    REQUIRE(tie.records.size() == 2);
    CHECK(tie.records[0] == m2);
    CHECK(tie.records[1] == m1);
}

TEST_CASE("handshake pcap, mixed link types: every frame as plain 802.11, no capture header, FCS or padding")
{
    // A beacon captured as plain 802.11, EAPOL through radiotap with FCS and a padded QoS header.
    const ByteVec beacon = ByteBuilder().u8(0x80).zeros(40).vec();
    ByteBuilder m1 = radiotap(0x30);
    m1.u8(0x88).u8(0x02).le16(0).zeros(18).le16(0).le16(0).zeros(2).bytes({0xaa, 0xaa, 0x03}).bytes({1, 2, 3, 4});
    const ByteVec eapol = m1.vec();
    const KeptFrame ssid = kept(beacon, dlt_ieee802_11, 0, beacon.size(), 1, 0);
    const KeptFrame k1 = kept(eapol, dlt_radiotap, 9, eapol.size() - 9 - 4, 2, 0, 26, 2);

    const ReadBack r = read_back(handshake_pcap(&ssid, {&k1}));
    CHECK(r.dlt == 105);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0] == beacon);
    ByteVec bare(eapol.begin() + 9, eapol.begin() + 9 + 26);
    bare.insert(bare.end(), {0xaa, 0xaa, 0x03});
    CHECK(r.records[1] == bare);
    CHECK(r.original_lengths[1] == bare.size());
}
