// airsight SDK: bytes a device sent as its name (an SSID, a BLE local name)
// as text a client can show: one definition for every PHY, so the same bytes
// read the same whichever plugin saw them.
#ifndef AIRSIGHT_PRINTABLE_H
#define AIRSIGHT_PRINTABLE_H

#include <airsight/hex.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace airsight {

/// The length of the well-formed UTF-8 character at s[i] (1-4), or 0 when
/// the bytes there are not one (overlong, a surrogate, past U+10FFFF, cut
/// short).
constexpr std::size_t utf8_length_at(std::span<const std::uint8_t> s, std::size_t i)
{
    const std::uint8_t c = s[i];
    if (c < 0x80) return 1;
    const std::size_t extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (extra == 0 || c == 0xC0 || c == 0xC1 || c > 0xF4 || i + extra >= s.size()) return 0;
    for (std::size_t k = 1; k <= extra; ++k)
        if ((s[i + k] & 0xC0) != 0x80) return 0;
    // The second byte's range where the first allows too much: overlong
    // three- and four-byte forms, UTF-16 surrogates (which JSON decoders such
    // as Python's refuse), and code points past U+10FFFF.
    const std::uint8_t second = s[i + 1];
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) ||
        (c == 0xF4 && second > 0x8F))
        return 0;
    return extra + 1;
}

/// Appends `bytes` as printable text: well-formed UTF-8 stays as it is; a
/// control byte (below 0x20, 0x7F) or one that is no UTF-8 becomes "\xNN"
/// (upper-case hex), so every byte still shows.
inline void append_printable(std::string& out, std::span<const std::uint8_t> bytes)
{
    out.reserve(out.size() + bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t len = utf8_length_at(bytes, i);
        if (len > 0 && !(len == 1 && (bytes[i] < 0x20 || bytes[i] == 0x7f))) {
            out.append(reinterpret_cast<const char*>(bytes.data() + i), len);
            i += len;
        } else {
            out += "\\x";
            out.push_back(hex_digit(bytes[i] >> 4, true));
            out.push_back(hex_digit(bytes[i], true));
            ++i;
        }
    }
}

inline std::string printable_text(std::span<const std::uint8_t> bytes)
{
    std::string out;
    append_printable(out, bytes);
    return out;
}

} // namespace airsight

#endif
