#include "crc32.h"

#include <array>

namespace airsight::dot11 {

namespace {

constexpr std::array<std::uint32_t, 256> make_table()
{
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}

constexpr auto table = make_table();

} // namespace

std::uint32_t crc32(Bytes data)
{
    std::uint32_t c = 0xffffffffu;
    for (std::uint8_t b : data) c = table[(c ^ b) & 0xff] ^ (c >> 8);
    return ~c;
}

} // namespace airsight::dot11
