// A thread-safe map with a fixed capacity, for detector state kept per MAC
// (or pair of MACs) outside the device tracker: what Kismet keeps on its
// devices for rare frames (disconnects, handshakes, DHCP), here touched only
// by those frames. Sharded so that two sources' threads rarely share a lock;
// a full shard forgets its least recently touched entry, so memory stays
// bounded whatever a flood of spoofed addresses does.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_BOUNDED_TABLE_H
#define AIRSIGHT_PHYS_DOT11_IDS_BOUNDED_TABLE_H

#include <airsight/mac.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace airsight::dot11::ids {

/// Keys: one MAC, or an ordered pair (a client and its BSSID).
struct MacPair {
    MacAddr first, second;
    bool operator==(const MacPair&) const = default;
};

struct MacKeyHash {
    static std::size_t mix(std::uint64_t v)
    {
        v ^= v >> 33;
        v *= 0xff51afd7ed558ccdULL;
        v ^= v >> 33;
        return static_cast<std::size_t>(v);
    }
    std::size_t operator()(const MacAddr& m) const { return mix(m.value()); }
    std::size_t operator()(const MacPair& p) const { return mix(p.first.value() * 31 + mix(p.second.value())); }
};

template <typename Key, typename Value> class BoundedTable {
public:
    static constexpr std::size_t kShards = 16;

    /// At most `capacity` entries in all (rounded up to a multiple of the shards).
    explicit BoundedTable(std::size_t capacity) : per_shard_((capacity + kShards - 1) / kShards) {}

    /// Runs fn(Value&, bool created) on the entry of `key` under its shard's
    /// lock, creating it (a default Value) when absent. `now` (seconds) marks
    /// it as touched. Returns what fn returns.
    template <typename Fn> auto with(const Key& key, double now, Fn&& fn)
    {
        Shard& s = shard(key);
        std::lock_guard lock(s.mutex);
        auto it = s.map.find(key);
        const bool created = it == s.map.end();
        if (created) {
            if (s.map.size() >= per_shard_) evict_oldest(s);
            it = s.map.emplace(key, Entry{}).first;
            entries_.fetch_add(1, std::memory_order_relaxed);
        }
        it->second.touched = now;
        return fn(it->second.value, created);
    }

    /// Runs fn(Value&) -> bool on the entry of `key` if there is one; the
    /// entry is dropped when fn returns false. Returns whether there was one.
    template <typename Fn> bool with_existing(const Key& key, Fn&& fn)
    {
        Shard& s = shard(key);
        std::lock_guard lock(s.mutex);
        auto it = s.map.find(key);
        if (it == s.map.end()) return false;
        if (!fn(it->second.value)) {
            s.map.erase(it);
            entries_.fetch_sub(1, std::memory_order_relaxed);
        }
        return true;
    }

    /// How many entries there are; a relaxed read, for a packet path that
    /// skips the lookup while the table is empty.
    std::size_t size() const { return entries_.load(std::memory_order_relaxed); }

private:
    struct Entry {
        Value value{};
        double touched = 0;
    };
    struct Shard {
        std::mutex mutex;
        std::unordered_map<Key, Entry, MacKeyHash> map;
    };

    Shard& shard(const Key& key) { return shards_[MacKeyHash{}(key) % kShards]; }

    // A linear scan: it runs only when a shard is full, on a frame that
    // creates an entry, and a shard holds capacity / 16 entries.
    void evict_oldest(Shard& s)
    {
        auto oldest = s.map.begin();
        for (auto it = s.map.begin(); it != s.map.end(); ++it)
            if (it->second.touched < oldest->second.touched) oldest = it;
        if (oldest == s.map.end()) return;
        s.map.erase(oldest);
        entries_.fetch_sub(1, std::memory_order_relaxed);
    }

    std::size_t per_shard_;
    std::array<Shard, kShards> shards_;
    std::atomic<std::size_t> entries_{0};
};

} // namespace airsight::dot11::ids

#endif
