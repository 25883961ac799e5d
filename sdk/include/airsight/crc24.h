// airsight SDK: CRC-24, the Bluetooth LE link-layer CRC (Core spec Vol 6
// Part B 3.1.1): polynomial x^24 + x^10 + x^9 + x^6 + x^4 + x^3 + x + 1 over
// the PDU (header and payload), the shift register preset to the CRCInit
// (0x555555 on the advertising channels).
//
// Shared because two plugins need the same answer: the BTLE PHY checks the
// CRC of captured packets, the simulator computes it for the packets it sends.
// The CRC goes on air most significant bit first, so its three bytes read as a
// little-endian number (load_le24) equal the bit-reversed register; crc24()
// computes in that reflected form, so the two compare directly.
#ifndef AIRSIGHT_CRC24_H
#define AIRSIGHT_CRC24_H

#include <cstdint>
#include <span>

namespace airsight::btle {

/// CRCInit of every advertising-channel PDU.
inline constexpr std::uint32_t kAdvertisingCrcInit = 0x555555;

/// The CRC of `pdu` for a CRCInit as the spec writes it (0x555555), in the
/// order the three CRC bytes read little-endian: append it least significant
/// byte first.
constexpr std::uint32_t crc24(std::uint32_t crc_init, std::span<const std::uint8_t> pdu)
{
    // The register starts as the bit-reversed CRCInit; bits enter least
    // significant first, as BLE sends each byte; 0xDA6000 is the polynomial
    // 0x00065B bit-reversed.
    std::uint32_t lfsr = 0;
    for (int i = 0; i < 24; ++i) lfsr |= ((crc_init >> i) & 1u) << (23 - i);
    for (std::uint8_t byte : pdu) {
        for (int bit = 0; bit < 8; ++bit) {
            const bool in = ((byte ^ lfsr) & 1u) != 0;
            lfsr >>= 1;
            byte = static_cast<std::uint8_t>(byte >> 1);
            if (in) lfsr ^= 0xDA6000u;
        }
    }
    return lfsr;
}

} // namespace airsight::btle

#endif
