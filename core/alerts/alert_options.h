// The operator's alert settings from kismet.conf: `alertbacklog` and the
// `alert=NAME,throttle,burst` lines that replace a definition's rates.
#ifndef AIRSIGHT_CORE_ALERTS_ALERT_OPTIONS_H
#define AIRSIGHT_CORE_ALERTS_ALERT_OPTIONS_H

#include <airsight/alerts.h>
#include <airsight/host.h>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

struct AlertRates {
    AlertRate limit;
    AlertRate burst;
};

struct AlertOptions {
    std::size_t backlog = 50; // Kismet's alertbacklog default
    std::map<std::string, AlertRates, std::less<>> rates; // by upper-case name

    /// Reads `alertbacklog` and every `alert=` line; throws
    /// std::invalid_argument quoting the malformed line and saying why.
    static AlertOptions from_config(const ConfigView& config);
};

/// Parses one `alert=` value "NAME,throttle,burst" into `options.rates`;
/// throws std::invalid_argument naming the line.
void add_alert_line(AlertOptions& options, std::string_view line);

/// Checks a throttle/burst pair as a definition needs it; throws
/// std::invalid_argument saying which one is wrong.
AlertRates parse_alert_rates(std::string_view throttle, std::string_view burst);

/// `name` in upper case (alert names are compared without case, as Kismet).
std::string alert_name_key(std::string_view name);

} // namespace airsight::core

#endif
