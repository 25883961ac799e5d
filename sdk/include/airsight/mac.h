// airsight SDK: MAC addresses.
#ifndef AIRSIGHT_MAC_H
#define AIRSIGHT_MAC_H

#include <airsight/hex.h>

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace airsight {

/// A 48-bit MAC address. Printed as Kismet prints them: "AA:BB:CC:DD:EE:FF".
struct MacAddr {
    std::array<std::uint8_t, 6> bytes{};

    static MacAddr from_bytes(const std::uint8_t* p)
    {
        MacAddr m;
        for (int i = 0; i < 6; ++i) m.bytes[i] = p[i];
        return m;
    }

    /// Parses "aa:bb:cc:dd:ee:ff" (also '-' separators, any case); nothing if malformed.
    static std::optional<MacAddr> parse(std::string_view text)
    {
        if (text.size() != 17) return std::nullopt;
        MacAddr m;
        for (int i = 0; i < 6; ++i) {
            const int hi = hex_digit_value(text[i * 3]), lo = hex_digit_value(text[i * 3 + 1]);
            if (hi < 0 || lo < 0) return std::nullopt;
            if (i < 5 && text[i * 3 + 2] != ':' && text[i * 3 + 2] != '-') return std::nullopt;
            m.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
        }
        return m;
    }

    std::string str() const
    {
        const std::array<char, 17> t = text();
        return std::string(t.data(), t.size());
    }
    /// The same 17 characters in a buffer, no allocation: for hot paths (a
    /// log writing three addresses per packet).
    std::array<char, 17> text() const
    {
        std::array<char, 17> t;
        t.fill(':');
        for (int i = 0; i < 6; ++i) {
            t[i * 3] = hex_digit(bytes[i] >> 4, true);
            t[i * 3 + 1] = hex_digit(bytes[i], true);
        }
        return t;
    }

    /// The address as the low 48 bits of an integer, first octet most significant.
    std::uint64_t value() const
    {
        std::uint64_t v = 0;
        for (std::uint8_t b : bytes) v = (v << 8) | b;
        return v;
    }
    /// The first three octets, for manufacturer look-ups.
    std::uint32_t oui() const { return (std::uint32_t{bytes[0]} << 16) | (std::uint32_t{bytes[1]} << 8) | bytes[2]; }
    bool is_broadcast() const { return value() == 0xffffffffffffULL; }
    bool is_multicast() const { return (bytes[0] & 0x01) != 0; }
    bool is_locally_administered() const { return (bytes[0] & 0x02) != 0; }
    bool is_zero() const { return value() == 0; }

    auto operator<=>(const MacAddr&) const = default;
    /// Two loads and compares: the packet path compares addresses several
    /// times per frame, and the defaulted one called memcmp.
    bool operator==(const MacAddr& o) const
    {
        std::uint32_t a4, b4;
        std::uint16_t a2, b2;
        std::memcpy(&a4, bytes.data(), 4);
        std::memcpy(&b4, o.bytes.data(), 4);
        std::memcpy(&a2, bytes.data() + 4, 2);
        std::memcpy(&b2, o.bytes.data() + 4, 2);
        return a4 == b4 && a2 == b2;
    }
};

} // namespace airsight

#endif
