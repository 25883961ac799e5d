// Finds frames that several sources heard: two radios near each other (or
// two replays of one capture) deliver the same over-the-air frame, which
// must count once. A frame is a duplicate when a *different* source delivered
// the same link-layer bytes (the decapsulated payload, so radiotap headers
// that differ per radio do not matter) with a packet time at most a second
// apart. Retransmissions by the same source are not duplicates: 802.11 marks
// them itself.
//
// A direct-mapped table of recent frame hashes keeps memory fixed (no
// allocation per packet); a hash collision costs at most a missed duplicate.
#ifndef AIRSIGHT_CORE_PACKETCHAIN_DUPLICATE_FILTER_H
#define AIRSIGHT_CORE_PACKETCHAIN_DUPLICATE_FILTER_H

#include "util/adaptive_mutex.h"

#include <array>
#include <cstdint>
#include <span>

namespace airsight::core {

class DuplicateFilter {
public:
    /// A frame's hash, with the table entry it maps to already asked of the
    /// memory system: taken as soon as the payload is known, checked later,
    /// so the cache miss overlaps other work (dissection) instead of stalling.
    struct Probe {
        std::uint64_t hash = 0;
        bool empty = true; // no bytes: never a duplicate
    };
    Probe probe(std::span<const std::uint8_t> frame) const;
    /// True when the probed frame is a duplicate; otherwise remembers it.
    bool check_probe(const Probe& probe, std::uint32_t source_number, std::int64_t ts_sec, std::uint32_t ts_usec);
    /// Both steps at once.
    bool check(std::span<const std::uint8_t> frame, std::uint32_t source_number, std::int64_t ts_sec,
               std::uint32_t ts_usec)
    {
        return check_probe(probe(frame), source_number, ts_sec, ts_usec);
    }

    static std::uint64_t hash(std::span<const std::uint8_t> frame);
    /// True when two packet times are at most a second apart. Defined for
    /// every value (no overflow), including a usec field beyond 999999.
    static bool within_a_second(std::int64_t a_sec, std::uint32_t a_usec, std::int64_t b_sec, std::uint32_t b_usec);

private:
    struct Entry {
        std::uint64_t hash = 0;
        std::int64_t ts_sec = 0;  // packet time as delivered (any value: files carry garbage)
        std::uint32_t ts_usec = 0;
        std::uint32_t source = 0; // 0: empty
    };
    // Many small shards: every frame locks one, and with few, two sources'
    // threads passed the same few mutexes back and forth on every frame.
    static constexpr std::size_t kShards = 256, kEntriesPerShard = 32;
    struct alignas(64) Shard {
        AdaptiveMutex mutex;
        std::array<Entry, kEntriesPerShard> entries{};
    };
    Shard& shard_of(std::uint64_t hash) { return shards_[hash % kShards]; }
    static std::size_t entry_of(std::uint64_t hash) { return (hash / kShards) % kEntriesPerShard; }
    std::array<Shard, kShards> shards_;
};

} // namespace airsight::core

#endif
