// Mirrors Kismet's conversion of RSN/WPA suites into crypt bits and strings,
// quirks included (they are what Kismet clients see); each quirk is noted.
#include "crypto.h"

#include <initializer_list>
#include <string_view>

namespace airsight::dot11 {

namespace {

using namespace crypt;

// Kismet maps suites by their type byte only (the OUI is not checked).
std::uint64_t rsn_pairwise_bits(std::uint8_t type)
{
    switch (type) {
    case 1: return general_wep | pairwise_wep40;
    case 2: return general_wpa | pairwise_tkip;
    case 3: return general_wpa2 | pairwise_ocb;
    case 4: return general_wpa2 | pairwise_ccmp128;
    case 5: return general_wep | pairwise_wep104;
    case 6: return general_wpa3 | pairwise_bip_cmac128;
    case 8: return general_wpa2 | pairwise_gcmp128;
    case 9: return general_wpa2 | pairwise_gcmp256;
    case 10: return general_wpa2 | pairwise_ccmp256;
    case 11: return general_wpa3 | pairwise_bip_gmac128;
    case 12: return general_wpa3 | pairwise_bip_gmac256;
    case 13: return general_wpa3 | pairwise_bip_cmac256;
    default: return 0;
    }
}

// Group ciphers only ever add general_wpa (never wpa2/wpa3), as in Kismet.
std::uint64_t rsn_group_bits(std::uint8_t type)
{
    switch (type) {
    case 1: return general_wep | group_wep40;
    case 2: return general_wpa | group_tkip;
    case 3: return general_wpa | group_ocb;
    case 4: return general_wpa | group_ccmp128;
    case 5: return general_wep | group_wep104;
    case 6: return general_wpa | group_bip_cmac128;
    case 8: return general_wpa | group_gcmp128;
    case 9: return general_wpa | group_gcmp256;
    case 10: return general_wpa | group_ccmp256;
    case 11: return general_wpa | group_bip_gmac128;
    case 12: return general_wpa | group_bip_gmac256;
    case 13: return general_wpa | group_bip_cmac256;
    default: return 0;
    }
}

std::uint64_t rsn_akm_bits(std::uint8_t type)
{
    constexpr std::uint64_t v3 = general_wpa | general_wpa3;
    switch (type) {
    case 1: return general_wpa | akm_1x;
    case 2: return general_wpa | akm_psk;
    case 3: return general_wpa | akm_1x_ft;
    case 4: return general_wpa | akm_psk_ft;
    case 5: return general_wpa | akm_1x_sha256;
    case 6: return general_wpa | akm_psk_sha256;
    case 7: return general_wpa | akm_tdls;
    case 8: return v3 | akm_sae;
    case 9: return v3 | akm_sae_ft;
    case 10: return v3 | akm_ap_peer;
    case 11: return v3 | akm_1x_suiteb_sha256;
    case 12: return v3 | akm_1x_suiteb_sha384;
    case 13: return v3 | akm_1x_ft_sha384;
    case 14: return v3 | akm_fils_sha256;
    case 15: return v3 | akm_fils_sha384;
    case 16: return v3 | akm_fils_sha256_ft;
    case 17: return v3 | akm_fils_sha384_ft;
    case 18: return v3 | akm_owe;
    case 19: return v3 | akm_psk_sha384_ft;
    case 20: return v3 | akm_psk_sha384;
    default: return 0;
    }
}

std::uint64_t wpa_cipher_bits(std::uint8_t type, bool group)
{
    switch (type) {
    case 1: return general_wep | (group ? group_wep40 : pairwise_wep40);
    case 2: return general_wpa | (group ? group_tkip : pairwise_tkip);
    case 3: return general_wpa | (group ? group_ocb : pairwise_ocb);
    case 4: return general_wpa | (group ? group_ccmp128 : pairwise_ccmp128);
    case 5: return general_wep | (group ? group_wep104 : pairwise_wep104);
    case 6: return general_wpa | (group ? group_bip_cmac128 : pairwise_bip_cmac128);
    default: return 0;
    }
}

std::uint64_t wpa_akm_bits(std::uint8_t type)
{
    static constexpr std::uint64_t by_type[] = {0, akm_1x, akm_psk, akm_1x_ft, akm_psk_ft, akm_1x_sha256,
                                                akm_psk_sha256, akm_tdls};
    return general_wpa | (type < std::size(by_type) ? by_type[type] : 0);
}

void append(std::string& out, std::string_view word, std::string_view separator = " ")
{
    if (!out.empty()) out += separator;
    out += word;
}

bool any(std::uint64_t bits, std::uint64_t mask) { return (bits & mask) != 0; }

constexpr std::uint64_t psk_family = akm_psk | akm_psk_ft | akm_psk_sha256 | akm_psk_sha384 | akm_psk_sha384_ft;
constexpr std::uint64_t sae_family = akm_sae | akm_sae_ft;
constexpr std::uint64_t eap_family = akm_1x | akm_1x_ft | akm_1x_sha256 | akm_1x_suiteb_sha256 |
                                     akm_1x_suiteb_sha384 | akm_1x_ft_sha384;

} // namespace

std::uint64_t crypt_bitfield(const Ies& ies, bool privacy)
{
    std::uint64_t bits = 0;
    // Kismet ORs in every RSN IE of the frame.
    for (const SecurityIe* rsn : {&ies.rsn, ies.extra_rsn ? &*ies.extra_rsn : nullptr}) {
        if (rsn == nullptr || !rsn->present) continue;
        if (rsn->group_cipher) bits |= rsn_group_bits(suite::type_of(*rsn->group_cipher));
        for (Suite s : rsn->pairwise.view()) bits |= rsn_pairwise_bits(suite::type_of(s));
        for (Suite s : rsn->akms.view()) bits |= general_wpa | rsn_akm_bits(suite::type_of(s));
    }
    if (ies.wpa.present) {
        if (ies.wpa.group_cipher) bits |= wpa_cipher_bits(suite::type_of(*ies.wpa.group_cipher), true);
        for (Suite s : ies.wpa.pairwise.view()) bits |= wpa_cipher_bits(suite::type_of(s), false);
        for (Suite s : ies.wpa.akms.view()) bits |= wpa_akm_bits(suite::type_of(s));
        if (ies.wpa.version == 1) bits |= general_wpa1;
        if (ies.wpa.version == 2) bits |= general_wpa2;
        if (ies.wpa.version == 3) bits |= general_wpa3;
    }
    if (ies.owe_transition) bits |= kismet_owe_transition_quirk;
    if (privacy && !ies.rsn.present && !ies.wpa.present) bits |= general_wep;
    return bits;
}

std::uint64_t legacy_crypt_set(std::uint64_t b)
{
    namespace lc = legacy_crypt;
    if (b == general_open) return lc::none;
    if (any(b, general_wep)) {
        if (any(b, pairwise_wep40 | group_wep40)) return lc::wep | lc::wep40;
        if (any(b, pairwise_wep104 | group_wep104)) return lc::wep | lc::wep104;
        return lc::wep;
    }
    std::uint64_t out = 0;
    if (any(b, general_wpa1)) out |= lc::wpa | lc::version_wpa;
    if (any(b, general_wpa2)) out |= lc::wpa | lc::version_wpa2;
    if (any(b, general_wpa3)) out |= lc::wpa | lc::version_wpa3;
    if (any(b, psk_family)) out |= lc::psk;
    // Kismet sets crypt_sae on its input instead of its result, so SAE never shows here.
    if (any(b, akm_1x | akm_1x_ft | akm_1x_suiteb_sha256 | akm_1x_suiteb_sha384)) out |= lc::eap;
    if (any(b, akm_owe)) out |= lc::wpa_owe;
    if (any(b, eap_peap)) out |= lc::peap;
    if (any(b, eap_leap)) out |= lc::leap;
    if (any(b, eap_ttls)) out |= lc::ttls;
    if (any(b, eap_tls)) out |= lc::tls;
    if (any(b, pairwise_tkip | group_tkip)) out |= lc::tkip;
    if (any(b, pairwise_ocb | group_ocb)) out |= lc::aes_ocb;
    if (any(b, pairwise_ccmp128 | group_ccmp128 | pairwise_ccmp256 | group_ccmp256)) out |= lc::aes_ccm;
    return out;
}

std::string kismet_crypt_string(std::uint64_t b)
{
    if (b == general_open) return "Open";
    if (any(b, general_wep)) {
        if (any(b, pairwise_wep40 | group_wep40)) return "WEP40";
        if (any(b, pairwise_wep104 | group_wep104)) return "WEP104";
        return "WEP";
    }
    std::string v = "WPA";
    if (any(b, general_wpa1)) v = "WPA1";
    if (any(b, general_wpa2)) v = "WPA2";
    if (any(b, general_wpa3)) v = "WPA3";

    std::string out;
    if (any(b, general_wpa)) append(out, v);
    // One word per AKM bit, so PSK + PSK-SHA256 prints "-PSK" twice, as Kismet does.
    const struct {
        std::uint64_t bit;
        std::string_view suffix;
    } akm_words[] = {
        {akm_psk, "-PSK"}, {akm_psk_ft, "-PSK"}, {akm_psk_sha256, "-PSK"}, {akm_psk_sha384, "-PSK"},
        {akm_psk_sha384_ft, "-PSK"}, {akm_sae, "-SAE"}, {akm_sae_ft, "-SAE"}, {akm_tdls, "-TDLS"},
        {akm_ap_peer, "-AP-PEER"}, {akm_fils_sha256, "-FILS"}, {akm_fils_sha256_ft, "-FILS"},
        {akm_fils_sha384, "-FILS"}, {akm_fils_sha384_ft, "-FILS"},
        {akm_owe, "-SAE"},  // sic: Kismet prints OWE as SAE
        {akm_1x, "-EAP"}, {akm_1x_ft, "-EAP-FT"}, {akm_1x_suiteb_sha256, "-EAP-SUITEB-SHA256"},
        {akm_1x_suiteb_sha384, "-EAP-SUITEB-SHA384"}, {eap_peap, "-PEAP"}, {eap_leap, "-LEAP"},
        {eap_ttls, "-TTLS"}, {eap_tls, "-TLS"},
    };
    for (const auto& w : akm_words)
        if (any(b, w.bit)) append(out, v + std::string(w.suffix));

    const struct {
        std::uint64_t bits;
        std::string_view word;
    } cipher_words[] = {
        {pairwise_tkip | group_tkip, "TKIP"},
        {pairwise_ocb | group_ocb, "AES-OCB"},
        {pairwise_ccmp128 | group_ccmp128, "AES-CCMP"},
        {pairwise_bip_cmac128 | group_bip_cmac128, "AES-BIP-CMAC128"},
        {pairwise_gcmp128 | group_gcmp128, "AES-GCMP128"},
        {pairwise_gcmp256 | group_gcmp256, "AES-GCMP256"},
        {pairwise_ccmp256 | group_ccmp256, "AES-CCMP256"},
        {pairwise_bip_gmac128 | group_bip_gmac128, "AES-BIP-GMAC128"},
        {pairwise_bip_gmac256 | group_bip_gmac256, "AES-BIP-GMAC256"},
        {pairwise_bip_cmac256 | group_bip_cmac256, "AES-BIP-CMAC256"},
    };
    for (const auto& w : cipher_words)
        if (any(b, w.bits)) append(out, w.word);
    return out;
}

std::string crypt_summary(std::uint64_t b)
{
    if (b == general_open) return "Open";
    if (any(b, general_wep)) return "WEP";
    const bool wpa1 = any(b, general_wpa1);
    const bool rsn = any(b, general_wpa2 | general_wpa3) || !wpa1;  // RSN unless only the WPA IE spoke
    std::string out;
    if (any(b, psk_family)) {
        if (wpa1) append(out, "WPA-PSK", "/");
        if (rsn) append(out, "WPA2-PSK", "/");
    }
    if (any(b, sae_family)) append(out, "WPA3-SAE", "/");
    if (any(b, eap_family)) {
        if (wpa1) append(out, "WPA-EAP", "/");
        if (rsn) append(out, any(b, akm_1x_suiteb_sha384) ? "WPA3-EAP" : "WPA2-EAP", "/");
    }
    if (any(b, akm_owe)) append(out, "OWE", "/");
    if (out.empty()) out = any(b, general_wpa) ? "WPA" : "Other";
    return out;
}

} // namespace airsight::dot11
