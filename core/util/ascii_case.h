// Comparing names whose case does not matter, in ASCII: UUIDs in REST paths
// (Kismet's are lower case; clients may send upper case), HTTP field names.
#ifndef AIRSIGHT_CORE_UTIL_ASCII_CASE_H
#define AIRSIGHT_CORE_UTIL_ASCII_CASE_H

#include <algorithm>
#include <string_view>

namespace airsight::core {

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// `a` and `b` are equal but for the case of ASCII letters.
constexpr bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

} // namespace airsight::core

#endif
