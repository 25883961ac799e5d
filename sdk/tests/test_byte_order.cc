#include <airsight/byte_order.h>

#include <doctest/doctest.h>

#include <cstdint>

using namespace airsight;

TEST_CASE("byte order: each width reads its bytes, least or most significant first, at any offset")
{
    static constexpr std::uint8_t b[] = {0xAA, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
    const std::uint8_t* p = b + 1; // unaligned on purpose
    CHECK(load_le16(p) == 0x0201);
    CHECK(load_be16(p) == 0x0102);
    CHECK(load_le24(p) == 0x030201);
    CHECK(load_le32(p) == 0x04030201u);
    CHECK(load_be32(p) == 0x01020304u);
    CHECK(load_le64(p) == 0x0807060504030201ull);
    CHECK(load_be64(p) == 0x0102030405060708ull);
    const std::uint8_t high[] = {0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8};
    CHECK(load_le16(high) == 0xFEFF); // no sign extension anywhere
    CHECK(load_be32(high) == 0xFFFEFDFCu);
    CHECK(load_le64(high) == 0xF8F9FAFBFCFDFEFFull);
    CHECK(load_be64(high) == 0xFFFEFDFCFBFAF9F8ull);
    static_assert(load_le16(b) == 0x01AA); // usable in constant expressions
}
