// An Rrd that a timer feeds once a second and REST threads read: the owner
// samples a running total (add_total: the Rrd gets what it grew by since the
// last sample) or a gauge (add_value). Thread-safe.
#ifndef AIRSIGHT_CORE_STATS_SAMPLED_RRD_H
#define AIRSIGHT_CORE_STATS_SAMPLED_RRD_H

#include <airsight/rrd.h>

#include <cstdint>
#include <mutex>

namespace airsight::core {

class SampledRrd {
public:
    explicit SampledRrd(RrdCombine combine = RrdCombine::SUM) : rrd_(combine) {}

    /// `total` is a counter that only grows; the first sample counts all of it.
    void add_total(std::uint64_t total, std::int64_t now_sec)
    {
        std::lock_guard lock(mutex_);
        const std::uint64_t grown = total >= last_total_ ? total - last_total_ : 0;
        last_total_ = total;
        rrd_.add(static_cast<double>(grown), now_sec);
    }

    void add_value(double value, std::int64_t now_sec)
    {
        std::lock_guard lock(mutex_);
        rrd_.add(value, now_sec);
    }

    Rrd snapshot() const
    {
        std::lock_guard lock(mutex_);
        return rrd_;
    }

private:
    mutable std::mutex mutex_;
    Rrd rrd_;
    std::uint64_t last_total_ = 0;
};

} // namespace airsight::core

#endif
