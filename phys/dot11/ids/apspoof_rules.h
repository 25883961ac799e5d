// Kismet's APSPOOF rules: `apspoof=NAME:ssid="REGEX",validmacs="MAC,MAC"`
// lines in kismet.conf. An SSID the regex matches (PCRE2, found anywhere in
// it, as Kismet's pcre2_match) may only be advertised by the listed MACs.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_APSPOOF_RULES_H
#define AIRSIGHT_PHYS_DOT11_IDS_APSPOOF_RULES_H

#include <airsight/mac.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::dot11 {

class ApspoofRules {
public:
    ApspoofRules();
    ~ApspoofRules();
    ApspoofRules(ApspoofRules&&) noexcept;
    ApspoofRules& operator=(ApspoofRules&&) noexcept;

    /// Parses every `apspoof=` value; throws std::invalid_argument quoting the
    /// first malformed line and saying what is wrong with it (no ':' after
    /// the name, no or empty ssid, an unknown option, a bad regex, no or a
    /// malformed MAC in validmacs).
    static ApspoofRules parse(const std::vector<std::string>& lines);

    bool empty() const { return rules_.empty(); }
    std::size_t size() const { return rules_.size(); }
    /// The first rule whose regex matches `ssid` and that does not list
    /// `source`; nothing when every matching rule allows it. Thread-safe.
    std::optional<std::size_t> violated(std::string_view ssid, const MacAddr& source) const;
    const std::string& name(std::size_t rule) const { return rules_.at(rule).name; }

private:
    struct Regex; // a compiled PCRE2 pattern
    /// Throws std::invalid_argument quoting `line` when `pattern` does not compile.
    static std::shared_ptr<const Regex> compile(const std::string& pattern, const std::string& line);
    struct Rule {
        std::string name;
        std::shared_ptr<const Regex> ssid;
        std::vector<MacAddr> valid;
    };
    std::vector<Rule> rules_;
};

} // namespace airsight::dot11

#endif
