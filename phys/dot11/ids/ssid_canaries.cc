#include "ids/ssid_canaries.h"

#include "ids/kismet_rule_line.h"

#include <algorithm>
#include <stdexcept>

namespace airsight::dot11::ids {

void SsidCanaries::add(std::string_view text)
{
    const std::string line(text);
    const KismetRuleLine rule = KismetRuleLine::parse(text, "ssidcanary", "NAME:ssid=\"REGEX\"");
    // Other options are Kismet's to define; only ssid= is read.
    const auto ssid = std::find_if(rule.options.begin(), rule.options.end(), [](const auto& o) { return o.first == "ssid"; });
    if (ssid == rule.options.end() || ssid->second.empty())
        throw std::invalid_argument("ssidcanary '" + line + "': no ssid=\"REGEX\" option");
    if (std::any_of(canaries_.begin(), canaries_.end(), [&](const Canary& c) { return c.name == rule.name; }))
        throw std::invalid_argument("ssidcanary '" + line + "': the name " + rule.name + " is already defined");
    const std::string& pattern = ssid->second;
    try {
        canaries_.push_back(Canary{rule.name, pattern, PcrePattern(pattern, PcrePattern::Encoding::utf8)});
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("ssidcanary '" + line + "': pattern '" + pattern + "' " + e.what());
    }
}

} // namespace airsight::dot11::ids
