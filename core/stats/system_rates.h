// The server-wide RRDs of /system/status: memory in use and devices tracked,
// sampled once a second.
#ifndef AIRSIGHT_CORE_STATS_SYSTEM_RATES_H
#define AIRSIGHT_CORE_STATS_SYSTEM_RATES_H

#include "stats/sampled_rrd.h"

#include <cstdint>

namespace airsight::core {

struct SystemRates {
    SampledRrd memory{RrdCombine::LAST};  // resident memory, KiB (kismet.system.memory.rrd)
    SampledRrd devices{RrdCombine::LAST}; // devices tracked (kismet.system.devices.rrd)
};

/// This process's resident memory in KiB (0 when /proc cannot tell).
std::uint64_t resident_kib();

} // namespace airsight::core

#endif
