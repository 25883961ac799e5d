// A PCRE2 pattern compiled once and searched from any thread, for the
// kismet.conf rules that name SSIDs by regex (apspoof=, ssidcanary=). The
// plugin sees only the SDK, so the core's RegexFilter is not reachable; this
// is its matching half. pcre2.h stays out of this header.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_PCRE_PATTERN_H
#define AIRSIGHT_PHYS_DOT11_IDS_PCRE_PATTERN_H

#include <memory>
#include <string>
#include <string_view>

struct pcre2_real_code_8; // pcre2_code for 8-bit code units

namespace airsight::dot11::ids {

class PcrePattern {
public:
    /// How the subject's bytes are read: one character per byte, or UTF-8
    /// where invalid sequences simply do not match.
    enum class Encoding { bytes, utf8 };

    /// Throws std::invalid_argument "does not compile at offset N: <PCRE2's
    /// reason>"; the caller prefixes which line and pattern it was.
    PcrePattern(std::string_view pattern, Encoding encoding);

    /// True when the pattern matches somewhere in `subject`; safe from
    /// several threads at once (match data is per thread).
    bool found_in(std::string_view subject) const;

private:
    struct CodeFree {
        void operator()(pcre2_real_code_8* code) const noexcept;
    };
    std::unique_ptr<pcre2_real_code_8, CodeFree> code_;
};

} // namespace airsight::dot11::ids

#endif
