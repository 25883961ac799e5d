// The BLE link-layer CRC (Core spec Vol 6 Part B 3.1.1): 24 bits, polynomial
// x^24 + x^10 + x^9 + x^6 + x^4 + x^3 + x + 1, over the PDU (header and
// payload), the shift register preset to the CRCInit (0x555555 on the
// advertising channels). The CRC is sent most significant bit first, so its
// three bytes read as a little-endian number equal the bit-reversed register;
// crc24() computes in the reflected form so that they compare directly.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_CRC24_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_CRC24_H

#include "dissect/bytes.h"

#include <cstdint>

namespace airsight::btle {

/// CRCInit of every advertising-channel PDU.
inline constexpr std::uint32_t kAdvertisingCrcInit = 0x555555;

/// The CRC of `pdu` for a CRCInit as the spec writes it (0x555555), in the
/// order the three CRC bytes read little-endian (load_le24 of them).
std::uint32_t crc24(std::uint32_t crc_init, Bytes pdu);

} // namespace airsight::btle

#endif
