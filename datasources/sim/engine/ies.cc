#include "ies.h"

#include "channels.h"
#include "prng.h"

#include <stdexcept>
#include <string>

namespace airsight::sim::ie {
namespace {

constexpr std::uint8_t kIeeeOui[] = {0x00, 0x0F, 0xAC};
constexpr std::uint8_t kMicrosoftOui[] = {0x00, 0x50, 0xF2}; // WPA, WMM and WPS live here

void header(ByteSink& out, std::uint8_t id, std::size_t length)
{
    out.u8(id);
    out.u8(static_cast<std::uint8_t>(length));
}

void suite(ByteSink& out, const std::uint8_t (&oui)[3], std::uint8_t type)
{
    out.bytes(oui, 3);
    out.u8(type);
}

// WPS attributes are big-endian type-length-value.
void wps_attr(ByteSink& out, std::uint16_t type, std::string_view value)
{
    out.be16(type);
    out.be16(static_cast<std::uint16_t>(value.size()));
    out.text(value);
}

void wps_attr_u8(ByteSink& out, std::uint16_t type, std::uint8_t value)
{
    out.be16(type);
    out.be16(1);
    out.u8(value);
}

} // namespace

void ssid(ByteSink& out, std::string_view name)
{
    header(out, 0, name.size());
    out.text(name);
}

void supported_rates(ByteSink& out, bool five_ghz)
{
    // 500 kb/s units; 0x80 marks basic rates.
    static constexpr std::uint8_t g[] = {0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24}; // 1 2 5.5 11 6 9 12 18
    static constexpr std::uint8_t a[] = {0x8C, 0x12, 0x98, 0x24, 0xB0, 0x48, 0x60, 0x6C}; // 6 9 12 18 24 36 48 54
    header(out, 1, 8);
    out.bytes(five_ghz ? a : g, 8);
}

void extended_rates(ByteSink& out)
{
    static constexpr std::uint8_t rates[] = {0x30, 0x48, 0x60, 0x6C}; // 24 36 48 54
    header(out, 50, 4);
    out.bytes(rates, 4);
}

void ds_parameter(ByteSink& out, int channel)
{
    header(out, 3, 1);
    out.u8(static_cast<std::uint8_t>(channel));
}

void tim(ByteSink& out, std::uint8_t dtim_count, std::uint8_t dtim_period)
{
    header(out, 5, 4);
    out.u8(dtim_count);
    out.u8(dtim_period);
    out.u8(0); // bitmap control
    out.u8(0); // partial virtual bitmap: nobody has frames buffered
}

void country(ByteSink& out, bool five_ghz)
{
    // "US", all environments, then (first channel, count, max dBm) triplets.
    if (five_ghz) {
        header(out, 7, 10);
        out.text("US ");
        static constexpr std::uint8_t triplets[] = {36, 4, 17, 149, 5, 30, 0}; // trailing pad: even length
        out.bytes(triplets, sizeof triplets);
    } else {
        header(out, 7, 6);
        out.text("US ");
        static constexpr std::uint8_t triplet[] = {1, 11, 30};
        out.bytes(triplet, sizeof triplet);
    }
}

void erp(ByteSink& out)
{
    header(out, 42, 1);
    out.u8(0); // no non-ERP stations, no protection
}

void rsn(ByteSink& out, Security security, bool station)
{
    const int akm = rsn_akm(security);
    if (akm == 0) return;
    const bool mfp = requires_mfp(security);
    header(out, 48, mfp ? 26 : 20);
    out.le16(1);                      // version
    suite(out, kIeeeOui, 4);          // group: CCMP
    out.le16(1);
    suite(out, kIeeeOui, 4);          // pairwise: CCMP
    out.le16(1);
    suite(out, kIeeeOui, static_cast<std::uint8_t>(akm));
    out.le16(mfp ? 0x00C0 : station ? 0x0080 : 0x0000); // bit 6 MFP required, bit 7 MFP capable
    if (mfp) {
        out.le16(0);                  // no PMKIDs
        suite(out, kIeeeOui, 6);      // group management: BIP-CMAC-128
    }
}

void wpa(ByteSink& out)
{
    header(out, 221, 22);
    suite(out, kMicrosoftOui, 1);
    out.le16(1);                      // version
    suite(out, kMicrosoftOui, 2);     // multicast: TKIP
    out.le16(1);
    suite(out, kMicrosoftOui, 2);     // unicast: TKIP
    out.le16(1);
    suite(out, kMicrosoftOui, 2);     // AKM: PSK
}

void wmm_parameter(ByteSink& out)
{
    header(out, 221, 24);
    suite(out, kMicrosoftOui, 2);
    out.u8(1);    // subtype: parameter element
    out.u8(1);    // version
    out.u8(0x80); // QoS info: U-APSD
    out.u8(0);    // reserved
    // Per access category: ACI/AIFSN, ECWmin/ECWmax, TXOP limit (hostapd's defaults).
    static constexpr std::uint8_t acs[] = {0x03, 0xA4, 0x00, 0x00, 0x27, 0xA4, 0x00, 0x00,
                                           0x42, 0x43, 0x5E, 0x00, 0x62, 0x32, 0x2F, 0x00};
    out.bytes(acs, sizeof acs);
}

void wmm_info(ByteSink& out)
{
    header(out, 221, 7);
    suite(out, kMicrosoftOui, 2);
    out.u8(0); // subtype: information element
    out.u8(1); // version
    out.u8(0); // QoS info
}

void ht_capabilities(ByteSink& out, bool five_ghz)
{
    header(out, 45, 26);
    // LDPC, SM power save disabled, SGI 20, Tx STBC, 1 Rx STBC stream; 40 MHz and SGI 40 on 5 GHz.
    out.le16(five_ghz ? 0x01EF : 0x01AD);
    out.u8(0x17);                                       // A-MPDU: 64 KiB, 8 µs spacing
    static constexpr std::uint8_t mcs[16] = {0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0}; // MCS 0-15
    out.bytes(mcs, sizeof mcs);
    out.le16(0);                                        // extended capabilities
    out.le32(0);                                        // transmit beamforming
    out.u8(0);                                          // antenna selection
}

void ht_operation(ByteSink& out, int channel)
{
    header(out, 61, 22);
    out.u8(static_cast<std::uint8_t>(channel));
    std::uint8_t info = 0;
    if (vht80_center(channel) != 0) // 40 MHz: secondary above or below, pairing within the block
        info = static_cast<std::uint8_t>((((channel - (vht80_center(channel) - 6)) / 4) % 2 == 0 ? 0x01 : 0x03) | 0x04);
    out.u8(info);
    out.le16(0x0004); // non-greenfield stations present
    out.le16(0);
    out.zeros(16);    // basic MCS set
}

void vht_capabilities(ByteSink& out)
{
    header(out, 191, 12);
    out.le32(0x038071B0); // Rx LDPC, SGI 80, Tx STBC, SU beamformee, max A-MPDU exponent 7
    out.le16(0xFFFA);     // Rx: MCS 0-9 on 2 streams
    out.le16(0);
    out.le16(0xFFFA);     // Tx: MCS 0-9 on 2 streams
    out.le16(0);
}

void vht_operation(ByteSink& out, int channel)
{
    const int center = vht80_center(channel);
    header(out, 192, 5);
    out.u8(center != 0 ? 1 : 0); // 1: 80 MHz
    out.u8(static_cast<std::uint8_t>(center));
    out.u8(0);
    out.le16(0xFFFC);            // basic: MCS 0-7 on one stream
}

void wps(ByteSink& out, const AccessPoint& ap, bool probe_response)
{
    // The length depends on the vendor strings: written in place, then the
    // length byte is filled in (no scratch buffer per frame).
    header(out, 221, 0);
    const std::size_t length_at = out.size() - 1, body_at = out.size();
    suite(out, kMicrosoftOui, 4);
    wps_attr_u8(out, 0x104A, 0x10); // version 1.0 (2.0 is in the vendor extension)
    wps_attr_u8(out, 0x1044, 0x02); // configured
    if (probe_response) {
        wps_attr_u8(out, 0x103B, 0x03); // response type: AP
        std::uint8_t uuid[16];
        fill_from_key(ap.bssid.value(), uuid, sizeof uuid);
        out.be16(0x1047);
        out.be16(16);
        out.bytes(uuid, 16);
        wps_attr(out, 0x1021, ap.vendor);
        wps_attr(out, 0x1023, "AP");
        wps_attr(out, 0x1024, "1.0");
        wps_attr(out, 0x1042, ap.bssid.str().substr(9)); // serial number
        static constexpr std::uint8_t ap_device[] = {0x00, 0x06, 0x00, 0x50, 0xF2, 0x04, 0x00, 0x01};
        out.be16(0x1054);
        out.be16(8);
        out.bytes(ap_device, 8);          // primary device type: network infrastructure, AP
        wps_attr(out, 0x1011, ap.vendor + " router");
        out.be16(0x1008);
        out.be16(2);
        out.be16(0x0008);                 // config methods: display
    }
    static constexpr std::uint8_t version2[] = {0x00, 0x37, 0x2A, 0x00, 0x01, 0x20}; // WFA: version2 2.0
    out.be16(0x1049);
    out.be16(6);
    out.bytes(version2, 6);
    const std::size_t length = out.size() - body_at;
    if (length > 255)
        throw std::length_error("the WPS element of AP " + ap.bssid.str() + " would be " + std::to_string(length) +
                                " bytes, over an element's 255: shorten its vendor name");
    *out.at(length_at) = static_cast<std::uint8_t>(length);
}

void owe_dh(ByteSink& out, std::uint64_t key)
{
    header(out, 255, 35);
    out.u8(32);   // extension: OWE Diffie-Hellman parameter
    out.le16(19); // group: NIST P-256
    fill_from_key(key, out.grow(32), 32);
}

} // namespace airsight::sim::ie
