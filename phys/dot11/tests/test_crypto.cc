// Crypt bitfield, Kismet's legacy set and strings, and the short summary.
#include "byte_builder.h"
#include "dissect/crypto.h"

#include <doctest/doctest.h>

using namespace airsight::dot11;
using airsight::dot11::test::ByteBuilder;

namespace {

ByteBuilder rsn(std::uint8_t group, std::initializer_list<std::uint8_t> pairwise, std::initializer_list<std::uint8_t> akms)
{
    ByteBuilder body;
    body.le16(1).bytes({0x00, 0x0f, 0xac, group}).le16(static_cast<std::uint16_t>(pairwise.size()));
    for (std::uint8_t p : pairwise) body.bytes({0x00, 0x0f, 0xac, p});
    body.le16(static_cast<std::uint16_t>(akms.size()));
    for (std::uint8_t a : akms) body.bytes({0x00, 0x0f, 0xac, a});
    body.le16(0);
    return ByteBuilder().ie(48, body.span());
}

ByteBuilder wpa1(std::uint8_t cipher, std::uint8_t akm)
{
    return ByteBuilder().ie(221, {0x00, 0x50, 0xf2, 1, 1, 0, 0x00, 0x50, 0xf2, cipher, 1, 0, 0x00, 0x50, 0xf2, cipher, 1,
                                  0, 0x00, 0x50, 0xf2, akm});
}

std::uint64_t bits_of(const ByteBuilder& ies, bool privacy = true) { return crypt_bitfield(parse_ies(ies.span()), privacy); }

} // namespace

TEST_CASE("open and WEP")
{
    const std::uint64_t open = bits_of(ByteBuilder().ie(0, {'a'}), false);
    CHECK(open == crypt::general_open);
    CHECK(kismet_crypt_string(open) == "Open");
    CHECK(crypt_summary(open) == "Open");
    CHECK(legacy_crypt_set(open) == legacy_crypt::none);

    // Privacy bit without RSN/WPA IEs: the classic WEP rule.
    const std::uint64_t wep = bits_of(ByteBuilder().ie(0, {'a'}), true);
    CHECK(wep == crypt::general_wep);
    CHECK(kismet_crypt_string(wep) == "WEP");
    CHECK(crypt_summary(wep) == "WEP");
    CHECK(legacy_crypt_set(wep) == legacy_crypt::wep);
}

TEST_CASE("WPA2-PSK CCMP matches Kismet's bitfield, legacy set and string")
{
    const std::uint64_t b = bits_of(rsn(4, {4}, {2}));
    // wpa + wpa2 + group CCMP + pairwise CCMP + AKM PSK = 2 + 8 + 1024 + 67108864 + 274877906944.
    CHECK(b == 274945016842ull);
    CHECK(kismet_crypt_string(b) == "WPA2 WPA2-PSK AES-CCMP");
    CHECK(crypt_summary(b) == "WPA2-PSK");
    CHECK(legacy_crypt_set(b) == (legacy_crypt::wpa | legacy_crypt::version_wpa2 | legacy_crypt::psk |
                                  legacy_crypt::aes_ccm));
}

TEST_CASE("WPA1 TKIP PSK and WPA+WPA2 mixed mode")
{
    const std::uint64_t w1 = bits_of(wpa1(2, 2));
    CHECK((w1 & crypt::general_wpa1));
    CHECK((w1 & crypt::pairwise_tkip));
    CHECK(kismet_crypt_string(w1) == "WPA1 WPA1-PSK TKIP");
    CHECK(crypt_summary(w1) == "WPA-PSK");
    CHECK(legacy_crypt_set(w1) == (legacy_crypt::wpa | legacy_crypt::version_wpa | legacy_crypt::psk | legacy_crypt::tkip));

    ByteBuilder mixed = wpa1(2, 2);
    mixed.bytes(rsn(2, {2, 4}, {2}).span());
    const std::uint64_t m = bits_of(mixed);
    CHECK(kismet_crypt_string(m) == "WPA2 WPA2-PSK TKIP AES-CCMP");
    CHECK(crypt_summary(m) == "WPA-PSK/WPA2-PSK");
}

TEST_CASE("WPA3: SAE, transition mode, OWE, enterprise")
{
    const std::uint64_t sae = bits_of(rsn(4, {4}, {8}));
    CHECK((sae & crypt::akm_sae));
    CHECK((sae & crypt::general_wpa3));
    CHECK(kismet_crypt_string(sae) == "WPA3 WPA3-SAE AES-CCMP");
    CHECK(crypt_summary(sae) == "WPA3-SAE");
    // Kismet's legacy conversion drops SAE (it sets the bit on its input by mistake).
    CHECK((legacy_crypt_set(sae) & legacy_crypt::sae) == 0);
    CHECK((legacy_crypt_set(sae) & legacy_crypt::version_wpa3));

    const std::uint64_t transition = bits_of(rsn(4, {4}, {2, 8}));
    CHECK(crypt_summary(transition) == "WPA2-PSK/WPA3-SAE");
    CHECK(kismet_crypt_string(transition) == "WPA3 WPA3-PSK WPA3-SAE AES-CCMP");

    const std::uint64_t owe = bits_of(rsn(4, {4}, {18}));
    CHECK((owe & crypt::akm_owe));
    CHECK(crypt_summary(owe) == "OWE");
    CHECK(kismet_crypt_string(owe) == "WPA3 WPA3-SAE AES-CCMP");  // sic: Kismet labels OWE "-SAE"
    CHECK((legacy_crypt_set(owe) & legacy_crypt::wpa_owe));

    const std::uint64_t eap = bits_of(rsn(4, {4}, {1}));
    CHECK(crypt_summary(eap) == "WPA2-EAP");
    CHECK(kismet_crypt_string(eap) == "WPA2 WPA2-EAP AES-CCMP");
    CHECK((legacy_crypt_set(eap) & legacy_crypt::eap));

    const std::uint64_t ft = bits_of(rsn(4, {4}, {2, 4}));
    CHECK((ft & crypt::akm_psk_ft));
    CHECK(kismet_crypt_string(ft) == "WPA2 WPA2-PSK WPA2-PSK AES-CCMP");
}

TEST_CASE("GCMP and the RSN-with-TKIP-only corner")
{
    const std::uint64_t gcmp = bits_of(rsn(9, {9}, {24}));
    CHECK((gcmp & crypt::pairwise_gcmp256));
    CHECK((gcmp & crypt::group_gcmp256));

    // Kismet raises wpa2 only from RSN pairwise ciphers; TKIP alone leaves plain "WPA".
    const std::uint64_t tkip = bits_of(rsn(2, {2}, {2}));
    CHECK_FALSE((tkip & crypt::general_wpa2));
    CHECK(kismet_crypt_string(tkip) == "WPA WPA-PSK TKIP");
}

TEST_CASE("privacy does not add WEP when RSN or WPA is present")
{
    CHECK_FALSE((bits_of(rsn(4, {4}, {2}), true) & crypt::general_wep));
    CHECK_FALSE((bits_of(wpa1(2, 2), true) & crypt::general_wep));
}
