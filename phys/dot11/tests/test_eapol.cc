// EAPOL-Key: Kismet's handshake message numbering, replay counter, nonce, PMKID.
#include "byte_builder.h"
#include "dissect/eapol.h"
#include "dissect/frame.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace airsight::dot11;
using airsight::dot11::test::ByteBuilder;

namespace {

constexpr std::uint16_t info_pairwise = 0x0008, info_install = 0x0040, info_ack = 0x0080, info_mic = 0x0100,
                        info_secure = 0x0200, info_encrypted = 0x1000, info_version2 = 0x0002;

// EAPOL header + EAPOL-Key body (RSN descriptor) with a nonce of `nonce_byte`s.
ByteBuilder eapol_key(std::uint16_t key_info, std::uint64_t replay, std::uint8_t nonce_byte, Bytes key_data)
{
    ByteBuilder b;
    b.u8(2).u8(3).be16(static_cast<std::uint16_t>(95 + key_data.size()));
    b.u8(2).be16(key_info).be16(16).be64(replay);
    for (int i = 0; i < 32; ++i) b.u8(nonce_byte);
    b.zeros(16 + 8 + 8);             // IV, RSC, reserved
    b.zeros(16);                     // MIC
    b.be16(static_cast<std::uint16_t>(key_data.size())).bytes(key_data);
    return b;
}

// A data frame carrying `payload` after an RFC 1042 SNAP header for EAPOL.
ByteBuilder eapol_frame(std::uint8_t ds_flags, Bytes payload)
{
    ByteBuilder b;
    b.u8(0x08).u8(ds_flags).le16(0);
    b.mac("00:11:22:33:44:55").mac("66:77:88:99:aa:bb").mac("00:11:22:33:44:55").le16(0x0010);
    b.bytes({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e}).bytes(payload);
    return b;
}

ByteBuilder pmkid_kde()
{
    ByteBuilder kde;
    kde.u8(0xdd).u8(20).bytes({0x00, 0x0f, 0xac, 0x04});
    for (std::uint8_t i = 1; i <= 16; ++i) kde.u8(i);
    return kde;
}

} // namespace

TEST_CASE("EAPOL-Key messages 1-4 are numbered as Kismet numbers them")
{
    const ByteBuilder rsn_ie = ByteBuilder().ie(48, {1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2});
    const ByteBuilder kde = pmkid_kde();
    const ByteBuilder wrapped_gtk = ByteBuilder().zeros(56);

    const ByteBuilder m1 = eapol_key(info_version2 | info_pairwise | info_ack, 1, 0xa1, kde.span());
    const ByteBuilder m2 = eapol_key(info_version2 | info_pairwise | info_mic, 1, 0xb2, rsn_ie.span());
    const ByteBuilder m3 = eapol_key(info_version2 | info_pairwise | info_install | info_ack | info_mic | info_secure |
                                         info_encrypted,
                                     2, 0xa1, wrapped_gtk.span());
    const ByteBuilder m4 = eapol_key(info_version2 | info_pairwise | info_mic | info_secure, 2, 0x00, {});

    const struct {
        const ByteBuilder* body;
        std::uint8_t number;
        std::uint64_t replay;
        std::uint8_t nonce;
        bool install;
    } expected[] = {{&m1, 1, 1, 0xa1, false}, {&m2, 2, 1, 0xb2, false}, {&m3, 3, 2, 0xa1, true}, {&m4, 4, 2, 0, false}};

    for (const auto& e : expected) {
        const auto eapol = parse_eapol(e.body->span());
        REQUIRE(eapol);
        CHECK(eapol->type == 3);
        REQUIRE(eapol->key);
        const EapolKey& k = *eapol->key;
        CHECK(k.message_number() == e.number);
        CHECK(k.replay_counter == e.replay);
        CHECK(k.install() == e.install);
        CHECK(k.descriptor_type == 2);
        CHECK(k.descriptor_version() == 2);
        REQUIRE(k.nonce.size() == 32);
        CHECK(std::all_of(k.nonce.begin(), k.nonce.end(), [&](std::uint8_t b) { return b == e.nonce; }));
    }

    // M1's PMKID KDE; M3's key data is encrypted, so it is not searched.
    const auto k1 = parse_eapol(m1.span())->key;
    REQUIRE(k1->pmkid.size() == 16);
    CHECK(k1->pmkid[0] == 1);
    CHECK(k1->pmkid[15] == 16);
    CHECK(parse_eapol(m2.span())->key->pmkid.empty());
    CHECK(parse_eapol(m3.span())->key->pmkid.empty());
    CHECK(parse_eapol(m4.span())->key->key_data_length == 0);
}

TEST_CASE("EAPOL through parse_frame: LLC/SNAP, direction, key fields")
{
    const ByteBuilder key = eapol_key(info_version2 | info_pairwise | info_ack, 0x0102030405060708ull, 0x5a, {});
    const ByteBuilder frame = eapol_frame(0x02, key.span());
    const Frame f = parse_frame(frame.span());
    REQUIRE(f.ok);
    CHECK(f.ethertype == ethertype_eapol);
    CHECK(f.distribution == Distribution::from_ds);
    REQUIRE(f.eapol);
    REQUIRE(f.eapol->key);
    CHECK(f.eapol->key->message_number() == 1);
    CHECK(f.eapol->key->replay_counter == 0x0102030405060708ull);
}

TEST_CASE("EAPOL: truncated keys and non-key types")
{
    const ByteBuilder full = eapol_key(info_pairwise | info_ack, 1, 0x11, pmkid_kde().span());
    const std::vector<std::uint8_t>& v = full.vec();

    // Cut inside the fixed key part: the EAPOL header stays, the key does not.
    const auto cut_fixed = parse_eapol(Bytes(v).first(50));
    REQUIRE(cut_fixed);
    CHECK_FALSE(cut_fixed->key);

    // Cut inside the key data: fields kept, data flagged truncated, no PMKID invented.
    const auto cut_data = parse_eapol(Bytes(v).first(v.size() - 5));
    REQUIRE(cut_data);
    REQUIRE(cut_data->key);
    CHECK(cut_data->key->key_data_truncated);
    CHECK(cut_data->key->pmkid.empty());

    CHECK_FALSE(parse_eapol(Bytes(v).first(3)));

    const std::uint8_t start[] = {1, 1, 0, 0};
    const auto eapol_start = parse_eapol(start);
    REQUIRE(eapol_start);
    CHECK(eapol_start->type == 1);
    CHECK_FALSE(eapol_start->key);
}

TEST_CASE("EAPOL: key info without a handshake meaning is message 0")
{
    ByteBuilder b = eapol_key(info_pairwise | info_install | info_ack, 1, 0, {});
    CHECK(parse_eapol(b.span())->key->message_number() == 0);
}
