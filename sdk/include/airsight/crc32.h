// airsight SDK: CRC-32, the 802.11 frame check sequence (IEEE 802.3
// polynomial, as zlib and Kismet's crc32_fast compute it).
//
// Slice-by-8: eight bytes per step through tables built at compile time.
// The packet path checks the FCS of every frame that carries one, where this
// is several times faster than the byte-wise loop.
#ifndef AIRSIGHT_CRC32_H
#define AIRSIGHT_CRC32_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace airsight {

namespace crc32_detail {

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

// tables[0] is the classic byte table of the reflected polynomial 0xEDB88320;
// tables[s] advances a byte's contribution by s more bytes.
constexpr Tables make_tables()
{
    Tables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        t[0][i] = c;
    }
    for (std::size_t s = 1; s < 8; ++s)
        for (std::size_t i = 0; i < 256; ++i) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    return t;
}

inline constexpr Tables tables = make_tables();

} // namespace crc32_detail

/// The CRC-32 of `data`: initial value and final XOR 0xFFFFFFFF. An 802.11
/// FCS is this value, sent least significant byte first.
inline std::uint32_t crc32(std::span<const std::uint8_t> data)
{
    const auto& t = crc32_detail::tables;
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    std::uint32_t c = 0xFFFFFFFFu;
    for (; n >= 8; n -= 8, p += 8) {
        const std::uint32_t lo = c ^ (std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
                                      std::uint32_t{p[3]} << 24);
        const std::uint32_t hi =
            std::uint32_t{p[4]} | std::uint32_t{p[5]} << 8 | std::uint32_t{p[6]} << 16 | std::uint32_t{p[7]} << 24;
        c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^ t[3][hi & 0xff] ^
            t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    }
    for (; n > 0; --n) c = t[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

} // namespace airsight

#endif
