#include "engine/attacks/frame_attacks.h"

#include <array>
#include <string>

namespace airsight::sim {
namespace {

constexpr std::uint8_t kAssocResp = 1, kProbeResp = 5, kBeacon = 8, kAction = 13;
constexpr std::uint8_t kIeSsid = 0, kIeRates = 1, kIeDs = 3, kIeRsn = 48, kIeNeighbor = 52, kIeExtCaps = 127,
                       kIeVendor = 221;

// Each builder's attacker: its own made-up access point (see frame_attacker_mac).
enum Attacker : std::uint8_t {
    kLongSsid = 1, kMsfBcom, kMsfDlink, kMsfNetgear, kAirJack, kWmmOverflow, kWmmTspec, kQcom, kRsnLoop, kBcom11k,
    kBadFixLen, kRtlP2p, kRtl8195, kVdoo27301, kVdoo27302, kFormatString, kKarma, kOverpowered, kCanary,
};

MacAddr with_oui(MacAddr m, std::uint32_t oui)
{
    m.bytes[0] = static_cast<std::uint8_t>(oui >> 16);
    m.bytes[1] = static_cast<std::uint8_t>(oui >> 8);
    m.bytes[2] = static_cast<std::uint8_t>(oui);
    return m;
}

// A station the unicast attacks address (made up, locally administered).
const MacAddr kVictim{{0x02, 0xa5, 0x1d, 0x00, 0x01, 0x00}};

void ie(ByteSink& out, std::uint8_t id, std::size_t length)
{
    out.u8(id);
    out.u8(static_cast<std::uint8_t>(length));
}

void ssid_ie(ByteSink& out, std::string_view ssid)
{
    ie(out, kIeSsid, ssid.size());
    out.text(ssid);
}

// Beacon or probe response head (to `to`), then SSID, rates and DS channel.
void advert(const AttackFrame& f, ByteSink& out, std::uint8_t subtype, const MacAddr& bssid, std::string_view ssid,
            const MacAddr& to = kBroadcastMac)
{
    attack_mgmt_header(out, subtype, f, to, bssid, bssid);
    out.le64(f.ts_usec);
    out.le16(100);    // beacon interval, TUs
    out.le16(0x0001); // ESS
    ssid_ie(out, ssid);
    const std::array<std::uint8_t, 4> rates{0x82, 0x84, 0x8b, 0x96};
    ie(out, kIeRates, rates.size());
    out.bytes(rates.data(), rates.size());
    ie(out, kIeDs, 1);
    out.u8(static_cast<std::uint8_t>(f.channel));
}

void beacon(const AttackFrame& f, ByteSink& out, Attacker who, std::string_view ssid)
{
    advert(f, out, kBeacon, frame_attacker_mac(who), ssid);
}

void long_ssid(const AttackFrame& f, ByteSink& out) { beacon(f, out, kLongSsid, std::string(33, 'X')); }

void msf_broadcom(const AttackFrame& f, ByteSink& out)
{
    advert(f, out, kBeacon, with_oui(frame_attacker_mac(kMsfBcom), 0x90e975), "bcom");
}

void msf_dlink(const AttackFrame& f, ByteSink& out)
{
    attack_mgmt_header(out, kBeacon, f, kBroadcastMac, frame_attacker_mac(kMsfDlink), frame_attacker_mac(kMsfDlink));
    out.le64(f.ts_usec);
    out.le16(100);
    out.le16(0x0001);
    ssid_ie(out, "dlink");
    const std::array<std::uint8_t, 5> rates{0x82, 0x75, 0xeb, 0x49, 0x84}; // the exploit's bytes among the rates
    ie(out, kIeRates, rates.size());
    out.bytes(rates.data(), rates.size());
}

// A beacon of 1186 bytes whose bytes 1180-1183 are the Netgear exploit's options.
void msf_netgear(const AttackFrame& f, ByteSink& out)
{
    const std::size_t start = out.size();
    beacon(f, out, kMsfNetgear, "netgear");
    const std::array<std::uint8_t, 3> oui{0x00, 0x10, 0x18};
    while (out.size() - start + 2 + 255 <= 1180) {
        ie(out, kIeVendor, 255);
        out.bytes(oui.data(), oui.size());
        out.zeros(252);
    }
    const std::size_t at = 1180 - (out.size() - start + 2); // the signature's offset in the last IE's body
    ie(out, kIeVendor, at + 6);
    out.bytes(oui.data(), oui.size());
    out.zeros(at - oui.size());
    const std::array<std::uint8_t, 4> signature{0x6a, 0x39, 0x58, 0x01};
    out.bytes(signature.data(), signature.size());
    out.zeros(2);
}

void airjack(const AttackFrame& f, ByteSink& out) { beacon(f, out, kAirJack, "AirJack"); }

// A WMM IE (00-50-F2 type 2) of `length` bytes from the OUI on, subtype `subtype`.
void wmm_ie(ByteSink& out, std::size_t length, std::uint8_t subtype)
{
    ie(out, kIeVendor, length);
    const std::array<std::uint8_t, 6> head{0x00, 0x50, 0xf2, 0x02, subtype, 0x01};
    out.bytes(head.data(), head.size());
    out.zeros(length - head.size());
}

void wmm_overflow(const AttackFrame& f, ByteSink& out)
{
    beacon(f, out, kWmmOverflow, "wmm");
    wmm_ie(out, 60, 1); // a parameter element of 60 bytes where 24 is the size
}

void wmm_tspec(const AttackFrame& f, ByteSink& out)
{
    const MacAddr ap = frame_attacker_mac(kWmmTspec);
    attack_mgmt_header(out, kAssocResp, f, kVictim, ap, ap);
    out.le16(0x0001); // ESS
    out.le16(0);      // success
    out.le16(0xc001); // AID 1
    const std::array<std::uint8_t, 4> rates{0x82, 0x84, 0x8b, 0x96};
    ie(out, kIeRates, rates.size());
    out.bytes(rates.data(), rates.size());
    for (int i = 0; i < 6; ++i) wmm_ie(out, 61, 2); // six TSPECs; more than four exploits Atheros drivers
}

void qcom_extended(const AttackFrame& f, ByteSink& out)
{
    beacon(f, out, kQcom, "qcom");
    ie(out, kIeExtCaps, 40);
    out.zeros(40);
}

void rsn_loop(const AttackFrame& f, ByteSink& out)
{
    beacon(f, out, kRsnLoop, "rsnloop");
    const std::array<std::uint8_t, 12> rsn{1, 0, 0x00, 0x0f, 0xac, 4, 0xff, 0xff, 0x00, 0x0f, 0xac, 4}; // 65535 pairwise
    ie(out, kIeRsn, rsn.size());
    out.bytes(rsn.data(), rsn.size());
}

// An 802.11k neighbor report response naming channel 250.
void bcom_11k(const AttackFrame& f, ByteSink& out)
{
    const MacAddr ap = frame_attacker_mac(kBcom11k);
    attack_mgmt_header(out, kAction, f, kVictim, ap, ap);
    out.u8(5); // radio measurement
    out.u8(5); // neighbor report response
    out.u8(1); // dialog token
    ie(out, kIeNeighbor, 13);
    out.mac(ap);
    out.le32(0x8f);
    out.u8(81);  // operating class
    out.u8(250); // channel
    out.u8(7);   // PHY type
}

void bad_fixed_length(const AttackFrame& f, ByteSink& out)
{
    beacon(f, out, kBadFixLen, "badfixlen");
    ie(out, kIeDs, 4); // a second DS parameter IE, 4 bytes where 1 is fixed
    out.u8(static_cast<std::uint8_t>(f.channel));
    out.zeros(3);
}

// A Wi-Fi Direct group owner's beacon with a 60-byte Notice of Absence.
void rtlwifi_p2p(const AttackFrame& f, ByteSink& out)
{
    beacon(f, out, kRtlP2p, "DIRECT-rtl");
    const std::size_t noa = 60;
    ie(out, kIeVendor, 4 + 5 + 3 + noa);
    const std::array<std::uint8_t, 4> p2p{0x50, 0x6f, 0x9a, 0x09};
    out.bytes(p2p.data(), p2p.size());
    out.u8(2); // P2P capability
    out.le16(2);
    out.le16(0x0021);
    out.u8(12); // Notice of Absence
    out.le16(static_cast<std::uint16_t>(noa));
    out.zeros(noa);
}

// An EAPOL-Key frame from the attacker "AP" to the victim (FromDS).
void eapol_key(const AttackFrame& f, ByteSink& out, Attacker who, std::uint16_t key_info, std::size_t key_data,
               std::size_t body_extra)
{
    const MacAddr ap = frame_attacker_mac(who);
    attack_data_header(out, f, false, true, kVictim, ap, ap);
    const std::array<std::uint8_t, 8> snap{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e};
    out.bytes(snap.data(), snap.size());
    out.u8(2); // 802.1X-2004
    out.u8(3); // key
    out.be16(static_cast<std::uint16_t>(95 + key_data + body_extra));
    out.u8(2); // RSN key descriptor
    out.be16(key_info);
    out.be16(16);
    out.be64(f.burst + 1u); // replay counter
    out.zeros(32 + 16 + 8 + 8 + 16);
    out.be16(static_cast<std::uint16_t>(key_data));
    out.zeros(key_data + body_extra);
}

constexpr std::uint16_t kM1 = 0x008a;                                 // pairwise, ack, AES
constexpr std::uint16_t m3(std::uint16_t version) { return static_cast<std::uint16_t>(0x13c8 | version); }

void rtl8195(const AttackFrame& f, ByteSink& out) { eapol_key(f, out, kRtl8195, kM1, 0, 600); }
void vdoo_27301(const AttackFrame& f, ByteSink& out) { eapol_key(f, out, kVdoo27301, m3(1), 300, 0); }
void vdoo_27302(const AttackFrame& f, ByteSink& out) { eapol_key(f, out, kVdoo27302, m3(2), 200, 0); }

void format_string(const AttackFrame& f, ByteSink& out) { beacon(f, out, kFormatString, "free%n%s%pwifi"); }

void karma(const AttackFrame& f, ByteSink& out)
{
    // A Karma AP answers for whatever a station asks: a new SSID each burst.
    const std::string ssid = "karma-" + std::to_string(f.burst);
    advert(f, out, kProbeResp, with_oui(frame_attacker_mac(kKarma), 0x001337), ssid, kVictim);
}

void overpowered(const AttackFrame& f, ByteSink& out) { beacon(f, out, kOverpowered, "loud"); }

void canary(const AttackFrame& f, ByteSink& out) { beacon(f, out, kCanary, kCanarySsid); }

constexpr std::uint64_t kPeriod = 2'000'000;

constexpr AttackSpec spec(std::string_view name, std::string_view alerts, std::string_view description,
                          void (*build)(const AttackFrame&, ByteSink&))
{
    return AttackSpec{.name = name, .alerts = alerts, .description = description, .period_usec = kPeriod, .build = build};
}

constexpr AttackSpec kSpecs[] = {
    spec("longssid", "LONGSSID", "beacons a 33-byte SSID", long_ssid),
    spec("msfbcomssid", "MSFBCOMSSID", "beacons from OUI 90:E9:75, as Metasploit's Broadcom attack", msf_broadcom),
    spec("msfdlinkrate", "MSFDLINKRATE", "beacons Metasploit's D-Link bytes in its rates", msf_dlink),
    spec("msfnetgearbeacon", "MSFNETGEARBEACON", "beacons 1186 bytes with Metasploit's Netgear options at 1180",
         msf_netgear),
    spec("airjackssid", "AIRJACKSSID", "beacons the SSID AirJack", airjack),
    spec("wmmoverflow", "WMMOVERFLOW", "beacons a 60-byte WMM element (Broadpwn)", wmm_overflow),
    spec("wmmtspec", "WMMTSPEC", "answers an association with six WMM TSPECs (CVE-2017-11013)", wmm_tspec),
    spec("qcomextended", "QCOMEXTENDED", "beacons a 40-byte extended capabilities IE (CVE-2019-10539)",
         qcom_extended),
    spec("rsnloop", "RSNLOOP", "beacons an RSN IE declaring 65535 pairwise ciphers (CVE-2017-9714)", rsn_loop),
    spec("bcom11kchan", "BCOM11KCHAN", "sends an 802.11k neighbor report naming channel 250", bcom_11k),
    spec("badfixlenie", "BADFIXLENIE", "beacons a 4-byte DS parameter IE", bad_fixed_length),
    spec("rtlwifip2p", "RTLWIFIP2P", "beacons a 60-byte P2P Notice of Absence (CVE-2019-17666)", rtlwifi_p2p),
    spec("rtl8195vd1406", "RTL8195VD1406", "sends a 699-byte EAPOL key frame (CVE-2020-9395)", rtl8195),
    spec("vdoo202027301", "VDOO202027301", "sends handshake message 3 with a 300-byte key (CVE-2020-27301)",
         vdoo_27301),
    spec("vdoo202027302", "VDOO202027302", "sends handshake message 3 with a 200-byte AES key (CVE-2020-27302)",
         vdoo_27302),
    spec("formatstring", "FORMATSTRING", "beacons an SSID holding printf format sequences", format_string),
    spec("karmaoui", "KARMAOUI", "answers probes from OUI 00:13:37, for a new SSID each burst", karma),
    AttackSpec{.name = "overpowered",
               .alerts = "OVERPOWERED",
               .description = "beacons at -5 dBm, right next to the sensor",
               .period_usec = kPeriod,
               .signal_dbm = -5,
               .build = overpowered},
    spec("ssidcanary", "SSIDCANARY", "beacons the SSID airsight-canary (for an ssidcanary= line)", canary),
};

constexpr std::array<const AttackSpec*, std::size(kSpecs)> pointers()
{
    std::array<const AttackSpec*, std::size(kSpecs)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = &kSpecs[i];
    return out;
}
constexpr auto kAttacks = pointers();

static_assert(std::size(kSpecs) == kCanary, "one attacker MAC per attack, in order");

} // namespace

MacAddr frame_attacker_mac(std::uint8_t n) { return MacAddr{{0x02, 0xa5, 0x1d, 0x00, 0x00, n}}; }

std::span<const AttackSpec* const> frame_attacks() { return kAttacks; }

} // namespace airsight::sim
