// Packets per frequency, counted on every source's packet path at once
// without a lock: a small open-addressing table of atomic (kHz, count)
// slots. A frequency claims a slot once with a compare-and-swap; after that
// counting is one relaxed fetch_add. Radios use a few dozen frequencies; the
// rare frequency that finds the table full is counted under a mutex.
#ifndef AIRSIGHT_CORE_STATS_FREQUENCY_COUNTS_H
#define AIRSIGHT_CORE_STATS_FREQUENCY_COUNTS_H

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>

namespace airsight::core {

class FrequencyCounts {
public:
    static constexpr std::size_t kSlots = 256; // a power of two

    /// Counts one packet on `khz` (0 is ignored).
    void add(std::uint32_t khz)
    {
        if (khz == 0) return;
        std::size_t i = (khz * 2654435761u) >> 24; // the product's top 8 bits: kSlots = 256
        for (std::size_t probes = 0; probes < kSlots; ++probes, i = (i + 1) & (kSlots - 1)) {
            Slot& s = slots_[i];
            std::uint32_t seen = s.khz.load(std::memory_order_acquire);
            if (seen == 0 && s.khz.compare_exchange_strong(seen, khz, std::memory_order_acq_rel)) seen = khz;
            if (seen == khz) {
                s.packets.fetch_add(1, std::memory_order_relaxed);
                return;
            }
        }
        std::lock_guard lock(overflow_mutex_);
        ++overflow_[khz];
    }

    /// Packets per frequency so far.
    std::map<std::uint32_t, std::uint64_t> snapshot() const
    {
        std::map<std::uint32_t, std::uint64_t> out;
        for (const Slot& s : slots_)
            if (const std::uint32_t khz = s.khz.load(std::memory_order_acquire))
                out[khz] += s.packets.load(std::memory_order_relaxed);
        std::lock_guard lock(overflow_mutex_);
        for (const auto& [khz, n] : overflow_) out[khz] += n;
        return out;
    }

private:
    struct Slot {
        std::atomic<std::uint32_t> khz{0};
        std::atomic<std::uint64_t> packets{0};
    };
    std::array<Slot, kSlots> slots_{};
    mutable std::mutex overflow_mutex_;
    std::map<std::uint32_t, std::uint64_t> overflow_;
};

} // namespace airsight::core

#endif
