// Information elements of management frame bodies, parsed into views over
// the packet. Each IE is parsed on its own: a malformed RSN IE is flagged but
// never disturbs the SSID or anything else.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_IE_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_IE_H

#include "cursor.h"

#include <airsight/mac.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace airsight::dot11 {

namespace ie_id {
inline constexpr std::uint8_t ssid = 0, supported_rates = 1, ds_parameters = 3, tim = 5, country = 7, qbss_load = 11,
                              power_constraint = 32, tpc_report = 35, ht_capabilities = 45, rsn = 48,
                              extended_rates = 50, mobility_domain = 54, ht_operation = 61, mesh_id = 114,
                              extended_capabilities = 127, cisco_ccx = 133, vendor_150 = 150,
                              vht_capabilities = 191, vht_operation = 192, vendor = 221, rsn_extension = 244,
                              extension = 255;
}
namespace ie_ext_id {
inline constexpr std::uint8_t he_capabilities = 35, he_operation = 36;
}

/// One IE as found in the body; `ext_id` is meaningful when id == 255.
struct InformationElement {
    std::uint8_t id = 0;
    std::uint8_t ext_id = 0;
    Bytes data;
};

/// Calls visit(const InformationElement&) for each complete IE in order and
/// returns false when the list ends in a truncated IE (which is not visited).
template <typename Visit>
bool for_each_ie(Bytes ies, Visit&& visit)
{
    Cursor c(ies);
    while (!c.at_end()) {
        InformationElement ie;
        ie.id = c.u8();
        const std::uint8_t length = c.u8();
        ie.data = c.take(length);
        if (c.failed()) return false;
        if (ie.id == ie_id::extension && !ie.data.empty()) {
            ie.ext_id = ie.data[0];
            ie.data = ie.data.subspan(1);
        }
        visit(ie);
    }
    return true;
}

/// A cipher or AKM suite selector: OUI << 8 | type (00-0F-AC:4 is 0x000FAC04).
using Suite = std::uint32_t;
namespace suite {
constexpr Suite rsn(std::uint8_t type) { return 0x000fac00u | type; }
constexpr Suite wpa(std::uint8_t type) { return 0x0050f200u | type; }
constexpr std::uint32_t oui_of(Suite s) { return s >> 8; }
constexpr std::uint8_t type_of(Suite s) { return s & 0xff; }
inline constexpr std::uint32_t oui_ieee = 0x000fac, oui_microsoft = 0x0050f2;
// Cipher suite types (same numbers under both OUIs).
inline constexpr std::uint8_t use_group = 0, wep40 = 1, tkip = 2, ccmp128 = 4, wep104 = 5, bip_cmac128 = 6,
                              group_not_allowed = 7, gcmp128 = 8, gcmp256 = 9, ccmp256 = 10, bip_gmac128 = 11,
                              bip_gmac256 = 12, bip_cmac256 = 13;
// AKM suite types.
inline constexpr std::uint8_t akm_8021x = 1, akm_psk = 2, akm_ft_8021x = 3, akm_ft_psk = 4, akm_8021x_sha256 = 5,
                              akm_psk_sha256 = 6, akm_tdls = 7, akm_sae = 8, akm_ft_sae = 9, akm_ap_peerkey = 10,
                              akm_suite_b = 11, akm_suite_b_192 = 12, akm_ft_8021x_sha384 = 13, akm_fils_sha256 = 14,
                              akm_fils_sha384 = 15, akm_ft_fils_sha256 = 16, akm_ft_fils_sha384 = 17, akm_owe = 18,
                              akm_ft_psk_sha384 = 19, akm_psk_sha384 = 20, akm_pasn = 21, akm_sae_ext_key = 24,
                              akm_ft_sae_ext_key = 25;
} // namespace suite

/// Suite selectors of one list, kept inline (no allocation). Lists longer
/// than `capacity` keep the first entries and set `overflow`.
struct SuiteList {
    static constexpr std::size_t capacity = 8;
    std::array<Suite, capacity> items{};
    std::uint8_t count = 0;
    std::uint16_t declared = 0;  // the count field as sent
    bool overflow = false;

    std::span<const Suite> view() const { return {items.data(), count}; }
    bool contains(Suite s) const;
    void push(Suite s);
};

/// RSN IE (48) or the WPA vendor IE (00-50-F2 type 1); the same shape.
struct SecurityIe {
    bool present = false;
    bool malformed = false;          // a count or field ran past the IE (that list is left empty)
    std::uint16_t version = 0;
    std::optional<Suite> group_cipher;
    SuiteList pairwise;
    SuiteList akms;
    std::optional<std::uint16_t> capabilities;  // RSN only
    std::uint16_t pmkid_count = 0;
    std::optional<Suite> group_management_cipher;

