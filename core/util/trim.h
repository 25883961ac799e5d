// Trimming for the core's line-based parsers (config files, manifests, HTTP
// heads), each of which says which characters count as blank.
#ifndef AIRSIGHT_CORE_UTIL_TRIM_H
#define AIRSIGHT_CORE_UTIL_TRIM_H

#include <string_view>

namespace airsight::core {

/// `s` without leading and trailing characters from `blanks`.
constexpr std::string_view trim(std::string_view s, std::string_view blanks = " \t\r\n\f\v")
{
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(blanks);
    return s.substr(first, last - first + 1);
}

} // namespace airsight::core

#endif
