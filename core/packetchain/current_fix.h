// The GPS tracker's best fix, as the packet path reads it. The tracker
// publishes a new one a few times a second at most; each lane of the chain
// keeps a copy and compares one generation number per packet, so a packet
// costs one atomic load when nothing changed, and nothing else when no GPS is
// configured (the generation never moves from 0).
#ifndef AIRSIGHT_CORE_PACKETCHAIN_CURRENT_FIX_H
#define AIRSIGHT_CORE_PACKETCHAIN_CURRENT_FIX_H

#include <airsight/location.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

namespace airsight::core {

class CurrentFix {
public:
    /// A reader's copy: the fix as of `generation`.
    struct Copy {
        std::uint64_t generation = 0;
        std::optional<GpsFix> fix;
    };

    /// Replaces the fix (nullopt: no GPS has one).
    void publish(const std::optional<GpsFix>& fix)
    {
        std::lock_guard lock(mutex_);
        fix_ = fix;
        generation_.store(generation_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }

    /// Brings `copy` up to date; cheap when it is.
    void refresh(Copy& copy) const
    {
        if (generation_.load(std::memory_order_acquire) == copy.generation) return;
        std::lock_guard lock(mutex_);
        copy.fix = fix_;
        copy.generation = generation_.load(std::memory_order_relaxed);
    }

    std::optional<GpsFix> get() const
    {
        std::lock_guard lock(mutex_);
        return fix_;
    }

private:
    mutable std::mutex mutex_;
    std::optional<GpsFix> fix_;
    std::atomic<std::uint64_t> generation_{0};
};

} // namespace airsight::core

#endif
