// airsight SDK: integers read from packet bytes, little- and big-endian, one
// definition for every plugin's parsers. The caller checks the length first:
// these read exactly the bytes they name, from any alignment.
#ifndef AIRSIGHT_BYTE_ORDER_H
#define AIRSIGHT_BYTE_ORDER_H

#include <cstdint>

namespace airsight {

constexpr std::uint16_t load_le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
constexpr std::uint16_t load_be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
constexpr std::uint32_t load_le24(const std::uint8_t* p)
{
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16);
}
constexpr std::uint32_t load_le32(const std::uint8_t* p) { return load_le24(p) | (std::uint32_t{p[3]} << 24); }
constexpr std::uint32_t load_be32(const std::uint8_t* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
constexpr std::uint64_t load_le64(const std::uint8_t* p) { return load_le32(p) | (std::uint64_t{load_le32(p + 4)} << 32); }
constexpr std::uint64_t load_be64(const std::uint8_t* p) { return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4); }

} // namespace airsight

#endif
