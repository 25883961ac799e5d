// Lower-case hex text of bytes, the form Kismet's bytearray fields take
// (dot11.eapol.nonce, kismet.packet.data).
#pragma once

#include "dissect/cursor.h"

#include <string>

namespace airsight::dot11 {

inline std::string hex_string(Bytes b)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(b.size() * 2);
    for (std::uint8_t c : b) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0xf]);
    }
    return out;
}

} // namespace airsight::dot11
