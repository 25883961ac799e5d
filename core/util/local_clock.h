// The local clock in whole seconds: what mod_time and every RRD use (packet
// times, which may come from an old capture, are kept apart).
#pragma once

#include <chrono>
#include <cstdint>

namespace airsight::core {

inline std::int64_t local_now_sec()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace airsight::core
