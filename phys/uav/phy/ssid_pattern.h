// A uav_match= SSID pattern: PCRE2, as Kismet compiles it, searched from any
// thread. (dot11's ids/ has the same small wrapper for its own rules; a
// plugin cannot include another's code, and the SDK links no PCRE2.)
#ifndef AIRSIGHT_PHYS_UAV_PHY_SSID_PATTERN_H
#define AIRSIGHT_PHYS_UAV_PHY_SSID_PATTERN_H

#include <memory>
#include <string_view>

struct pcre2_real_code_8;

namespace airsight::uav {

class SsidPattern {
public:
    /// Throws std::invalid_argument "does not compile at offset N: <reason>".
    explicit SsidPattern(std::string_view pattern);
    /// True when the pattern matches somewhere in `ssid` (bytes, no UTF-8 decoding).
    bool found_in(std::string_view ssid) const;

private:
    struct CodeFree {
        void operator()(pcre2_real_code_8* code) const noexcept;
    };
    std::shared_ptr<pcre2_real_code_8> code_;
};

} // namespace airsight::uav

#endif
