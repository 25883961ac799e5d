// Packets, bytes and signal per frequency, counted on every source's packet
// path at once without a lock: a small open-addressing table of atomic slots
// keyed by kHz. A frequency claims a slot once with a compare-and-swap; after
// that counting is two relaxed fetch_adds (and, for a packet with a signal, a
// store and rarely a compare-and-swap). Radios use a few dozen frequencies;
// the rare frequency that finds the table full is counted under a mutex.
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

    /// The signal of a frequency's packets, dBm; 0: none measured (Kismet's
    /// blank: no radio reports exactly 0 dBm).
    struct Signal {
        int last = 0, min = 0, max = 0;
    };
    struct Totals {
        std::uint64_t packets = 0, bytes = 0;
        Signal signal;
    };

    /// Counts one packet of `bytes` on `khz` (0 is ignored), heard at
    /// `signal_dbm` (0: not measured).
    void add(std::uint32_t khz, std::uint64_t bytes = 0, int signal_dbm = 0)
    {
        if (khz == 0) return;
        std::size_t i = (khz * 2654435761u) >> 24; // the product's top 8 bits: kSlots = 256
        for (std::size_t probes = 0; probes < kSlots; ++probes, i = (i + 1) & (kSlots - 1)) {
            Slot& s = slots_[i];
            std::uint32_t seen = s.khz.load(std::memory_order_acquire);
            if (seen == 0 && s.khz.compare_exchange_strong(seen, khz, std::memory_order_acq_rel)) seen = khz;
            if (seen == khz) {
                s.packets.fetch_add(1, std::memory_order_relaxed);
                if (bytes) s.bytes.fetch_add(bytes, std::memory_order_relaxed);
                if (signal_dbm) {
                    s.last.store(signal_dbm, std::memory_order_relaxed);
                    keep_if(s.min, signal_dbm, [](int v, int cur) { return v < cur; });
                    keep_if(s.max, signal_dbm, [](int v, int cur) { return v > cur; });
                }
                return;
            }
        }
        std::lock_guard lock(overflow_mutex_);
        Totals& t = overflow_[khz];
        ++t.packets;
        t.bytes += bytes;
        if (signal_dbm) {
            t.signal.last = signal_dbm;
            if (t.signal.min == 0 || signal_dbm < t.signal.min) t.signal.min = signal_dbm;
            if (t.signal.max == 0 || signal_dbm > t.signal.max) t.signal.max = signal_dbm;
        }
    }

    /// Totals per frequency so far.
    std::map<std::uint32_t, Totals> snapshot() const
    {
        std::map<std::uint32_t, Totals> out;
        for (const Slot& s : slots_)
            if (const std::uint32_t khz = s.khz.load(std::memory_order_acquire)) {
                Totals& t = out[khz];
                t.packets += s.packets.load(std::memory_order_relaxed);
                t.bytes += s.bytes.load(std::memory_order_relaxed);
                t.signal = {s.last.load(std::memory_order_relaxed), s.min.load(std::memory_order_relaxed),
                            s.max.load(std::memory_order_relaxed)};
            }
        std::lock_guard lock(overflow_mutex_);
        for (const auto& [khz, n] : overflow_) {
            Totals& t = out[khz];
            t.packets += n.packets;
            t.bytes += n.bytes;
            t.signal = n.signal;
        }
        return out;
    }

private:
    struct Slot {
        std::atomic<std::uint32_t> khz{0};
        std::atomic<int> last{0}, min{0}, max{0};
        std::atomic<std::uint64_t> packets{0}, bytes{0};
    };
    // Replaces `cur` with `v` when it is blank (0) or `better(v, cur)`.
    template <typename Better> static void keep_if(std::atomic<int>& cur, int v, Better better)
    {
        int seen = cur.load(std::memory_order_relaxed);
        while ((seen == 0 || better(v, seen)) && !cur.compare_exchange_weak(seen, v, std::memory_order_relaxed)) {
        }
    }

    std::array<Slot, kSlots> slots_{};
    mutable std::mutex overflow_mutex_;
    std::map<std::uint32_t, Totals> overflow_;
};

} // namespace airsight::core

#endif
