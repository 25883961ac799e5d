#include "alerts/alert_throttle.h"

#include <cmath>

namespace airsight::core {
namespace {

// Kismet compares the last alert (sec.usec) with whole seconds of now.
bool older_than(double time_last, double now, AlertTimeUnit unit)
{
    return time_last < std::floor(now) - alert_unit_seconds(unit);
}

} // namespace

bool AlertThrottle::would_admit(double now) const
{
    // admit() on a copy: the same rule, with no second version of it to drift.
    AlertThrottle trial = *this;
    return trial.admit(now);
}

bool AlertThrottle::admit(double now)
{
    if (limit.count == 0) return false;
    if (older_than(time_last, now, limit.unit)) {
        // A new throttle period: sent whatever the burst limit (as Kismet).
        total_sent = 0;
        burst_sent = 0;
    } else {
        if (older_than(time_last, now, burst.unit)) burst_sent = 0;
        if (burst_sent >= burst.count || total_sent >= limit.count) return false;
    }
    ++burst_sent;
    ++total_sent;
    time_last = now;
    return true;
}

} // namespace airsight::core
