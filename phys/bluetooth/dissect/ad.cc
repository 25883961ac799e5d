#include "dissect/ad.h"

#include <airsight/hex.h>

namespace airsight::btle {
namespace {

// The base UUID's last 12 bytes (after the 32-bit value).
constexpr std::array<std::uint8_t, 12> kBaseTail{0x00, 0x00, 0x10, 0x00, 0x80, 0x00,
                                                 0x00, 0x80, 0x5F, 0x9B, 0x34, 0xFB};

void add_uuids(Bytes data, std::size_t width, std::vector<Uuid>& out, bool& malformed)
{
    if (data.size() % width != 0) malformed = true;
    for (std::size_t at = 0; at + width <= data.size(); at += width) {
        const std::uint8_t* p = data.data() + at;
        if (width == 2)
            out.push_back(Uuid::from_short(load_le16(p)));
        else if (width == 4)
            out.push_back(Uuid::from_short(load_le32(p)));
        else
            out.push_back(Uuid::from_le128(p));
    }
}

void add_service_data(Bytes data, std::size_t width, AdvertisingData& out)
{
    if (data.size() < width) {
        out.malformed = true;
        return;
    }
    const std::uint8_t* p = data.data();
    const Uuid u = width == 2 ? Uuid::from_short(load_le16(p)) : width == 4 ? Uuid::from_short(load_le32(p))
                                                                             : Uuid::from_le128(p);
    out.service_data.push_back(ServiceData{u, data.subspan(width)});
}

} // namespace

Uuid Uuid::from_short(std::uint32_t value)
{
    Uuid u;
    for (int i = 0; i < 4; ++i) u.bytes[i] = static_cast<std::uint8_t>(value >> (8 * (3 - i)));
    for (std::size_t i = 0; i < kBaseTail.size(); ++i) u.bytes[4 + i] = kBaseTail[i];
    return u;
}

Uuid Uuid::from_le128(const std::uint8_t* p)
{
    Uuid u;
    for (int i = 0; i < 16; ++i) u.bytes[i] = p[15 - i];
    return u;
}

std::string Uuid::str() const
{
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex_digit(bytes[i] >> 4, true);
        s += hex_digit(bytes[i], true);
    }
    return s;
}

std::optional<std::uint16_t> Uuid::short16() const
{
    if (bytes[0] != 0 || bytes[1] != 0) return std::nullopt;
    for (std::size_t i = 0; i < kBaseTail.size(); ++i)
        if (bytes[4 + i] != kBaseTail[i]) return std::nullopt;
    return static_cast<std::uint16_t>((bytes[2] << 8) | bytes[3]);
}

void AdvertisingData::clear()
{
    flags.reset();
    tx_power.reset();
    appearance.reset();
    name = {};
    name_complete = false;
    service_uuids.clear();
    solicitation_uuids.clear();
    service_data.clear();
    manufacturer.clear();
    structures = 0;
    longest = 0;
    malformed = false;
}

void parse_advertising_data(Bytes data, AdvertisingData& out)
{
    out.clear();
    std::size_t at = 0;
    while (at < data.size()) {
        const std::size_t length = data[at];
        if (length == 0) break; // padding to the end
        if (at + 1 + length > data.size()) {
            out.malformed = true;
            break;
        }
        ++out.structures;
        if (length > out.longest) out.longest = length;
        const std::uint8_t type = data[at + 1];
        const Bytes body = data.subspan(at + 2, length - 1);
        switch (type) {
        case ad_type::flags:
            if (body.size() >= 1) out.flags = body[0];
            else out.malformed = true;
            break;
        case ad_type::uuid16_incomplete:
        case ad_type::uuid16_complete: add_uuids(body, 2, out.service_uuids, out.malformed); break;
        case ad_type::uuid32_incomplete:
        case ad_type::uuid32_complete: add_uuids(body, 4, out.service_uuids, out.malformed); break;
        case ad_type::uuid128_incomplete:
        case ad_type::uuid128_complete: add_uuids(body, 16, out.service_uuids, out.malformed); break;
        case ad_type::solicit16: add_uuids(body, 2, out.solicitation_uuids, out.malformed); break;
        case ad_type::solicit32: add_uuids(body, 4, out.solicitation_uuids, out.malformed); break;
        case ad_type::solicit128: add_uuids(body, 16, out.solicitation_uuids, out.malformed); break;
        case ad_type::name_short:
        case ad_type::name_complete:
            // A complete name wins over a shortened one in the same advertisement.
            if (type == ad_type::name_complete || !out.name_complete) {
                out.name = body;
                out.name_complete = type == ad_type::name_complete;
            }
            break;
        case ad_type::tx_power:
            if (body.size() >= 1) out.tx_power = static_cast<std::int8_t>(body[0]);
            else out.malformed = true;
            break;
        case ad_type::appearance:
            if (body.size() >= 2) out.appearance = load_le16(body.data());
            else out.malformed = true;
            break;
        case ad_type::service_data16: add_service_data(body, 2, out); break;
        case ad_type::service_data32: add_service_data(body, 4, out); break;
        case ad_type::service_data128: add_service_data(body, 16, out); break;
        case ad_type::manufacturer:
            if (body.size() >= 2) out.manufacturer.push_back(ManufacturerData{load_le16(body.data()), body.subspan(2)});
            else out.malformed = true;
            break;
        default: break; // other types are kept only as the raw bytes
        }
        at += 1 + length;
    }
}

} // namespace airsight::btle
