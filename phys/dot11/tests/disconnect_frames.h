// Frames for the disconnect/EAPOL/DHCP detector tests: deauthentication and
// disassociation, association requests, data frames with LLC/SNAP payloads,
// and the payloads (EAPOL-Key, WPS in EAP, DHCP in IPv4/UDP) they carry.
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_DISCONNECT_FRAMES_H
#define AIRSIGHT_PHYS_DOT11_TESTS_DISCONNECT_FRAMES_H

#include "byte_builder.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace airsight::dot11::test {

using ByteVec = std::vector<std::uint8_t>;

inline ByteBuilder& put(ByteBuilder& b, const MacAddr& m)
{
    for (std::uint8_t x : m.bytes) b.u8(x);
    return b;
}

/// `frame` behind a radiotap header that names the channel's frequency.
inline ByteVec in_radiotap_on(const ByteVec& frame, std::uint16_t mhz)
{
    ByteBuilder b;
    b.u8(0).u8(0).le16(14).le32(0x0a); // flags, channel
    b.u8(0).u8(0);                     // flags, padding to the channel field's alignment
    b.le16(mhz).le16(0x00a0);          // 2 GHz, CCK
    return b.bytes(Bytes(frame)).vec();
}

/// A deauthentication (or disassociation) frame: addr1 `to`, addr2 `from`, addr3 `bssid`.
inline ByteVec disconnect_frame(bool deauth, const MacAddr& to, const MacAddr& from, const MacAddr& bssid,
                                std::uint16_t reason)
{
    ByteBuilder b;
    b.u8(deauth ? 0xc0 : 0xa0).u8(0).le16(0);
    put(b, to);
    put(b, from);
    put(b, bssid);
    return b.le16(0).le16(reason).vec();
}

/// An association request from `client` to `ap`, with an RSN IE carrying
/// `rsn_capabilities` when there is one.
inline ByteVec association_request(const MacAddr& client, const MacAddr& ap, std::optional<std::uint16_t> rsn_capabilities)
{
    ByteBuilder b;
    b.u8(0x00).u8(0).le16(0);
    put(b, ap);
    put(b, client);
    put(b, ap);
    b.le16(0).le16(0x0411).le16(10);
    b.ie(0, {'l', 'a', 'b'}).ie(1, {0x82, 0x84, 0x8b, 0x96});
    if (rsn_capabilities)
        b.ie(48, {1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 2,
                  static_cast<std::uint8_t>(*rsn_capabilities), static_cast<std::uint8_t>(*rsn_capabilities >> 8)});
    return b.vec();
}

/// A data frame (QoS when `qos`) with addresses in 802.11 order, and an RFC
/// 1042 SNAP header for `ethertype` before `payload`.
inline ByteVec data_frame(std::uint8_t ds_flags, const MacAddr& a1, const MacAddr& a2, const MacAddr& a3,
                          std::uint16_t ethertype, Bytes payload, bool retry = false, bool qos = false)
{
    ByteBuilder b;
    b.u8(qos ? 0x88 : 0x08).u8(static_cast<std::uint8_t>(ds_flags | (retry ? 0x08 : 0))).le16(0);
    put(b, a1);
    put(b, a2);
    put(b, a3);
    b.le16(0);
    if (qos) b.le16(0);
    b.bytes({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00}).be16(ethertype);
    return b.bytes(payload).vec();
}
inline constexpr std::uint8_t to_ds = 0x01, from_ds = 0x02;

