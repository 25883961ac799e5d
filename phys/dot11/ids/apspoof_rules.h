// Kismet's APSPOOF rules: `apspoof=NAME:ssid="REGEX",validmacs="MAC,MAC"`
// lines in kismet.conf. An SSID the regex matches (PCRE2, found anywhere in
// it, as Kismet's pcre2_match) may only be advertised by the listed MACs.
// A malformed line is an error on the message bus naming it, and is left
// out (the other rules, and the server, go on), as a bad ssidcanary= line.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_APSPOOF_RULES_H
#define AIRSIGHT_PHYS_DOT11_IDS_APSPOOF_RULES_H

#include <airsight/host.h>
#include <airsight/mac.h>
#include <airsight/pcre_pattern.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::dot11 {

class ApspoofRules {
public:
    /// Parses every `apspoof=` value; throws std::invalid_argument quoting the
    /// first malformed line and saying what is wrong with it (no ':' after
    /// the name, no or empty ssid, an unknown option, a bad regex, no or a
    /// malformed MAC in validmacs).
    static ApspoofRules parse(const std::vector<std::string>& lines);
    /// Adds the rule of one line; throws as parse() does.
    void add(const std::string& line);

    bool empty() const { return rules_.empty(); }
    std::size_t size() const { return rules_.size(); }
    /// The first rule whose regex matches `ssid` and that does not list
    /// `source`; nothing when every matching rule allows it. Thread-safe.
    std::optional<std::size_t> violated(std::string_view ssid, const MacAddr& source) const;
    const std::string& name(std::size_t rule) const { return rules_.at(rule).name; }

private:
    struct Rule {
        std::string name;
        PcrePattern ssid;
        std::vector<MacAddr> valid;
    };
    std::vector<Rule> rules_;
};

/// The rules of the `apspoof=` lines in `config`; each malformed line is
/// posted to `messages` as an error quoting it, and left out.
ApspoofRules apspoof_rules(const ConfigView& config, MessageBus& messages);

} // namespace airsight::dot11

#endif
