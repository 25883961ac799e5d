// airsight SDK: hexadecimal digits and byte strings, one definition for the
// SDK's own types (MAC addresses, device keys), plugins and the server.
#ifndef AIRSIGHT_HEX_H
#define AIRSIGHT_HEX_H

#include <cstdint>
#include <span>
#include <string>

namespace airsight {

/// 0-15 for '0'-'9', 'a'-'f', 'A'-'F'; -1 for anything else.
constexpr int hex_digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The digit for the low four bits of `v`: lower-case, or upper-case as
/// Kismet prints MAC addresses and device keys.
constexpr char hex_digit(unsigned v, bool upper_case = false)
{
    return (upper_case ? "0123456789ABCDEF" : "0123456789abcdef")[v & 0xf];
}

/// Appends two lower-case digits per byte: the form of Kismet's byte-array
/// fields (dot11.eapol.nonce, kismet.packet.data).
inline void append_hex(std::string& out, std::span<const std::uint8_t> bytes)
{
    out.reserve(out.size() + 2 * bytes.size());
    for (std::uint8_t b : bytes) {
        out.push_back(hex_digit(b >> 4));
        out.push_back(hex_digit(b));
    }
}

inline std::string hex_string(std::span<const std::uint8_t> bytes)
{
    std::string out;
    append_hex(out, bytes);
    return out;
}

} // namespace airsight

#endif