/// An EAPOL-Key frame (RSN descriptor) with `key_info`, replay counter and a
/// nonce of `nonce_byte`s; `key_data_length` bytes of key data.
inline ByteVec eapol_key(std::uint16_t key_info, std::uint64_t replay, std::uint8_t nonce_byte,
                         std::uint16_t key_data_length = 0, std::uint8_t descriptor = 2)
{
    ByteBuilder b;
    b.u8(2).u8(3).be16(static_cast<std::uint16_t>(95 + key_data_length));
    b.u8(descriptor).be16(key_info).be16(16).be64(replay);
    for (int i = 0; i < 32; ++i) b.u8(nonce_byte);
    b.zeros(16 + 8 + 8 + 16);
    return b.be16(key_data_length).zeros(key_data_length).vec();
}
namespace key_info {
inline constexpr std::uint16_t version2 = 0x0002, pairwise = 0x0008, install = 0x0040, ack = 0x0080, mic = 0x0100,
                               secure = 0x0200;
inline constexpr std::uint16_t message1 = version2 | pairwise | ack;
inline constexpr std::uint16_t message3 = version2 | pairwise | install | ack | mic | secure;
}

/// An EAPOL frame holding an EAP packet of expanded type (WFA SimpleConfig)
/// whose WPS attributes are a version and the message type `message`.
inline ByteVec wps_eap(std::uint8_t eap_code, std::uint8_t message, std::uint32_t vendor_id = 0x00372a)
{
    ByteBuilder attributes;
    attributes.be16(0x104a).be16(1).u8(0x10);
    attributes.be16(0x1022).be16(1).u8(message);
    const auto eap_length = static_cast<std::uint16_t>(4 + 1 + 3 + 4 + 2 + attributes.size());
    ByteBuilder b;
    b.u8(1).u8(0).be16(eap_length);
    b.u8(eap_code).u8(7).be16(eap_length).u8(254);
    b.u8(static_cast<std::uint8_t>(vendor_id >> 16)).u8(static_cast<std::uint8_t>(vendor_id >> 8)).u8(static_cast<std::uint8_t>(vendor_id));
    b.be16(0).be16(1).u8(0x04).u8(0x00); // vendor type 1, op-code WSC_MSG, no flags
    return b.bytes(attributes.span()).vec();
}

/// DHCP options, each as code, length, value.
struct DhcpOption {
    std::uint8_t code;
    ByteVec value;
};

/// An IPv4/UDP packet from `source_port` to `dest_port` holding a BOOTP
/// message that offers `your_ip`, with the magic cookie and `options` (then
/// the end option).
inline ByteVec dhcp_ipv4(std::uint16_t source_port, std::uint16_t dest_port, std::uint32_t your_ip,
                         const std::vector<DhcpOption>& options, const MacAddr& client_hw = MacAddr{})
{
    ByteBuilder bootp;
    bootp.u8(source_port == 68 ? 1 : 2).u8(1).u8(6).u8(0).be16(0x1234).be16(0x5678).zeros(4); // op htype hlen hops xid secs flags
    bootp.zeros(4);                                                                           // ciaddr
    bootp.be16(static_cast<std::uint16_t>(your_ip >> 16)).be16(static_cast<std::uint16_t>(your_ip));
    bootp.zeros(8); // siaddr giaddr
    put(bootp, client_hw).zeros(10 + 64 + 128);
    bootp.bytes({0x63, 0x82, 0x53, 0x63});
    for (const DhcpOption& o : options) bootp.u8(o.code).u8(static_cast<std::uint8_t>(o.value.size())).bytes(Bytes(o.value));
    bootp.u8(255);
    const auto udp_length = static_cast<std::uint16_t>(8 + bootp.size());
    ByteBuilder ip;
    ip.u8(0x45).u8(0).be16(static_cast<std::uint16_t>(20 + udp_length)).be16(1).be16(0).u8(64).u8(17).be16(0);
    ip.bytes({0, 0, 0, 0}).bytes({255, 255, 255, 255});
    ip.be16(source_port).be16(dest_port).be16(udp_length).be16(0);
    return ip.bytes(bootp.span()).vec();
}
inline DhcpOption dhcp_text_option(std::uint8_t code, std::string_view text) { return {code, ByteVec(text.begin(), text.end())}; }

} // namespace airsight::dot11::test

#endif
