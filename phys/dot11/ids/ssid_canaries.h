// Kismet's SSID canaries: kismet.conf lines `ssidcanary=NAME:ssid="REGEX"`
// naming SSIDs whose sight (advertised, answered for or probed for) raises
// SSIDCANARY. Patterns are PCRE2 (UTF-8), compiled once.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_SSID_CANARIES_H
#define AIRSIGHT_PHYS_DOT11_IDS_SSID_CANARIES_H

#include <airsight/pcre_pattern.h>

#include <string>
#include <string_view>
#include <vector>

namespace airsight::dot11::ids {

class SsidCanaries {
public:
    struct Canary {
        std::string name;    // the line's NAME
        std::string pattern; // its ssid= value
        /// True when the pattern matches somewhere in `ssid`; safe from
        /// several threads at once.
        bool matches(std::string_view ssid) const { return regex.found_in(ssid); }

        PcrePattern regex;
    };

    /// Adds the canary one `ssidcanary=` value defines. Throws
    /// std::invalid_argument saying what is wrong with it: no NAME:, no
    /// ssid="...", an unterminated quote, an option that is not key=value,
    /// a name given twice, or a pattern
    /// that does not compile (with PCRE2's reason and offset).
    void add(std::string_view line);

    bool empty() const { return canaries_.empty(); }
    const std::vector<Canary>& canaries() const { return canaries_; }

private:
    std::vector<Canary> canaries_;
};

} // namespace airsight::dot11::ids

#endif
