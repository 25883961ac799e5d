// Data frames: pings (plain or encrypted), null data, 802.1X EAP and EAPOL-Key.
#include "frames.h"
#include "ies.h"
#include "prng.h"

#include <string_view>

namespace airsight::sim {
namespace {

enum Subtype : std::uint8_t { kData = 0, kNull = 4, kQosData = 8 };

constexpr std::uint8_t kSnapIpv4[] = {0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00};
constexpr std::uint8_t kSnapEapol[] = {0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8E};
constexpr std::size_t kPingIpLength = 20 + 8 + 32;
constexpr std::size_t kPingPlaintext = sizeof kSnapIpv4 + kPingIpLength;

// Key information bits of EAPOL-Key frames.
enum KeyInfo : std::uint16_t {
    kPairwise = 0x0008, kInstall = 0x0040, kAck = 0x0080, kMic = 0x0100, kSecure = 0x0200, kEncryptedData = 0x1000,
};

std::uint16_t internet_checksum(const std::uint8_t* p, std::size_t n)
{
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < n; i += 2) sum += static_cast<std::uint32_t>(p[i] << 8 | p[i + 1]);
    if (n % 2) sum += static_cast<std::uint32_t>(p[n - 1] << 8);
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

/// Key information of 4-way handshake message `msg` (1-4).
std::uint16_t key_info(Security security, int msg)
{
    // Descriptor version: 1 HMAC-MD5/RC4 (WPA), 2 HMAC-SHA1/AES (WPA2), 0 AKM-defined (SAE, OWE).
    const std::uint16_t version = security == Security::WpaTkip ? 1 : (requires_mfp(security) ? 0 : 2);
    const bool wpa1 = security == Security::WpaTkip; // WPA1's message 3 is neither secure nor encrypted
    switch (msg) {
    case 1: return version | kPairwise | kAck;
    case 2: return version | kPairwise | kMic;
    case 3: return version | kPairwise | kInstall | kAck | kMic | (wpa1 ? 0 : kSecure | kEncryptedData);
    default: return version | kPairwise | kMic | (wpa1 ? 0 : kSecure);
    }
}

} // namespace

void FrameBuilder::data_header(ByteSink& out, std::uint8_t subtype, bool is_protected, bool power_save,
                               const MacAddr& far_end, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const MacAddr& station = world_.clients[static_cast<std::size_t>(tx.client)].mac;
    const bool from_ap = tx.sender == Sender::Ap;
    out.u8(static_cast<std::uint8_t>(subtype << 4 | 2 << 2)); // type 2: data
    out.u8(static_cast<std::uint8_t>((from_ap ? 0x02 : 0x01) | (power_save ? 0x10 : 0) | (is_protected ? 0x40 : 0)));
    out.le16(44); // SIFS + ACK
    out.mac(from_ap ? station : ap.bssid);
    out.mac(from_ap ? ap.bssid : station);
    out.mac(far_end); // from DS: the source behind the AP; to DS: the destination
    out.le16(static_cast<std::uint16_t>(tx.seq << 4));
    if (subtype & kQosData) out.le16(tx.kind == FrameKind::Data ? 0 : 7); // TID: best effort; voice for 802.1X
}

// WEP, TKIP or CCMP framing around random "ciphertext" of the plaintext's length.
void FrameBuilder::encrypted_body(ByteSink& out, const Transmission& tx, std::size_t plaintext_len) const
{
    const Security security = world_.aps[static_cast<std::size_t>(tx.ap)].security;
    const std::uint64_t key = content_key(tx);
    // Packet numbers only grow: derive them from time (a transmitter's frames are > 100 µs apart).
    const std::uint64_t pn = 1 + (tx.ts_usec - world_.config.start_usec) / 100;
    if (security == Security::Wep) {
        fill_from_key(key, out.grow(3), 3); // IV
        out.u8(0);                           // key index 0
        fill_from_key(key ^ 1, out.grow(plaintext_len + 4), plaintext_len + 4); // + ICV
    } else if (security == Security::WpaTkip) {
        const auto tsc = [&](int i) { return static_cast<std::uint8_t>(pn >> (8 * i)); };
        out.u8(tsc(1));
        out.u8(static_cast<std::uint8_t>((tsc(1) | 0x20) & 0x7F)); // WEP seed
        out.u8(tsc(0));
        out.u8(0x20); // extended IV, key 0
        for (int i = 2; i < 6; ++i) out.u8(tsc(i));
        fill_from_key(key ^ 1, out.grow(plaintext_len + 12), plaintext_len + 12); // + Michael MIC + ICV
    } else {
        out.u8(static_cast<std::uint8_t>(pn));
        out.u8(static_cast<std::uint8_t>(pn >> 8));
        out.u8(0);
        out.u8(0x20); // extended IV, key 0
        for (int i = 2; i < 6; ++i) out.u8(static_cast<std::uint8_t>(pn >> (8 * i)));
        fill_from_key(key ^ 1, out.grow(plaintext_len + 8), plaintext_len + 8); // + MIC
    }
}

void FrameBuilder::data(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const bool encrypted = encrypts_data(ap.security);
    data_header(out, ap.ht ? kQosData : kData, encrypted, false, ap.gateway, tx);
    if (encrypted) encrypted_body(out, tx, kPingPlaintext);
    else ping(out, tx);
}

// An ICMP echo between the client and its gateway, with valid checksums.
void FrameBuilder::ping(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    const bool request = tx.sender == Sender::Client;
    const std::uint32_t gateway_ip = (192u << 24) | (168u << 16) | (static_cast<std::uint32_t>(ap.subnet) << 8) | 1u;
    out.bytes(kSnapIpv4, sizeof kSnapIpv4);

    const std::size_t ip = out.size();
    out.u8(0x45);
    out.u8(0);
    out.be16(static_cast<std::uint16_t>(kPingIpLength));
    out.be16(static_cast<std::uint16_t>(content_key(tx))); // identification
    out.be16(0);
    out.u8(64);  // TTL
    out.u8(1);   // ICMP
    out.be16(0); // checksum, below
    const std::uint32_t src = request ? c.ipv4 : gateway_ip, dst = request ? gateway_ip : c.ipv4;
    out.be16(static_cast<std::uint16_t>(src >> 16));
    out.be16(static_cast<std::uint16_t>(src));
    out.be16(static_cast<std::uint16_t>(dst >> 16));
    out.be16(static_cast<std::uint16_t>(dst));
    out.put_be16(ip + 10, internet_checksum(out.at(ip), 20));

    const std::size_t icmp = out.size();
    out.u8(request ? 8 : 0); // echo request / reply
    out.u8(0);
    out.be16(0);
    out.be16(static_cast<std::uint16_t>(0x100 + tx.client)); // identifier
    out.be16(static_cast<std::uint16_t>(tx.value));          // sequence
    out.text("abcdefghijklmnopqrstuvwabcdefghi");             // what Windows ping sends
    out.put_be16(icmp + 2, internet_checksum(out.at(icmp), 40));
}

void FrameBuilder::null_data(ByteSink& out, const Transmission& tx) const
{
    data_header(out, kNull, false, tx.step != 0, world_.aps[static_cast<std::size_t>(tx.ap)].bssid, tx);
}

// 802.1X between client and authenticator: identity request/response, then success.
void FrameBuilder::eap(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    data_header(out, ap.ht ? kQosData : kData, false, false, ap.bssid, tx);
    out.bytes(kSnapEapol, sizeof kSnapEapol);
    static constexpr std::string_view identity = "anonymous@corp.example";
    const std::uint16_t eap_length = tx.step == 1 ? 5 : tx.step == 2 ? static_cast<std::uint16_t>(5 + identity.size()) : 4;
    out.u8(2); // 802.1X-2004
    out.u8(0); // EAP packet
    out.be16(eap_length);
    out.u8(tx.step == 1 ? 1 : tx.step == 2 ? 2 : 3); // request, response, success
    out.u8(1);                                       // identifier
    out.be16(eap_length);
    if (tx.step == 1) out.u8(1); // identity
    if (tx.step == 2) {
        out.u8(1);
        out.text(identity);
    }
}

// EAPOL-Key messages 1-4 with the key information, replay counter, nonces
// and key data each message carries in a real handshake.
void FrameBuilder::eapol_key(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const bool wpa1 = ap.security == Security::WpaTkip;
    const int msg = tx.step;
    data_header(out, ap.ht ? kQosData : kData, false, false, ap.bssid, tx);
    out.bytes(kSnapEapol, sizeof kSnapEapol);

    const std::size_t eapol = out.size();
    out.u8(wpa1 ? 1 : 2); // 802.1X version
    out.u8(3);            // EAPOL-Key
    out.be16(0);          // length, below
    out.u8(wpa1 ? 254 : 2); // descriptor: WPA or RSN
    out.be16(key_info(ap.security, msg));
    out.be16(wpa1 ? 32 : 16); // key length: TKIP or CCMP
    out.be64(tx.value);       // replay counter

    // ANonce in messages 1 and 3, SNonce in 2, none in 4; fixed per connection.
    const std::uint64_t connection = mix(world_.config.seed, (std::uint64_t{tx.session} << 32) | static_cast<std::uint32_t>(tx.client));
    if (msg == 4) out.zeros(32);
    else fill_from_key(connection ^ (msg == 2 ? 0x534e6f6e6365 : 0x414e6f6e6365), out.grow(32), 32);
    out.zeros(16 + 8 + 8); // IV, RSC, ID
    if (msg == 1) out.zeros(16);
    else fill_from_key(content_key(tx), out.grow(16), 16); // MIC

    const std::size_t key_data_len = out.size();
    out.be16(0);
    if (msg == 1 && ap.security == Security::Wpa2Psk) { // PMKID KDE
        static constexpr std::uint8_t kde[] = {0xDD, 0x14, 0x00, 0x0F, 0xAC, 0x04};
        out.bytes(kde, sizeof kde);
        fill_from_key(connection ^ 0x504d4b4944, out.grow(16), 16);
    } else if (msg == 2 || (msg == 3 && wpa1)) {
        if (wpa1) ie::wpa(out);
        else ie::rsn(out, ap.security, true); // message 2: the station's element, as in its association request
    } else if (msg == 3) {
        fill_from_key(content_key(tx) ^ 0x47544b, out.grow(56), 56); // wrapped GTK KDE and RSN element
    }
    out.put_be16(key_data_len, static_cast<std::uint16_t>(out.size() - key_data_len - 2));
    out.put_be16(eapol + 2, static_cast<std::uint16_t>(out.size() - eapol - 4));
}

} // namespace airsight::sim
