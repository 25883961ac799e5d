// A quick "certainly not" for DISASSOCTRAFFIC: which stations may have sent
// a disconnect lately. Where deauthentications never stop (a busy site, an
// attack) the detector's time gate stays open, and without this every data
// frame would look its station up in the disconnect table (a shard lock and
// a hash probe: 3-4% of ingest in a beacon-heavy replay). One bit per hashed
// MAC answers for nearly all of them without a lock.
//
// Bits are set under a mutex by the rare disconnect and read lock-free by
// every data frame. A set bit may be another station's (the table then
// decides); a clear bit is certain. The bits are wiped only when no station
// disconnected for the whole window, so a filter of a long storm fills up and
// the detector falls back to the table, never to a wrong answer.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_SENDER_FILTER_H
#define AIRSIGHT_PHYS_DOT11_IDS_SENDER_FILTER_H

#include "ids/bounded_table.h"

#include <airsight/mac.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace airsight::dot11::ids {

class SenderFilter {
public:
    static constexpr std::size_t kBits = std::size_t{1} << 16; // 8 KiB

    /// Notes `mac` as a sender of a disconnect.
    void add(const MacAddr& mac)
    {
        std::lock_guard lock(mutex_);
        const std::size_t bit = bit_of(mac);
        words_[bit / 64].fetch_or(std::uint64_t{1} << (bit % 64), std::memory_order_relaxed);
        empty_.store(false, std::memory_order_relaxed);
    }

    /// False only when `mac` was not added since the last clear().
    bool may_contain(const MacAddr& mac) const
    {
        const std::size_t bit = bit_of(mac);
        return (words_[bit / 64].load(std::memory_order_relaxed) >> (bit % 64)) & 1;
    }

    /// Forgets every sender when `still_quiet()`, asked under the lock that
    /// add() takes, says no disconnect came since the caller decided to
    /// clear (so a disconnect noted meanwhile keeps its bit). An empty
    /// filter returns without locking: callers ask on every quiet frame.
    template <typename StillQuiet> void clear_if(StillQuiet&& still_quiet)
    {
        if (empty_.load(std::memory_order_relaxed)) return;
        std::lock_guard lock(mutex_);
        if (!still_quiet()) return;
        for (auto& w : words_) w.store(0, std::memory_order_relaxed);
        empty_.store(true, std::memory_order_relaxed);
    }

    bool empty() const { return empty_.load(std::memory_order_relaxed); }

private:
    static std::size_t bit_of(const MacAddr& mac) { return (MacKeyHash{}(mac) >> 7) & (kBits - 1); }

    std::mutex mutex_;
    std::atomic<bool> empty_{true}; // written under mutex_
    std::array<std::atomic<std::uint64_t>, kBits / 64> words_{};
};

} // namespace airsight::dot11::ids

#endif
