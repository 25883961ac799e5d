// Signed little-endian reads and printable text for the UAV decoders (bounds are the caller's).
#ifndef AIRSIGHT_PHYS_UAV_DECODE_BYTES_H
#define AIRSIGHT_PHYS_UAV_DECODE_BYTES_H

#include <airsight/byte_order.h>

#include <cstdint>
#include <span>
#include <string>

namespace airsight::uav {

using Bytes = std::span<const std::uint8_t>;

// Signed fields of the F3411 messages, read through the SDK's loaders.
inline std::int16_t les16(const std::uint8_t* p) { return static_cast<std::int16_t>(load_le16(p)); }
inline std::int32_t les32(const std::uint8_t* p) { return static_cast<std::int32_t>(load_le32(p)); }

/// A fixed-size text field: ends at the first NUL; bytes outside printable
/// ASCII become '?', so a record never carries control characters.
inline std::string printable(Bytes field)
{
    std::string out;
    for (std::uint8_t c : field) {
        if (c == 0) break;
        out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
    }
    return out;
}

} // namespace airsight::uav

#endif
