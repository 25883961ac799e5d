// airsight SDK: round-robin rate records (Kismet's kismet.common.rrd.*).
//
// An Rrd keeps the past minute one value per second, the past hour one value
// per minute and the past day one value per hour, in rings indexed by the
// absolute time (second % 60, minute % 60, hour % 24) as Kismet does, so a
// client rotates them with last_time and serial_time. Kismet's web UI draws
// its packet-rate graphs from these records.
//
// Samples that land in the same second combine (SUM: a rate such as packets
// per second; MAX: a peak; LAST: a gauge such as memory in use). A minute's
// slot is the average of the past 60 seconds (the maximum, for MAX), an
// hour's the average of the past 60 minutes. Seconds, minutes and hours that pass without a sample are blank
// (0). Times are the local clock in seconds, never packet times.
//
// Not thread-safe: the owner locks. Values are floats to keep a device's
// record small (about 600 bytes).
#ifndef AIRSIGHT_RRD_H
#define AIRSIGHT_RRD_H

#include <airsight/field.h>
#include <airsight/value.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>

namespace airsight {

enum class RrdCombine : std::uint8_t { SUM, MAX, LAST };

class Rrd {
public:
    explicit Rrd(RrdCombine combine = RrdCombine::SUM) : combine_(combine) {}

    /// Adds a sample at `now_sec`. A sample up to a minute older than the
    /// newest one still lands in its second (packets arrive out of order);
    /// an older one is ignored.
    void add(double value, std::int64_t now_sec)
    {
        const auto v = static_cast<float>(value);
        if (now_sec > last_time_) {
            advance(now_sec);
            minute_[slot60(now_sec)] = v;
            last_value_n1_ = last_value_;
            last_value_ = v;
        } else if (seconds_after(last_time_, now_sec) < 60) {
            float& s = minute_[slot60(now_sec)];
            s = combine(s, v);
            if (now_sec == last_time_) last_value_ = combine(last_value_, v);
        }
    }

    /// A copy brought forward to `now_sec` with its minute and hour slots
    /// brought up to date: what a client is shown (Kismet also brings a
    /// record forward before serializing it).
    Rrd at(std::int64_t now_sec) const
    {
        Rrd r = *this;
        if (now_sec > r.last_time_) r.advance(now_sec);
        r.roll_up();
        return r;
    }

    std::int64_t last_time() const { return last_time_; }
    /// The newest second's value and the one before it.
    double last_value() const { return last_value_; }
    double last_value_n1() const { return last_value_n1_; }
    const std::array<float, 60>& minute() const { return minute_; } // per second
    const std::array<float, 60>& hour() const { return hour_; }     // per minute
    const std::array<float, 24>& day() const { return day_; }       // per hour

private:
    static std::size_t slot60(std::int64_t t) { return static_cast<std::size_t>(((t % 60) + 60) % 60); }
    static std::size_t minute_slot(std::int64_t t) { return slot60(floor_div(t, 60)); }
    static std::size_t slot24(std::int64_t hours) { return static_cast<std::size_t>(((hours % 24) + 24) % 24); }
    static std::size_t hour_slot(std::int64_t t) { return slot24(floor_div(t, 3600)); }
    // later - earlier (later >= earlier), saturating: times may be any int64
    // (a capture's garbage timestamp), and the difference must not overflow.
    static std::int64_t seconds_after(std::int64_t later, std::int64_t earlier)
    {
        std::int64_t d = 0;
        return __builtin_sub_overflow(later, earlier, &d) ? INT64_MAX : d;
    }
    static std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

    float combine(float a, float b) const
    {
        switch (combine_) {
        case RrdCombine::SUM: return a + b;
        case RrdCombine::MAX: return std::max(a, b);
        case RrdCombine::LAST: return b;
        }
        return b;
    }

    template <std::size_t N> float aggregate(const std::array<float, N>& a) const
    {
        if (combine_ == RrdCombine::MAX) return *std::max_element(a.begin(), a.end());
        double sum = 0;
        for (float x : a) sum += x;
        return static_cast<float>(sum / N);
    }

    // The current minute's and hour's slots summarize the finer ring; they
    // are refreshed when time moves on or a copy is shown, not on every add,
    // which keeps add() O(1) on the packet path.
    void roll_up()
    {
        if (last_time_ == kNever) return;
        hour_[minute_slot(last_time_)] = aggregate(minute_);
        day_[hour_slot(last_time_)] = aggregate(hour_);
    }

