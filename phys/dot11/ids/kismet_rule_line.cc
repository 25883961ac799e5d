#include "ids/kismet_rule_line.h"

#include <stdexcept>

namespace airsight::dot11::ids {

std::string_view trim_blanks(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

KismetRuleLine KismetRuleLine::parse(std::string_view line, std::string_view kind, std::string_view usage)
{
    const auto error = [&](std::string_view sep, std::string_view reason) {
        return std::invalid_argument(std::string(kind) + " '" + std::string(line) + "'" + std::string(sep) +
                                     std::string(reason));
    };
    KismetRuleLine out;
    const std::size_t colon = line.find(':');
    out.name = std::string(trim_blanks(line.substr(0, colon)));
    if (colon == std::string_view::npos || out.name.empty()) throw error(", expected ", usage);

    const std::string_view text = line.substr(colon + 1);
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = at;
        bool quoted = false;
        for (; end < text.size(); ++end) {
            if (text[end] == '"') quoted = !quoted;
            else if (text[end] == ',' && !quoted) break;
        }
        if (quoted) throw error(": ", "a double quote is not closed");
        const std::string_view item = trim_blanks(text.substr(at, end - at));
        at = end + 1;
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) throw error(": ", "'" + std::string(item) + "' is not option=value");
        std::string_view value = trim_blanks(item.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        out.options.emplace_back(std::string(trim_blanks(item.substr(0, eq))), std::string(value));
    }
    return out;
}

} // namespace airsight::dot11::ids
