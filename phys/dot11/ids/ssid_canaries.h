// Kismet's SSID canaries: kismet.conf lines `ssidcanary=NAME:ssid="REGEX"`
// naming SSIDs whose sight (advertised, answered for or probed for) raises
// SSIDCANARY. Patterns are PCRE2, compiled once, as the core's regex filters
// are; pcre2.h stays out of this header.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_SSID_CANARIES_H
#define AIRSIGHT_PHYS_DOT11_IDS_SSID_CANARIES_H

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8; // pcre2_code for 8-bit code units

namespace airsight::dot11::ids {

class SsidCanaries {
public:
    struct Canary {
        std::string name;    // the line's NAME
        std::string pattern; // its ssid= value
        /// True when the pattern matches somewhere in `ssid`; safe from
        /// several threads at once.
        bool matches(std::string_view ssid) const;

        struct CodeFree {
            void operator()(pcre2_real_code_8* code) const noexcept;
        };
        std::unique_ptr<pcre2_real_code_8, CodeFree> code;
    };

    /// Adds the canary one `ssidcanary=` value defines. Throws
    /// std::invalid_argument saying what is wrong with it: no NAME:, no
    /// ssid="...", an unterminated quote, a name given twice, or a pattern
    /// that does not compile (with PCRE2's reason and offset).
    void add(std::string_view line);

    bool empty() const { return canaries_.empty(); }
    const std::vector<Canary>& canaries() const { return canaries_; }

private:
    std::vector<Canary> canaries_;
};

} // namespace airsight::dot11::ids

#endif
