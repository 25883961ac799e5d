#include "ids/apspoof_rules.h"

#include "ids/kismet_rule_line.h"

#include <algorithm>
#include <stdexcept>

namespace airsight::dot11 {

ApspoofRules ApspoofRules::parse(const std::vector<std::string>& lines)
{
    ApspoofRules rules;
    for (const std::string& line : lines) rules.add(line);
    return rules;
}

ApspoofRules apspoof_rules(const ConfigView& config, MessageBus& messages)
{
    ApspoofRules rules;
    for (const std::string& line : config.values("apspoof")) {
        try {
            rules.add(line);
        } catch (const std::invalid_argument& e) {
            messages.post(std::string(e.what()) + "; this rule is ignored", MSG_ERROR);
        }
    }
    return rules;
}

void ApspoofRules::add(const std::string& line)
{
    const std::string usage = "NAME:ssid=\"REGEX\",validmacs=\"MAC,MAC\"";
    const ids::KismetRuleLine parsed = ids::KismetRuleLine::parse(line, "apspoof line", usage);
    std::string ssid;
    std::vector<MacAddr> valid;
    bool has_macs = false;
    for (const auto& [key, value] : parsed.options) {
        if (key == "ssid") {
            ssid = value;
        } else if (key == "validmacs") {
            has_macs = true;
            std::string_view rest = value;
            while (!rest.empty()) {
                const std::size_t comma = rest.find(',');
                const std::string_view text = ids::trim_blanks(rest.substr(0, comma));
                rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
                const auto mac = MacAddr::parse(text);
                if (!mac || text.size() != 17)
                    throw std::invalid_argument("apspoof line '" + line + "': '" + std::string(text) +
                                                "' in validmacs is not a MAC address");
                valid.push_back(*mac);
            }
        } else {
            throw std::invalid_argument("apspoof line '" + line + "': unknown option '" + key +
                                        "' (ssid and validmacs are known)");
        }
    }
    if (ssid.empty()) throw std::invalid_argument("apspoof line '" + line + "': no ssid, expected " + usage);
    if (!has_macs || valid.empty())
        throw std::invalid_argument("apspoof line '" + line + "': no validmacs, expected " + usage);
    try {
        rules_.push_back(Rule{parsed.name, PcrePattern(ssid, PcrePattern::Encoding::bytes), std::move(valid)});
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("apspoof line '" + line + "': ssid regex '" + ssid + "' " + e.what());
    }
}

std::optional<std::size_t> ApspoofRules::violated(std::string_view ssid, const MacAddr& source) const
{
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const Rule& rule = rules_[i];
        if (std::find(rule.valid.begin(), rule.valid.end(), source) != rule.valid.end()) continue;
        if (rule.ssid.found_in(ssid)) return i;
    }
    return std::nullopt;
}

} // namespace airsight::dot11
