#include "util/random_ids.h"

#include <airsight/hex.h>

#include <cctype>
#include <random>

namespace airsight::core {

std::string random_hex(std::size_t bytes)
{
    std::random_device rd;
    std::string out;
    out.reserve(bytes * 2);
    for (std::size_t i = 0; i < bytes; ++i) {
        const unsigned v = rd() & 0xff;
        out.push_back(hex_digit(v >> 4));
        out.push_back(hex_digit(v));
    }
    return out;
}

std::string random_uuid()
{
    std::string hex = random_hex(16);
    hex[12] = '4';                                                     // version 4
    hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3]; // RFC 4122 variant
    std::string out = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
                      hex.substr(16, 4) + "-" + hex.substr(20, 12);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

} // namespace airsight::core
