#include "eapol.h"

namespace airsight::dot11 {

namespace {

constexpr std::uint8_t eapol_type_key = 3;
constexpr std::uint8_t kde_element_id = 0xdd;
constexpr std::uint32_t kde_oui_ieee = 0x000fac;
constexpr std::uint8_t kde_type_pmkid = 4;
constexpr std::size_t pmkid_length = 16;

// Key data is a list of KDEs (vendor-IE shaped); returns the first PMKID.
Bytes find_pmkid(Bytes key_data)
{
    Cursor c(key_data);
    while (c.remaining() >= 2) {
        const std::uint8_t id = c.u8();
        const std::uint8_t length = c.u8();
        const Bytes element = c.take(length);
        if (c.failed()) break;
        if (id == kde_element_id && element.size() >= 4 + pmkid_length && load_oui(element.data()) == kde_oui_ieee &&
            element[3] == kde_type_pmkid)
            return element.subspan(4, pmkid_length);
    }
    return {};
}

} // namespace

std::uint8_t EapolKey::message_number() const
{
    if (ack() && !has_mic() && !install()) return 1;
    if (has_mic() && !ack() && !install()) return key_data_length != 0 ? 2 : 4;
    if (has_mic() && ack()) return 3;
    return 0;
}

std::optional<Eapol> parse_eapol(Bytes payload)
{
    Cursor c(payload);
    Eapol eapol;
    eapol.version = c.u8();
    eapol.type = c.u8();
    eapol.length = c.be16();
    if (c.failed()) return std::nullopt;
    if (eapol.type != eapol_type_key) return eapol;

    EapolKey key;
    key.descriptor_type = c.u8();
    key.key_info = c.be16();
    key.key_length = c.be16();
    key.replay_counter = c.be64();
    key.nonce = c.take(32);
    c.skip(16 + 8 + 8);  // key IV, RSC, reserved ID
    key.mic = c.take(16);
    key.key_data_length = c.be16();
    if (c.failed()) return eapol;  // fixed part incomplete: no key fields to trust

    key.key_data_truncated = c.remaining() < key.key_data_length;
    key.key_data = c.take(key.key_data_truncated ? c.remaining() : key.key_data_length);
    if (!key.encrypted_key_data()) key.pmkid = find_pmkid(key.key_data);
    eapol.key = key;
    return eapol;
}

} // namespace airsight::dot11