    bool mfp_required() const { return capabilities && (*capabilities & 0x0040); }
    bool mfp_capable() const { return capabilities && (*capabilities & 0x0080); }
};

struct Tim {
    std::uint8_t dtim_count = 0, dtim_period = 0, bitmap_control = 0;
    Bytes partial_bitmap;
};

struct Country {
    std::array<char, 2> code{};  // ISO 3166 alpha-2 as sent
    char environment = ' ';      // 'I'ndoor, 'O'utdoor, ' ' any, or a table number
    Bytes triplets;
};

struct QbssLoad {
    std::uint16_t station_count = 0;
    std::uint8_t channel_utilization = 0;  // of 255
    std::uint16_t available_admission_capacity = 0;
    double channel_utilization_percent() const { return channel_utilization / 255.0 * 100.0; }
};

struct MobilityDomain {
    std::uint16_t mdid = 0;
    std::uint8_t ft_capability = 0;
};

struct HtCapabilities {
    std::uint16_t info = 0;
    std::uint8_t ampdu_parameters = 0;
    std::array<std::uint8_t, 10> rx_mcs_bitmask{};
    bool supports_40mhz() const { return info & 0x0002; }
    bool short_gi_20() const { return info & 0x0020; }
    bool short_gi_40() const { return info & 0x0040; }
    bool forty_mhz_intolerant() const { return info & 0x4000; }
};

struct HtOperation {
    std::uint8_t primary_channel = 0;
    std::uint8_t info1 = 0;
    /// 0 none, 1 secondary above (HT40+), 3 below (HT40-).
    std::uint8_t secondary_channel_offset() const { return info1 & 0x03; }
    bool any_channel_width() const { return info1 & 0x04; }
};

struct VhtCapabilities {
    std::uint32_t info = 0;
    std::uint16_t rx_mcs_map = 0;
    std::uint16_t tx_mcs_map = 0;
    std::uint8_t supported_width_set() const { return (info >> 2) & 0x03; }
    bool short_gi_80() const { return info & 0x20; }
    bool short_gi_160() const { return info & 0x40; }
    /// 2-bit MCS support for spatial stream 1-8 (0: 0-7, 1: 0-8, 2: 0-9, 3: none).
    std::uint8_t rx_mcs_for_stream(unsigned stream) const { return (rx_mcs_map >> (2 * (stream - 1))) & 0x03; }
};

struct VhtOperation {
    std::uint8_t channel_width = 0;  // 0: 20/40, 1: 80 (160/80+80 via seg1), 2: 160, 3: 80+80
    std::uint8_t center_segment0 = 0;
    std::uint8_t center_segment1 = 0;
    std::uint16_t basic_mcs = 0;
};

struct HeOperation {
    std::uint32_t parameters = 0;    // 24 bits
    std::uint8_t bss_color_info = 0;
    std::optional<std::uint8_t> sixghz_primary_channel;
    std::uint8_t bss_color() const { return bss_color_info & 0x3f; }
};

struct Wps {
    std::uint8_t version = 0;        // 0x10 = 1.0
    std::uint8_t state = 0;          // 1 not configured, 2 configured
    bool ap_setup_locked = false;
    std::uint16_t config_methods = 0;
    Bytes device_name, manufacturer, model_name, model_number, serial_number;
    bool malformed = false;
    /// Kismet's dot11.advertisedssid.wps_state bits: 1 configured, 2 not configured, 4 locked.
    std::uint32_t kismet_state_bits() const;
};

struct Wmm {
    std::uint8_t subtype = 0;        // 0 information, 1 parameter
    std::uint8_t version = 0;
    std::uint8_t qos_info = 0;
};

struct OweTransition {
    MacAddr bssid;
    Bytes ssid;
};

/// A vendor-specific IE (221, or Cisco's 150) by OUI and type.
struct VendorIe {
    std::uint8_t element_id = ie_id::vendor;
    std::uint32_t oui = 0;
    std::uint8_t type = 0;           // first byte after the OUI, 0 if none
    Bytes data;                      // after the OUI
};

/// The extremes of the IEs that driver exploits abuse, noted while parsing
/// (one compare on an IE already being read), so an intrusion detector needs
/// no second pass over the list. What counts as too long is the detector's
/// business; these are plain measurements.
struct IeExtremes {
    std::uint8_t longest_ssid = 0;                  // SSID IE bytes, the longest
    std::uint8_t longest_ds_parameters = 0;         // DS parameter set IE bytes
    std::uint8_t longest_extended_capabilities = 0; // extended capabilities (127) IE bytes
    std::uint8_t longest_wmm = 0;                   // WMM vendor IE bytes, OUI included
    std::uint16_t most_rsn_pairwise = 0;            // pairwise suite count an RSN IE declares
    std::uint16_t longest_p2p_absence = 0;          // P2P Notice of Absence attribute bytes
    std::uint8_t wmm_tspec_count = 0;               // WMM TSPEC IEs (00-50-F2 type 2 subtype 2)
    bool msf_rates_signature = false;               // a rates IE holds the Metasploit D-Link bytes 75 EB 49
};

