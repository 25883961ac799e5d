// airsight SDK: a device's past minute of signal (Kismet's
// kismet.common.signal.signal_rrd, a kis_tracked_minute_rrd with the
// peak-signal aggregator).
//
// One slot per second holds the strongest signal heard in that second, in
// whole dBm. 0 is Kismet's blank value ("no legit signal would be 0"): a
// sample of 0 dBm is not recorded, and seconds without a sample read 0.
// Slots are indexed by the absolute second (second % 60), as Kismet's, so a
// client rotates them with last_time and serial_time.
//
// Compact because the tracker holds 100,000 devices: a device never heard
// with a signal costs one pointer; the first sample allocates 72 bytes (a
// signed byte per second, which holds any dBm a radio reports; values past
// -128..127 are clamped). Times are the local clock in seconds, as the other
// device RRDs (airsight/rrd.h). Not thread-safe: the owner locks.
#ifndef AIRSIGHT_SIGNAL_RRD_H
#define AIRSIGHT_SIGNAL_RRD_H

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>

namespace airsight {

class SignalRrd {
public:
    SignalRrd() = default;
    SignalRrd(const SignalRrd& o) : ring_(o.ring_ ? std::make_unique<Ring>(*o.ring_) : nullptr) {}
    SignalRrd& operator=(const SignalRrd& o)
    {
        if (this != &o) ring_ = o.ring_ ? std::make_unique<Ring>(*o.ring_) : nullptr;
        return *this;
    }
    SignalRrd(SignalRrd&&) noexcept = default;
    SignalRrd& operator=(SignalRrd&&) noexcept = default;

    /// Records a signal of `dbm` at `now_sec`. A sample in a second already
    /// recorded keeps the stronger; one up to a minute older than the newest
    /// lands in its own second (packets arrive out of order); an older one,
    /// and a signal of 0 (blank), are ignored.
    void add(int dbm, std::int64_t now_sec)
    {
        const std::int8_t v = clamp(dbm);
        if (v == 0) return;
        if (!ring_) {
            ring_ = std::make_unique<Ring>();
            ring_->last_time = now_sec;
            ring_->minute[slot(now_sec)] = v;
            ring_->last = v;
            return;
        }
        Ring& r = *ring_;
        if (now_sec > r.last_time) {
            advance(r, now_sec);
            r.minute[slot(now_sec)] = v;
            r.last_n1 = r.last;
            r.last = v;
        } else if (std::int64_t late = 0; !__builtin_sub_overflow(r.last_time, now_sec, &late) && late < 60) {
            std::int8_t& s = r.minute[slot(now_sec)];
            s = peak(s, v);
            if (now_sec == r.last_time) r.last = peak(r.last, v);
        }
    }

    /// True until the first sample: the record is then absent, as in Kismet.
    bool empty() const { return !ring_; }

    /// A copy brought forward to `now_sec`: the seconds since the last
    /// sample are blank (what a client is shown).
    SignalRrd at(std::int64_t now_sec) const
    {
        SignalRrd r = *this;
        if (r.ring_ && now_sec > r.ring_->last_time) advance(*r.ring_, now_sec);
        return r;
    }

    std::int64_t last_time() const { return ring_ ? ring_->last_time : 0; }
    /// The newest second's peak and the one before it (0: none).
    double last_value() const { return ring_ ? ring_->last : 0; }
    double last_value_n1() const { return ring_ ? ring_->last_n1 : 0; }
    /// Where the ring lives (nullptr while empty()): the tracker asks the
    /// memory system for it with the device, ahead of an update.
    const void* storage() const { return ring_.get(); }
    static constexpr std::size_t storage_bytes() { return sizeof(Ring); }
    /// Per second, dBm (0: blank); all blank while empty().
    const std::array<std::int8_t, 60>& minute() const { return ring_ ? ring_->minute : blank().minute; }

private:
    struct Ring {
        std::int64_t last_time = 0;
        std::int8_t last = 0, last_n1 = 0;
        std::array<std::int8_t, 60> minute{};
    };
    static const Ring& blank()
    {
        static const Ring b;
        return b;
    }

    static std::int8_t clamp(int dbm) { return static_cast<std::int8_t>(std::clamp(dbm, -128, 127)); }
    static std::size_t slot(std::int64_t t) { return static_cast<std::size_t>(((t % 60) + 60) % 60); }
    // Kismet's peak aggregator: the stronger of two, a blank (0) giving way.
    static std::int8_t peak(std::int8_t a, std::int8_t b)
    {
        if (a == 0) return b;
        if (b == 0) return a;
        return std::max(a, b);
    }
    // Blanks the seconds after last_time up to t (all 60 after a minute's
    // silence); walks ring slots, so a wild time cannot overflow.
    static void advance(Ring& r, std::int64_t t)
    {
        std::int64_t gap = 0;
        if (__builtin_sub_overflow(t, r.last_time, &gap) || gap > 60) gap = 60;
        for (std::size_t i = 0, s = slot(r.last_time); i < static_cast<std::size_t>(gap); ++i)
            r.minute[s = (s + 1) % 60] = 0;
        r.last_time = t;
    }

    std::unique_ptr<Ring> ring_;
};

} // namespace airsight

#endif
