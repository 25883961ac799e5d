// The frames of one small lab network for the PHY's tests: the AP
// 00:11:22:33:44:55 advertising SSID "lab" on channel 6 and its client
// 66:77:88:99:aa:bb probing for it and running the 4-way handshake.
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_LAB_FRAMES_H
#define AIRSIGHT_PHYS_DOT11_TESTS_LAB_FRAMES_H

#include "byte_builder.h"

#include <airsight/crc32.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace airsight::dot11::test {

using ByteVec = std::vector<std::uint8_t>;

inline const MacAddr ap = mac("00:11:22:33:44:55");
inline const MacAddr client = mac("66:77:88:99:aa:bb");

inline ByteBuilder mgmt_header(std::uint8_t fc0, const MacAddr& to)
{
    ByteBuilder b;
    b.u8(fc0).u8(0).le16(0);
    for (std::uint8_t x : to.bytes) b.u8(x);
    for (std::uint8_t x : ap.bytes) b.u8(x);
    for (std::uint8_t x : ap.bytes) b.u8(x);
    return b.le16(0);
}

// A beacon (or probe response to the client) of the AP for `ssid` on DS channel 6.
inline ByteVec advertisement(bool beacon, std::uint8_t marker = 0, std::string_view ssid = "lab")
{
    ByteBuilder b = mgmt_header(beacon ? 0x80 : 0x50, beacon ? mac("ff:ff:ff:ff:ff:ff") : client);
    b.le64(marker).le16(100).le16(0x0011);
    b.u8(0).u8(static_cast<std::uint8_t>(ssid.size())).text(ssid);
    b.ie(1, {0x82, 0x84}).ie(3, {6});
    return b.vec();
}

// An EAPOL-Key frame of the 4-way handshake: M1 from the AP (FromDS), M2 from the client (ToDS).
// `qos` makes it a QoS data frame (26-byte header), `padded` pads that header to 28 as radiotap's data pad does.
inline ByteVec eapol(int message, bool qos = false, bool padded = false)
{
    const bool from_ap = message == 1;
    ByteBuilder b;
    b.u8(qos ? 0x88 : 0x08).u8(from_ap ? 0x02 : 0x01).le16(0);
    const MacAddr& a1 = from_ap ? client : ap;
    const MacAddr& a2 = from_ap ? ap : client;
    for (std::uint8_t x : a1.bytes) b.u8(x);
    for (std::uint8_t x : a2.bytes) b.u8(x);
    for (std::uint8_t x : ap.bytes) b.u8(x);
    b.le16(0);
    if (qos) b.le16(0);
    if (padded) b.zeros(2);
    b.bytes({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e});
    const ByteVec key_data = from_ap ? ByteVec{} : ByteVec{48, 2, 1, 0};
    b.u8(2).u8(3).be16(static_cast<std::uint16_t>(95 + key_data.size()));
    b.u8(2).be16(from_ap ? 0x008a : 0x010a).be16(16).be64(1);
    for (int i = 0; i < 32; ++i) b.u8(static_cast<std::uint8_t>(from_ap ? 0xa1 : 0xb2));
    b.zeros(16 + 8 + 8 + 16);
    b.be16(static_cast<std::uint16_t>(key_data.size())).bytes(key_data);
    return b.vec();
}

// The frame behind a 9-byte radiotap header with `flags`; with FCS (0x10) a correct one is appended.
inline ByteVec in_radiotap(const ByteVec& frame, std::uint8_t flags = 0)
{
    ByteBuilder b;
    b.u8(0).u8(0).le16(9).le32(0x02).u8(flags).bytes(Bytes(frame));
    if (flags & 0x10) b.le32(crc32(frame));
    return b.vec();
}

// A probe request of the client for `ssid` (wildcard BSSID).
inline ByteVec probe_request(std::string_view ssid)
{
    ByteBuilder b;
    b.u8(0x40).u8(0).le16(0);
    for (int i = 0; i < 6; ++i) b.u8(0xff);
    for (std::uint8_t x : client.bytes) b.u8(x);
    for (int i = 0; i < 6; ++i) b.u8(0xff);
    b.le16(0);
    b.u8(0).u8(static_cast<std::uint8_t>(ssid.size())).text(ssid);
    b.ie(1, {0x82, 0x84});
    return b.vec();
}

} // namespace airsight::dot11::test

#endif
