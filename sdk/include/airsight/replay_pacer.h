// Realtime pacing for sources that replay recorded frames (Kismet's
// realtime=true): when each frame is due, so the replay keeps the spacing of
// its capture times. Header-only; a source keeps one per replay.
#ifndef AIRSIGHT_REPLAY_PACER_H
#define AIRSIGHT_REPLAY_PACER_H

#include <chrono>
#include <cstdint>
#include <optional>

namespace airsight {

/// Measures each frame's capture time from the first frame's, against a
/// steady clock (so sleeping never accumulates drift). A capture time earlier
/// than the reference restarts the measurement there: out-of-order frames are
/// not delayed, as Kismet replays them.
class ReplayPacer {
public:
    /// Longer gaps are cut to this, so a garbage timestamp (year 55983)
    /// neither overflows the clock arithmetic nor holds a replay for longer
    /// than a close() takes.
    static constexpr std::int64_t kMaxGapSeconds = 30LL * 24 * 3600;

    /// When the frame captured at `sec`.`usec` (usec 0..999999) is due;
    /// nothing when it is due now (the first frame, or one earlier than the
    /// reference, which becomes the new reference).
    std::optional<std::chrono::steady_clock::time_point> due(std::int64_t sec, std::int64_t usec)
    {
        using namespace std::chrono;
        if (!have_base_ || sec < base_sec_ || (sec == base_sec_ && usec < base_usec_)) {
            have_base_ = true;
            base_sec_ = sec;
            base_usec_ = usec;
            base_time_ = steady_clock::now();
            return std::nullopt;
        }
        // sec >= base_sec_, but a file can hold any 64-bit value: the
        // difference is taken unsigned, where it cannot overflow.
        const std::uint64_t gap = static_cast<std::uint64_t>(sec) - static_cast<std::uint64_t>(base_sec_);
        if (gap >= static_cast<std::uint64_t>(kMaxGapSeconds)) return base_time_ + seconds(kMaxGapSeconds);
        return base_time_ + seconds(static_cast<std::int64_t>(gap)) + microseconds(usec - base_usec_);
    }

private:
    bool have_base_ = false;
    std::int64_t base_sec_ = 0;
    std::int64_t base_usec_ = 0;
    std::chrono::steady_clock::time_point base_time_;
};

} // namespace airsight

#endif
