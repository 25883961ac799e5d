#include "phy/mac_set.h"

#include <doctest/doctest.h>

#include <set>

using airsight::MacAddr;
using airsight::dot11::MacSet;

namespace {
MacAddr mac_of(std::uint64_t v)
{
    MacAddr m;
    for (int i = 5; i >= 0; --i, v >>= 8) m.bytes[i] = static_cast<std::uint8_t>(v);
    return m;
}
} // namespace

TEST_CASE("a MacSet holds each address once, through growth")
{
    MacSet set;
    CHECK(set.empty());
    CHECK_FALSE(set.contains(mac_of(1)));
    for (std::uint64_t i = 0; i < 5000; ++i) CHECK(set.insert(mac_of(0x0a1100000000ULL + i)));
    CHECK(set.size() == 5000);
    for (std::uint64_t i = 0; i < 5000; ++i) {
        CHECK_FALSE(set.insert(mac_of(0x0a1100000000ULL + i)));
        CHECK(set.contains(mac_of(0x0a1100000000ULL + i)));
    }
    CHECK_FALSE(set.contains(mac_of(0x0a1100000000ULL + 5000)));
    CHECK(set.size() == 5000);
}

TEST_CASE("a MacSet visits every member once, the all-zero and broadcast addresses included")
{
    MacSet set;
    const std::uint64_t values[] = {0, 0xffffffffffffULL, 0x020000000001ULL, 0x123456789abcULL};
    for (const std::uint64_t v : values) CHECK(set.insert(mac_of(v)));
    CHECK(set.contains(mac_of(0)));
    std::multiset<std::uint64_t> seen;
    set.for_each([&](const MacAddr& m) { seen.insert(m.value()); });
    CHECK(seen == std::multiset<std::uint64_t>(std::begin(values), std::end(values)));
}
