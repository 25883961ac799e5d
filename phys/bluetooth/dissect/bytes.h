// Little-endian loads over packet bytes, and the Bluetooth address order:
// BLE sends a device address least significant octet first, while its
// printed form (and MacAddr) starts with the most significant one.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_BYTES_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_BYTES_H

#include <airsight/mac.h>

#include <cstdint>
#include <span>

namespace airsight::btle {

using Bytes = std::span<const std::uint8_t>;

inline std::uint16_t load_le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
inline std::uint16_t load_be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
inline std::uint32_t load_le24(const std::uint8_t* p)
{
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16);
}
inline std::uint32_t load_le32(const std::uint8_t* p) { return load_le24(p) | (std::uint32_t{p[3]} << 24); }

/// A device address as sent on air (6 octets, least significant first).
inline MacAddr load_bd_addr(const std::uint8_t* p)
{
    MacAddr m;
    for (int i = 0; i < 6; ++i) m.bytes[i] = p[5 - i];
    return m;
}

} // namespace airsight::btle

#endif
