// The shape kismet.conf gives its named rules (apspoof=, ssidcanary=):
// `NAME:key=value,key="value, with commas"`. Options are split at commas
// outside double quotes, and the quotes around a value are dropped.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_KISMET_RULE_LINE_H
#define AIRSIGHT_PHYS_DOT11_IDS_KISMET_RULE_LINE_H

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airsight::dot11::ids {

/// `s` without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);

struct KismetRuleLine {
    std::string name;
    std::vector<std::pair<std::string, std::string>> options; // key, value, in line order

    /// Parses one rule line. Throws std::invalid_argument "<kind> '<line>', expected <usage>"
    /// when there is no NAME:, and "<kind> '<line>': <reason>" for an unclosed
    /// quote or an option that is not key=value.
    static KismetRuleLine parse(std::string_view line, std::string_view kind, std::string_view usage);
};

} // namespace airsight::dot11::ids

#endif