    // Moves time forward to t: closes the current minute and hour, then
    // blanks the seconds, minutes and hours that passed without samples.
    void advance(std::int64_t t)
    {
        if (last_time_ == kNever || seconds_after(t, last_time_) >= 24 * 3600) {
            minute_.fill(0);
            hour_.fill(0);
            day_.fill(0);
        } else {
            roll_up();
            // At most 60 seconds, 60 minutes and 24 hours to blank; walk the
            // ring slots rather than the times, which cannot overflow.
            const auto secs = static_cast<unsigned>(std::clamp<std::int64_t>(t - last_time_, 0, 60));
            for (std::size_t i = 0, slot = slot60(last_time_); i < secs; ++i) minute_[slot = (slot + 1) % 60] = 0;
            const std::int64_t last_minute = floor_div(last_time_, 60);
            const auto mins = static_cast<unsigned>(std::clamp<std::int64_t>(floor_div(t, 60) - last_minute, 0, 60));
            for (std::size_t i = 0, slot = slot60(last_minute); i < mins; ++i) hour_[slot = (slot + 1) % 60] = 0;
            const std::int64_t last_hour = floor_div(last_time_, 3600);
            const auto hours = static_cast<unsigned>(std::clamp<std::int64_t>(floor_div(t, 3600) - last_hour, 0, 24));
            for (std::size_t i = 0, slot = slot24(last_hour); i < hours; ++i) day_[slot = (slot + 1) % 24] = 0;
        }
        last_time_ = t;
    }

    static constexpr std::int64_t kNever = INT64_MIN;
    std::int64_t last_time_ = kNever;
    float last_value_ = 0, last_value_n1_ = 0;
    RrdCombine combine_;
    std::array<float, 60> minute_{};
    std::array<float, 60> hour_{};
    std::array<float, 24> day_{};
};

/// A packet-count RRD for one of 100,000 devices: what an Rrd with
/// RrdCombine::SUM records, at a quarter of the size. Seconds are 16-bit
/// counts (saturating at 65535 a second); the per-minute and per-hour rings
/// are allocated only once the device is heard in a second minute (until
/// then they hold nothing but the current minute, which at() computes).
class CountRrd {
public:
    CountRrd() = default;
    CountRrd(const CountRrd& o) : last_time_(o.last_time_), last_(o.last_), last_n1_(o.last_n1_), minute_(o.minute_)
    {
        if (o.coarse_) coarse_ = std::make_unique<Coarse>(*o.coarse_);
    }
    CountRrd& operator=(const CountRrd& o)
    {
        if (this != &o) *this = CountRrd(o);
        return *this;
    }
    CountRrd(CountRrd&&) noexcept = default;
    CountRrd& operator=(CountRrd&&) noexcept = default;

    /// Counts `n` at `now_sec` (same rules as Rrd::add).
    void add(std::uint32_t n, std::int64_t now_sec)
    {
        if (now_sec > last_time_) {
            advance(now_sec);
            minute_[slot60(now_sec)] = saturate(n);
            last_n1_ = last_;
            last_ = saturate(n);
        } else if (last_time_ - now_sec < 60) {
            std::uint16_t& s = minute_[slot60(now_sec)];
            s = saturate(std::uint32_t{s} + n);
            if (now_sec == last_time_) last_ = saturate(std::uint32_t{last_} + n);
        }
    }

    /// A copy brought forward to `now_sec`, its rings up to date.
    CountRrd at(std::int64_t now_sec) const
    {
        CountRrd r = *this;
        if (!r.coarse_) r.coarse_ = std::make_unique<Coarse>();
        if (now_sec > r.last_time_) r.advance(now_sec);
        r.roll_up();
        return r;
    }

    std::int64_t last_time() const { return last_time_; }
    double last_value() const { return last_; }
    double last_value_n1() const { return last_n1_; }
    const std::array<std::uint16_t, 60>& minute() const { return minute_; }
    /// Zeros until the device is heard in a second minute (then see at()).
    const std::array<float, 60>& hour() const { return coarse_ ? coarse_->hour : zero().hour; }
    const std::array<float, 24>& day() const { return coarse_ ? coarse_->day : zero().day; }

private:
    struct Coarse {
        std::array<float, 60> hour{}; // per minute
        std::array<float, 24> day{};  // per hour
    };
    static const Coarse& zero()
    {
        static const Coarse z;
        return z;
    }

    static std::uint16_t saturate(std::uint32_t n) { return static_cast<std::uint16_t>(std::min<std::uint32_t>(n, 65535)); }
    static std::size_t slot60(std::int64_t t) { return static_cast<std::size_t>(((t % 60) + 60) % 60); }
    static std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
    static std::size_t slot24(std::int64_t hours) { return static_cast<std::size_t>(((hours % 24) + 24) % 24); }

