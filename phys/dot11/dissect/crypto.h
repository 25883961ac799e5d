// Encryption summary of an advertised network, in Kismet's terms:
// dot11.advertisedssid.crypt_bitfield (modern bits), crypt_set (legacy bits)
// and crypt_string.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_CRYPTO_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_CRYPTO_H

#include "ie.h"

#include <cstdint>
#include <string>

namespace airsight::dot11 {

/// Modern crypt bits, named after Kismet's dot11_crypt_* constants. Confirmed
/// values: wep 1<<0, wpa 1<<1, wpa1 1<<2, wpa2 1<<3, group wep104/tkip/ccmp128
/// 1<<8/9/10, pairwise wep104/tkip/ccmp128 1<<24/25/26, akm 1x/psk 1<<37/38.
/// The rest follow the same pattern (see crypto.cc).
namespace crypt {
inline constexpr std::uint64_t bit(unsigned n) { return std::uint64_t{1} << n; }
inline constexpr std::uint64_t general_open = 0;
inline constexpr std::uint64_t general_wep = bit(0), general_wpa = bit(1), general_wpa1 = bit(2),
                               general_wpa2 = bit(3), general_wpa3 = bit(4);
inline constexpr std::uint64_t group_wep40 = bit(7), group_wep104 = bit(8), group_tkip = bit(9),
                               group_ccmp128 = bit(10), group_ccmp256 = bit(11), group_gcmp128 = bit(12),
                               group_gcmp256 = bit(13), group_bip_cmac128 = bit(14), group_bip_cmac256 = bit(15),
                               group_bip_gmac128 = bit(16), group_bip_gmac256 = bit(17), group_ocb = bit(18);
inline constexpr std::uint64_t pairwise_wep40 = bit(23), pairwise_wep104 = bit(24), pairwise_tkip = bit(25),
                               pairwise_ccmp128 = bit(26), pairwise_ccmp256 = bit(27), pairwise_gcmp128 = bit(28),
                               pairwise_gcmp256 = bit(29), pairwise_bip_cmac128 = bit(30),
                               pairwise_bip_cmac256 = bit(31), pairwise_bip_gmac128 = bit(32),
                               pairwise_bip_gmac256 = bit(33), pairwise_ocb = bit(34);
// AKMs: bit 36 + the RSN AKM suite type (1 = 802.1X ... 20 = PSK-SHA384).
inline constexpr std::uint64_t akm_1x = bit(37), akm_psk = bit(38), akm_1x_ft = bit(39), akm_psk_ft = bit(40),
                               akm_1x_sha256 = bit(41), akm_psk_sha256 = bit(42), akm_tdls = bit(43),
                               akm_sae = bit(44), akm_sae_ft = bit(45), akm_ap_peer = bit(46),
                               akm_1x_suiteb_sha256 = bit(47), akm_1x_suiteb_sha384 = bit(48),
                               akm_1x_ft_sha384 = bit(49), akm_fils_sha256 = bit(50), akm_fils_sha384 = bit(51),
                               akm_fils_sha256_ft = bit(52), akm_fils_sha384_ft = bit(53), akm_owe = bit(54),
                               akm_psk_sha384_ft = bit(55), akm_psk_sha384 = bit(56), akm_wps = bit(57);
inline constexpr std::uint64_t eap_leap = bit(58), eap_tls = bit(59), eap_ttls = bit(60), eap_peap = bit(61);
/// Kismet ORs its legacy crypt_wpa_owe (1<<17) into the modern set for an OWE
/// transition IE; kept as a literal so the result equals Kismet's.
inline constexpr std::uint64_t kismet_owe_transition_quirk = bit(17);
} // namespace crypt

/// Kismet's legacy crypt_set bits (packet_ieee80211.h, also the web UI's).
namespace legacy_crypt {
inline constexpr std::uint64_t none = 0, unknown = 1, wep = 1 << 1, layer3 = 1 << 2, wep40 = 1 << 3,
                               wep104 = 1 << 4, tkip = 1 << 5, wpa = 1 << 6, psk = 1 << 7, aes_ocb = 1 << 8,
                               aes_ccm = 1 << 9, wpa_migmode = 1 << 10, eap = 1 << 11, leap = 1 << 12,
                               ttls = 1 << 13, tls = 1 << 14, peap = 1 << 15, sae = 1 << 16, wpa_owe = 1 << 17,
                               isakmp = 1 << 20, pptp = 1 << 21, fortress = 1 << 22, keyguard = 1 << 23,
                               unknown_protected = 1 << 24, unknown_nonwep = 1 << 25, wps = 1 << 26,
                               version_wpa = 1 << 27, version_wpa2 = 1 << 28, version_wpa3 = 1 << 29;
}

/// Kismet's crypt bitfield from the RSN and WPA IEs. `privacy` (capability bit)
/// adds general_wep when neither IE is present: the usual "privacy = WEP" rule.
/// Pass privacy=false to get exactly what Kismet's IE dissector computes (its
/// own privacy rule is compiled out).
std::uint64_t crypt_bitfield(const Ies& ies, bool privacy);

/// Kismet's crypt_to_legacy_bitset: the dot11.advertisedssid.crypt_set value.
std::uint64_t legacy_crypt_set(std::uint64_t bitfield);

/// Kismet's crypt_to_simple_string (dot11.advertisedssid.crypt_string and
/// kismet.device.base.crypt), e.g. "Open", "WEP", "WPA2 WPA2-PSK AES-CCMP".
std::string kismet_crypt_string(std::uint64_t bitfield);

/// A short human summary: "Open", "WEP", "WPA-PSK", "WPA2-PSK", "WPA3-SAE",
/// "WPA2-PSK/WPA3-SAE", "WPA2-EAP", "OWE".
std::string crypt_summary(std::uint64_t bitfield);

} // namespace airsight::dot11

#endif
