#include "wsc.h"

#include <algorithm>

namespace airsight::dot11 {

namespace {

constexpr std::uint8_t eapol_type_eap_packet = 0;
constexpr std::uint8_t eap_type_expanded = 254;
constexpr std::uint32_t wfa_vendor_id = 0x00372a;
constexpr std::uint32_t wfa_vendor_type_simple_config = 1;
constexpr std::uint8_t wsc_flag_length_field = 0x02;
constexpr std::uint16_t attribute_message_type = 0x1022;

} // namespace

std::optional<WscMessage> parse_wsc(Bytes eapol)
{
    Cursor header(eapol);
    header.skip(1);  // EAPOL version
    const std::uint8_t type = header.u8();
    header.skip(2);  // EAPOL body length: the EAP length below bounds the packet
    const Bytes eap_bytes = header.rest();
    if (header.failed() || type != eapol_type_eap_packet) return std::nullopt;

    Cursor eap(eap_bytes);
    WscMessage out;
    out.eap_code = eap.u8();
    eap.skip(1);  // identifier
    const std::uint16_t eap_length = eap.be16();
    const std::uint8_t eap_type = eap.u8();
    const std::uint32_t vendor_id = eap.oui();
    const std::uint32_t vendor_type = static_cast<std::uint32_t>(eap.be16()) << 16 | eap.be16();
    eap.skip(1);  // op-code
    const std::uint8_t flags = eap.u8();
    if (flags & wsc_flag_length_field) eap.skip(2);
    if (eap.failed() || eap_type != eap_type_expanded || vendor_id != wfa_vendor_id ||
        vendor_type != wfa_vendor_type_simple_config)
        return std::nullopt;

    // The attributes end where the EAP length says (or the capture does).
    const std::size_t end = std::min<std::size_t>(eap_length, eap_bytes.size());
    if (end <= eap.offset()) return std::nullopt;
    Cursor attributes(eap_bytes.subspan(eap.offset(), end - eap.offset()));
    while (attributes.remaining() >= 4) {
        const std::uint16_t id = attributes.be16();
        const std::uint16_t length = attributes.be16();
        const Bytes value = attributes.take(length);
        if (attributes.failed()) break;
        if (id == attribute_message_type && length >= 1) {
            out.message_type = value[0];
            return out;
        }
    }
    return std::nullopt;
}

} // namespace airsight::dot11
