// The local clock in whole seconds: what mod_time and every RRD use (packet
// times, which may come from an old capture, are kept apart).
#ifndef AIRSIGHT_CORE_UTIL_LOCAL_CLOCK_H
#define AIRSIGHT_CORE_UTIL_LOCAL_CLOCK_H

#include <chrono>
#include <cstdint>
#include <ctime>

namespace airsight::core {

/// A client's time bound (seconds, any double) as whole seconds: negative
/// and NaN are 0, beyond 2^64 is the largest value (a plain cast of 1e300 is
/// undefined behaviour, and on x86 gives 0: "every device" instead of none).
inline std::uint64_t seconds_bound(double seconds)
{
    if (!(seconds > 0)) return 0;
    if (seconds >= 18446744073709551616.0) return UINT64_MAX;
    return static_cast<std::uint64_t>(seconds);
}

/// Seconds since the epoch. The coarse clock (a tick behind at most) is read
/// from memory, where the precise one cost 6% of ingest on the packet path.
inline std::int64_t local_now_sec()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return ts.tv_sec;
}

} // namespace airsight::core

#endif
