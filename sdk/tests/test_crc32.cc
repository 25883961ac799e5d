#include <airsight/crc32.h>

#include <doctest/doctest.h>

#include <cstdint>
#include <string_view>
#include <vector>

using airsight::crc32;

namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s)
{
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The bit-at-a-time definition, to check the sliced tables against.
std::uint32_t crc32_bitwise(std::span<const std::uint8_t> data)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::uint8_t b : data) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    }
    return ~c;
}

// A data frame (a TCP SYN) from 80211http.pcap, frame 1, whose radiotap
// header says it ends in its FCS: 0xfa82ac38, least significant byte first.
constexpr std::uint8_t kRealFrame[] = {
    0x08, 0x01, 0x02, 0x01, 0x88, 0x25, 0x93, 0x40, 0x6b, 0x6f, 0xf8, 0xa9, 0xd0, 0x1e, 0x90, 0xa3,
    0x88, 0x25, 0x93, 0x40, 0x6b, 0x6f, 0x20, 0xb7, 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00,
    0x45, 0x00, 0x00, 0x3c, 0xf9, 0x31, 0x40, 0x00, 0x40, 0x06, 0x61, 0x30, 0xac, 0x05, 0x05, 0x71,
    0x0e, 0x11, 0x20, 0xd3, 0xc1, 0x09, 0x00, 0x50, 0x96, 0x74, 0x0d, 0xd6, 0x00, 0x00, 0x00, 0x00,
    0xa0, 0x02, 0xff, 0xff, 0x0d, 0x1b, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a,
    0xff, 0xff, 0xf4, 0xe7, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x06, 0x38, 0xac, 0x82, 0xfa,
};

} // namespace

TEST_CASE("CRC-32 gives the standard check value and nothing for nothing")
{
    CHECK(crc32(bytes_of("123456789")) == 0xCBF43926u);
    CHECK(crc32(bytes_of("The quick brown fox jumps over the lazy dog")) == 0x414FA339u);
    CHECK(crc32({}) == 0u);
}

TEST_CASE("CRC-32 of a captured 802.11 frame equals the FCS the radio sent")
{
    const std::span<const std::uint8_t> frame(kRealFrame);
    const std::span<const std::uint8_t> body = frame.first(frame.size() - 4);
    const std::uint32_t fcs = std::uint32_t{frame[frame.size() - 4]} | std::uint32_t{frame[frame.size() - 3]} << 8 |
                              std::uint32_t{frame[frame.size() - 2]} << 16 | std::uint32_t{frame[frame.size() - 1]} << 24;
    CHECK(fcs == 0xfa82ac38u);
    CHECK(crc32(body) == fcs);
}

TEST_CASE("the sliced CRC-32 equals the byte-wise one at every length and alignment")
{
    std::vector<std::uint8_t> data(300);
    std::uint32_t x = 12345;
    for (auto& b : data) b = static_cast<std::uint8_t>((x = x * 1103515245u + 12345u) >> 16);
    for (std::size_t start = 0; start < 8; ++start)
        for (std::size_t n = 0; n + start <= data.size(); n += 7) {
            const std::span<const std::uint8_t> part(data.data() + start, n);
            REQUIRE(crc32(part) == crc32_bitwise(part));
        }
}
