#include "remote_id.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace airsight::sim::rid {
namespace {

constexpr std::uint64_t kUnix2019 = 1'546'300'800; // 2019-01-01 00:00:00 UTC, F3411's epoch
constexpr std::uint8_t kMaxPack = 9;

std::uint8_t header(Type t) { return static_cast<std::uint8_t>((static_cast<unsigned>(t) << 4) | kProtocolVersion); }

void put_le16(std::uint8_t* p, std::uint16_t v)
{
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}

void put_le32(std::uint8_t* p, std::uint32_t v)
{
    put_le16(p, static_cast<std::uint16_t>(v));
    put_le16(p + 2, static_cast<std::uint16_t>(v >> 16));
}

// Text fields are NUL padded; longer text is cut (the world's IDs fit).
void put_text(std::uint8_t* p, std::size_t size, std::string_view s)
{
    std::copy_n(s.begin(), std::min(size, s.size()), p);
}

} // namespace

std::int32_t encode_lat_lon(double degrees) { return static_cast<std::int32_t>(std::llround(degrees * 1e7)); }

std::uint16_t encode_altitude(double metres)
{
    const long long code = std::llround((metres + 1000.0) / 0.5);
    return static_cast<std::uint16_t>(std::clamp<long long>(code, 0, 0xFFFF));
}

SpeedCode encode_speed(double mps)
{
    if (mps <= 255 * 0.25) return {static_cast<std::uint8_t>(std::llround(std::max(0.0, mps) / 0.25)), false};
    // 254 at most: 255 with the multiplier means "unknown".
    return {static_cast<std::uint8_t>(std::min<long long>(254, std::llround((mps - 255 * 0.25) / 0.75))), true};
}

DirectionCode encode_direction(double degrees)
{
    const long long whole = ((std::llround(degrees) % 360) + 360) % 360;
    if (whole < 180) return {static_cast<std::uint8_t>(whole), false};
    return {static_cast<std::uint8_t>(whole - 180), true};
}

Message basic_id(std::uint8_t id_type, std::uint8_t ua_type, std::string_view uas_id)
{
    Message m{};
    m[0] = header(Type::BasicId);
    m[1] = static_cast<std::uint8_t>((id_type << 4) | (ua_type & 0x0F));
    put_text(&m[2], 20, uas_id);
    return m;
}

Message location(const Location& l)
{
    Message m{};
    const DirectionCode direction = encode_direction(l.direction_deg);
    const SpeedCode speed = encode_speed(l.speed_mps);
    m[0] = header(Type::Location);
    // Status, then flags: height type 0 (above take-off), E/W direction segment, speed multiplier.
    m[1] = static_cast<std::uint8_t>((l.status << 4) | (direction.east_west ? 0x02 : 0) | (speed.multiplier ? 0x01 : 0));
    m[2] = direction.value;
    m[3] = speed.value;
    const long long vertical = std::clamp<long long>(std::llround(l.vertical_mps / 0.5), -124, 124); // 0.5 m/s, +-62 m/s
    m[4] = static_cast<std::uint8_t>(static_cast<std::int8_t>(vertical));
    put_le32(&m[5], static_cast<std::uint32_t>(encode_lat_lon(l.lat)));
    put_le32(&m[9], static_cast<std::uint32_t>(encode_lat_lon(l.lon)));
    put_le16(&m[13], 0); // pressure altitude: unknown (-1000 m)
    put_le16(&m[15], encode_altitude(l.altitude_geo_m));
    put_le16(&m[17], encode_altitude(l.height_m));
    m[19] = (4 << 4) | 11; // vertical accuracy < 10 m, horizontal < 3 m
    m[20] = (0 << 4) | 3;  // barometric accuracy unknown, speed accuracy < 1 m/s
    put_le16(&m[21], static_cast<std::uint16_t>((l.time_usec / 100'000) % 36'000));
    m[23] = 1; // timestamp accuracy 0.1 s
    return m;
}

Message system(const System& s)
{
    Message m{};
    m[0] = header(Type::System);
    m[1] = static_cast<std::uint8_t>(s.operator_location_type & 0x03); // classification type 0: undeclared
    put_le32(&m[2], static_cast<std::uint32_t>(encode_lat_lon(s.operator_lat)));
    put_le32(&m[6], static_cast<std::uint32_t>(encode_lat_lon(s.operator_lon)));
    put_le16(&m[10], 1); // area count
    m[12] = 0;           // area radius, 10 m units
    put_le16(&m[13], 0); // area ceiling: unknown
    put_le16(&m[15], 0); // area floor: unknown
    m[17] = 0;           // EU category and class: undeclared
    put_le16(&m[18], encode_altitude(s.operator_altitude_geo_m));
    const std::uint64_t seconds = s.time_usec / 1'000'000;
    put_le32(&m[20], static_cast<std::uint32_t>(seconds > kUnix2019 ? seconds - kUnix2019 : 0));
    return m;
}

Message operator_id(std::string_view id)
{
    Message m{};
    m[0] = header(Type::OperatorId);
    m[1] = 0; // operator ID type 0
    put_text(&m[2], 20, id);
    return m;
}

void append_pack(ByteSink& out, std::span<const Message> messages)
{
    if (messages.empty() || messages.size() > kMaxPack)
        throw std::logic_error("Remote ID message pack of " + std::to_string(messages.size()) + " messages (1-9 fit)");
    out.u8(header(Type::Pack));
    out.u8(static_cast<std::uint8_t>(kMessageSize));
    out.u8(static_cast<std::uint8_t>(messages.size()));
    for (const Message& m : messages) out.bytes(m.data(), m.size());
}

} // namespace airsight::sim::rid
