// airsight SDK: a boolean configuration key read as the server reads its own
// (true/yes/1 or false/no/0, in any case), so every plugin accepts and
// refuses the same values.
#ifndef AIRSIGHT_CONFIG_FLAG_H
#define AIRSIGHT_CONFIG_FLAG_H

#include <airsight/host.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace airsight {

/// The boolean `key` (true/yes/1, false/no/0, in any case), `fallback` when
/// absent; throws std::invalid_argument("config KEY=VALUE is not true or
/// false") otherwise.
inline bool config_flag(const ConfigView& config, std::string_view key, bool fallback)
{
    const auto v = config.value(key);
    if (!v) return fallback;
    std::string lower = *v;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower == "true" || lower == "yes" || lower == "1") return true;
    if (lower == "false" || lower == "no" || lower == "0") return false;
    throw std::invalid_argument("config " + std::string(key) + "=" + *v + " is not true or false");
}

} // namespace airsight

#endif