    float minute_average() const
    {
        std::uint32_t sum = 0;
        for (std::uint16_t x : minute_) sum += x;
        return static_cast<float>(sum / 60.0);
    }
    void roll_up()
    {
        if (last_time_ == kNever || !coarse_) return;
        coarse_->hour[slot60(floor_div(last_time_, 60))] = minute_average();
        double sum = 0;
        for (float x : coarse_->hour) sum += x;
        coarse_->day[slot24(floor_div(last_time_, 3600))] = static_cast<float>(sum / 60);
    }
    // As Rrd::advance; the coarse rings appear when a minute closes.
    void advance(std::int64_t t)
    {
        if (last_time_ == kNever || t - last_time_ >= 24 * 3600) {
            minute_.fill(0);
            if (coarse_) *coarse_ = Coarse{};
        } else {
            const std::int64_t last_minute = floor_div(last_time_, 60);
            if (!coarse_ && floor_div(t, 60) != last_minute) coarse_ = std::make_unique<Coarse>();
            roll_up();
            const auto secs = static_cast<unsigned>(std::clamp<std::int64_t>(t - last_time_, 0, 60));
            for (std::size_t i = 0, slot = slot60(last_time_); i < secs; ++i) minute_[slot = (slot + 1) % 60] = 0;
            if (coarse_) {
                const auto mins = static_cast<unsigned>(std::clamp<std::int64_t>(floor_div(t, 60) - last_minute, 0, 60));
                for (std::size_t i = 0, slot = slot60(last_minute); i < mins; ++i) coarse_->hour[slot = (slot + 1) % 60] = 0;
                const std::int64_t last_hour = floor_div(last_time_, 3600);
                const auto hours = static_cast<unsigned>(std::clamp<std::int64_t>(floor_div(t, 3600) - last_hour, 0, 24));
                for (std::size_t i = 0, slot = slot24(last_hour); i < hours; ++i) coarse_->day[slot = (slot + 1) % 24] = 0;
            }
        }
        last_time_ = t;
    }

    static constexpr std::int64_t kNever = INT64_MIN;
    std::int64_t last_time_ = kNever;
    std::uint16_t last_ = 0, last_n1_ = 0;
    std::array<std::uint16_t, 60> minute_{};
    std::unique_ptr<Coarse> coarse_;
};

/// The kismet.common.rrd.* fields, and an Rrd as such a record.
struct RrdFields {
    explicit RrdFields(FieldRegistry& r)
        : last_time(r.add("kismet.common.rrd.last_time", FieldType::UInt64, "last time updated")),
          serial_time(r.add("kismet.common.rrd.serial_time", FieldType::UInt64, "timestamp of serialization")),
          last_value(r.add("kismet.common.rrd.last_value", FieldType::Double, "most recent value in rrd")),
          last_value_n1(r.add("kismet.common.rrd.last_value_n1", FieldType::Double, "most recent value - 1 in rrd")),
          minute_vec(r.add("kismet.common.rrd.minute_vec", FieldType::Vector, "past minute values per second")),
          hour_vec(r.add("kismet.common.rrd.hour_vec", FieldType::Vector, "past hour values per minute")),
          day_vec(r.add("kismet.common.rrd.day_vec", FieldType::Vector, "past day values per hour")),
          blank_val(r.add("kismet.common.rrd.blank_val", FieldType::Double, "blank value"))
    {
    }

    /// The record as a client sees it at `now_sec` (the local clock); `R` is
    /// Rrd or CountRrd.
    template <typename R> Value record(const R& rrd, std::int64_t now_sec) const
    {
        const R r = rrd.at(now_sec);
        Value v = minute_part(r, now_sec);
        v.set(hour_vec, list(r.hour()));
        v.set(day_vec, list(r.day()));
        v.set(blank_val, 0.0);
        return v;
    }

    /// A minute-only record (Kismet's kis_tracked_minute_rrd: no hour_vec or
    /// day_vec) at `now_sec`; `R` is SignalRrd.
    template <typename R> Value minute_record(const R& rrd, std::int64_t now_sec) const
    {
        Value v = minute_part(rrd.at(now_sec), now_sec);
        v.set(blank_val, 0.0);
        return v;
    }

    const Field& last_time;
    const Field& serial_time;
    const Field& last_value;
    const Field& last_value_n1;
    const Field& minute_vec;
    const Field& hour_vec;
    const Field& day_vec;
    const Field& blank_val;

private:
    /// What both kinds of record start with, in Kismet's member order: the
    /// times, the last values and the minute's values (`r` already at now).
    template <typename R> Value minute_part(const R& r, std::int64_t now_sec) const
    {
        Value v = Value::object();
        v.set(last_time, static_cast<std::uint64_t>(std::max<std::int64_t>(r.last_time(), 0)));
        v.set(serial_time, static_cast<std::uint64_t>(std::max<std::int64_t>(now_sec, 0)));
        v.set(last_value, r.last_value());
        v.set(last_value_n1, r.last_value_n1());
        v.set(minute_vec, list(r.minute()));
        return v;
    }

    template <typename T, std::size_t N> static Value list(const std::array<T, N>& a)
    {
        Value l = Value::array();
        for (T x : a) l.push(Value(static_cast<double>(x)));
        return l;
    }
};

} // namespace airsight

#endif
