// Kismet's UAV manufacturer matchers: uav_match=NAME:name="...",model="...",
// ssid="REGEX",mac=AA:BB:CC:00:00:00/FF:FF:FF:00:00:00,match_any=true
// (phy_uav_drone.cc), and Kismet's default list (conf/kismet_uav.conf).
// A beacon or probe response whose AP matches one marks the device a UAV.
//
// Kismet's rule: with a MAC, a different MAC never matches; the same MAC
// matches alone when the rule has no SSID or allows partial matches
// (match_any), else the SSID must match too. Without a MAC the SSID decides.
// SSID patterns are PCRE2 regular expressions, as in Kismet.
#ifndef AIRSIGHT_PHYS_UAV_PHY_UAV_MATCH_H
#define AIRSIGHT_PHYS_UAV_PHY_UAV_MATCH_H

#include "phy/uav_fields.h"

#include <airsight/mac.h>
#include <airsight/pcre_pattern.h>
#include <airsight/value.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::uav {

struct UavMatchRule {
    std::string match_name;
    std::string manufacturer;
    std::string model;
    std::string ssid_pattern;
    std::optional<PcrePattern> ssid;
    std::optional<MacAddr> mac, mask;
    bool partial = false;

    bool matches(const MacAddr& bssid, std::string_view ssid_text) const;
    /// Kismet's uav_manuf_match record.
    Value to_value(const UavFields& f) const;
};

/// Parses one uav_match= value; throws std::invalid_argument saying what is wrong.
UavMatchRule parse_uav_match(std::string_view line);

/// Kismet's default uav_match= values (conf/kismet_uav.conf).
std::span<const std::string_view> kismet_default_uav_matches();

class UavMatchers {
public:
    /// Adds a rule; throws std::invalid_argument when its name is taken (as Kismet refuses it).
    void add(UavMatchRule rule);
    /// The first rule that matches, or nullptr.
    std::shared_ptr<const UavMatchRule> match(const MacAddr& bssid, std::string_view ssid) const;
    std::size_t size() const { return rules_.size(); }
    /// Kismet's /phy/phyuav/manuf_matchers list.
    Value to_value(const UavFields& f) const;

private:
    std::vector<std::shared_ptr<const UavMatchRule>> rules_;
};

} // namespace airsight::uav

#endif
