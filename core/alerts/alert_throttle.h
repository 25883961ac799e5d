// Kismet's alert rate limit (alertracker.cc check_times), apart from any
// clock or lock so its edges can be tested on their own.
#ifndef AIRSIGHT_CORE_ALERTS_ALERT_THROTTLE_H
#define AIRSIGHT_CORE_ALERTS_ALERT_THROTTLE_H

#include <airsight/alerts.h>

#include <cstdint>

namespace airsight::core {

/// The limits of one alert and what it has sent. Kismet's rule: a throttle
/// of 0 silences the alert; when the last alert is older than a throttle
/// period (compared in whole seconds of `now`), both counts restart; when it
/// is older than a burst period, the burst count restarts; the alert is sent
/// while both counts are under their limits. The counts only restart after a
/// quiet period, so a steady stream is held to `limit` alerts and then waits.
struct AlertThrottle {
    AlertRate limit;
    AlertRate burst;
    std::uint64_t burst_sent = 0;
    std::uint64_t total_sent = 0;
    double time_last = 0; // seconds since the epoch of the last alert sent, 0 for none

    /// Whether an alert at `now` (seconds since the epoch) would be sent.
    bool would_admit(double now) const;
    /// Applies the restarts, and counts the alert when it is admitted.
    bool admit(double now);
};

} // namespace airsight::core

#endif
