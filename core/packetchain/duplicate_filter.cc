#include "packetchain/duplicate_filter.h"

#include <cstring>

namespace airsight::core {

std::uint64_t DuplicateFilter::hash(std::span<const std::uint8_t> frame)
{
    // A word-at-a-time multiply/xor-shift mix: fast on the packet path and
    // plenty for telling recent frames apart (not a defence against forgery).
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = frame.size() * k;
    std::size_t i = 0;
    for (; i + 8 <= frame.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, frame.data() + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, frame.data() + i, frame.size() - i);
    h = (h ^ tail) * k;
    return h ^ (h >> 32);
}

bool DuplicateFilter::check(std::span<const std::uint8_t> frame, std::uint32_t source_number, std::int64_t ts_sec,
                            std::uint32_t ts_usec)
{
    if (frame.empty()) return false;
    const std::uint64_t h = hash(frame);
    const std::int64_t t = ts_sec * 1'000'000 + ts_usec;
    Shard& shard = shards_[h % kShards];
    Entry& e = shard.entries[(h / kShards) % kEntriesPerShard];
    std::lock_guard lock(shard.mutex);
    const std::int64_t apart = e.ts_usec > t ? e.ts_usec - t : t - e.ts_usec;
    if (e.source != 0 && e.hash == h && e.source != source_number + 1 && apart <= 1'000'000) return true;
    e = Entry{h, t, source_number + 1};
    return false;
}

} // namespace airsight::core
