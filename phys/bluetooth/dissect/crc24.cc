#include "dissect/crc24.h"

namespace airsight::btle {
namespace {

std::uint32_t reverse24(std::uint32_t v)
{
    std::uint32_t r = 0;
    for (int i = 0; i < 24; ++i) r |= ((v >> i) & 1u) << (23 - i);
    return r;
}

} // namespace

std::uint32_t crc24(std::uint32_t crc_init, Bytes pdu)
{
    // Reflected: bits enter least significant first, as BLE sends each byte;
    // 0xDA6000 is the polynomial 0x00065B bit-reversed.
    std::uint32_t lfsr = reverse24(crc_init & 0xFFFFFF);
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