struct Ies {
    std::uint16_t count = 0;
    bool truncated = false;          // the last IE ran past the end; earlier ones are kept
    std::uint32_t checksum = 0;      // CRC-32 over all IE bytes (Kismet's ietag_checksum)
    /// Kismet would drop this IE list as corrupt (its IE dissector returns -1);
    /// `kismet_corrupt_reason` says why. Our own fields are still filled.
    bool kismet_corrupt = false;
    std::string_view kismet_corrupt_reason;
    IeExtremes extremes;

    bool has_ssid = false;
    Bytes ssid;                      // raw bytes, any encoding
    std::uint8_t ssid_count = 0;     // SSID IEs seen (the first is kept)
    /// Hidden network: SSID IE missing, empty, or all NUL bytes.
    bool ssid_cloaked() const;

    Bytes supported_rates, extended_rates;
    double max_legacy_rate_mbps = 0; // from both rate IEs, as Kismet reads them
    std::optional<std::uint8_t> ds_channel;
    std::optional<Tim> tim;
    std::optional<Country> country;
    std::optional<QbssLoad> qbss;
    std::optional<std::uint8_t> power_constraint;
    std::optional<std::int8_t> tpc_tx_power;
    std::optional<MobilityDomain> mobility_domain;
    SecurityIe rsn;                  // the first RSN IE
    /// The last of any further RSN IEs (some APs append a second one; Kismet
    /// merges the suites of every RSN IE and takes MFP bits from the last).
    std::optional<SecurityIe> extra_rsn;
    std::uint8_t rsn_count = 0;
    SecurityIe wpa;
    std::optional<Wmm> wmm;
    std::optional<Wps> wps;
    std::optional<HtCapabilities> ht_capabilities;
    std::optional<HtOperation> ht_operation;
    std::optional<VhtCapabilities> vht_capabilities;
    std::optional<VhtOperation> vht_operation;
    bool he_capabilities = false;
    std::optional<HeOperation> he_operation;
    Bytes extended_capabilities;
    std::optional<OweTransition> owe_transition;
    Bytes rsn_extension;
    Bytes mesh_id;
    Bytes cisco_ap_name;             // Cisco CCX (133), NUL padding removed

    static constexpr std::size_t vendor_capacity = 16;
    std::array<VendorIe, vendor_capacity> vendors{};
    std::uint8_t vendor_count = 0;
    bool vendor_overflow = false;
    std::span<const VendorIe> vendor_ies() const { return {vendors.data(), vendor_count}; }
    bool has_vendor(std::uint32_t oui, std::uint8_t type) const;

    /// The RSN IE Kismet's MFP fields come from: the last one sent.
    const SecurityIe& last_rsn() const { return extra_rsn ? *extra_rsn : rsn; }
    /// Extended capability bit n (e.g. 19 = BSS transition), false when absent.
    bool extended_capability(unsigned bit) const;

    /// The channel: the DS parameter set's if present (and not 0), else HT
    /// operation's primary channel; 0 if neither.
    unsigned channel() const;
    /// Kismet's dot11.advertisedssid.ht_mode: "HT20", "HT40+", "HT40-", "HT80", "HT160",
    /// "HT80+80", or "" without HT operation.
    std::string_view ht_mode() const;
    /// Operating width in MHz (20 without HT/VHT operation).
    unsigned channel_width_mhz() const;
    /// Kismet's ht_center_1 / ht_center_2 (5000 + 5 x VHT center segment), 0 when not VHT wide.
    unsigned ht_center_1_mhz() const;
    unsigned ht_center_2_mhz() const;
    /// Kismet's dot11.advertisedssid.maxrate: legacy rates, HT MCS and VHT capabilities.
    double kismet_max_rate_mbps() const;
};

/// Parses a list of IEs (a management body's tagged parameters).
Ies parse_ies(Bytes ies);

// Parsers for single IE bodies, shared by parse_ies and usable on their own.
SecurityIe parse_rsn_ie(Bytes data);
SecurityIe parse_wpa_ie(Bytes data);  // data after OUI 00-50-F2 and type 1
Wps parse_wps_ie(Bytes data);         // data after OUI 00-50-F2 and type 4

} // namespace airsight::dot11

#endif
