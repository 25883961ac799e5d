// CRC-32 (IEEE 802.3 / zlib polynomial), as Kismet's crc32_fast computes it.
#ifndef AIRSIGHT_DOT11_CRC32_H
#define AIRSIGHT_DOT11_CRC32_H

#include "cursor.h"

#include <cstdint>

namespace airsight::dot11 {

std::uint32_t crc32(Bytes data);

} // namespace airsight::dot11

#endif
