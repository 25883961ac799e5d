#include "packetchain/duplicate_filter.h"

#include <cstring>
#include <mutex>

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

bool DuplicateFilter::within_a_second(std::int64_t a_sec, std::uint32_t a_usec, std::int64_t b_sec,
                                      std::uint32_t b_usec)
{
    // Capture files carry any 64-bit second count (a pcapng timestamp of
    // 0xFFFFFFFFFFFFFFFF): compare seconds first, so nothing is multiplied
    // unless it is small. A usec field may reach 4294 s, hence the margin.
    std::int64_t seconds_apart = 0;
    if (__builtin_sub_overflow(a_sec, b_sec, &seconds_apart)) return false;
    if (seconds_apart > 10'000 || seconds_apart < -10'000) return false;
    const std::int64_t apart =
        seconds_apart * 1'000'000 + (static_cast<std::int64_t>(a_usec) - static_cast<std::int64_t>(b_usec));
    return apart >= -1'000'000 && apart <= 1'000'000;
}

DuplicateFilter::Probe DuplicateFilter::probe(std::span<const std::uint8_t> frame) const
{
    if (frame.empty()) return {};
    const std::uint64_t h = hash(frame);
    const Shard& shard = shards_[h % kShards];
    __builtin_prefetch(&shard.mutex);
    __builtin_prefetch(&shard.entries[entry_of(h)]);
    return {h, false};
}

bool DuplicateFilter::check_probe(const Probe& probe, std::uint32_t source_number, std::int64_t ts_sec,
                                  std::uint32_t ts_usec)
{
    if (probe.empty) return false;
    const std::uint64_t h = probe.hash;
    Shard& shard = shard_of(h);
    Entry& e = shard.entries[entry_of(h)];
    std::lock_guard lock(shard.mutex);
    if (e.source != 0 && e.hash == h && e.source != source_number + 1 &&
        within_a_second(e.ts_sec, e.ts_usec, ts_sec, ts_usec))
        return true;
    e = Entry{h, ts_sec, ts_usec, source_number + 1};
    return false;
}

} // namespace airsight::core
