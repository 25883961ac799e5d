#include <airsight/hex.h>
#include <airsight/devices.h>
#include <airsight/mac.h>

#include <doctest/doctest.h>

#include <cctype>
#include <cstdint>
#include <string>

using namespace airsight;

TEST_CASE("hex digits: every digit's value, -1 for anything else")
{
    const std::string digits = "0123456789abcdef";
    for (unsigned v = 0; v < 16; ++v) {
        CHECK(hex_digit_value(digits[v]) == static_cast<int>(v));
        CHECK(hex_digit_value(static_cast<char>(std::toupper(digits[v]))) == static_cast<int>(v));
        CHECK(hex_digit(v) == digits[v]);
        CHECK(hex_digit(v, true) == static_cast<char>(std::toupper(digits[v])));
    }
    CHECK(hex_digit(0x1f) == 'f'); // the low four bits only
    for (char c : std::string("gG/:@`\0 x", 9)) CHECK(hex_digit_value(c) == -1);
}

TEST_CASE("byte strings are two lower-case digits per byte, appended")
{
    const std::uint8_t bytes[] = {0x00, 0x0f, 0xa5, 0xff};
    CHECK(hex_string(bytes) == "000fa5ff");
    CHECK(hex_string({}) == "");
    std::string out = "nonce=";
    append_hex(out, bytes);
    CHECK(out == "nonce=000fa5ff");
}

TEST_CASE("MAC addresses and device keys print and parse through the same digits")
{
    const auto mac = MacAddr::parse("0a:1B:2c:3D:4e:5F");
    REQUIRE(mac);
    CHECK(mac->str() == "0A:1B:2C:3D:4E:5F");
    CHECK_FALSE(MacAddr::parse("0a:1B:2c:3D:4e:5G"));
    const DeviceKey key{DeviceKey::hash_phy_name("IEEE802.11"), *mac};
    const auto back = DeviceKey::parse(key.str());
    REQUIRE(back);
    CHECK(*back == key);
    CHECK_FALSE(DeviceKey::parse("12x4_5678"));
}
