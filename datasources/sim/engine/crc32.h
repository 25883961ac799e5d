// CRC-32 (IEEE 802.3), the 802.11 frame check sequence.
#ifndef AIRSIGHT_SIM_CRC32_H
#define AIRSIGHT_SIM_CRC32_H

#include <cstddef>
#include <cstdint>

namespace airsight::sim {

/// The FCS of `n` bytes: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF.
/// Sent on the air (and stored in captures) least significant byte first.
std::uint32_t crc32(const std::uint8_t* data, std::size_t n);

} // namespace airsight::sim

#endif
