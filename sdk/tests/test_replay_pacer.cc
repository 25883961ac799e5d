#include <airsight/replay_pacer.h>

#include <doctest/doctest.h>

#include <chrono>
#include <limits>

using airsight::ReplayPacer;
using namespace std::chrono;

TEST_CASE("ReplayPacer: frames are due at their capture time's distance from the first")
{
    ReplayPacer pacer;
    const auto before = steady_clock::now();
    CHECK_FALSE(pacer.due(1000, 500'000).has_value()); // the first: now, and the reference
    const auto after = steady_clock::now();

    const auto later = pacer.due(1001, 700'000); // 1.2 s after the first
    REQUIRE(later.has_value());
    CHECK(*later >= before + milliseconds(1200));
    CHECK(*later <= after + milliseconds(1200));

    const auto same_second = pacer.due(1000, 600'000); // 0.1 s after it
    REQUIRE(same_second.has_value());
    CHECK(*same_second - *later == milliseconds(-1100));
}

TEST_CASE("ReplayPacer: an earlier capture time is due now and becomes the reference")
{
    ReplayPacer pacer;
    CHECK_FALSE(pacer.due(1000, 0).has_value());
    CHECK_FALSE(pacer.due(999, 999'999).has_value());
    const auto start = steady_clock::now();
    const auto next = pacer.due(1000, 0); // a microsecond after the new reference
    REQUIRE(next.has_value());
    CHECK(*next <= start + microseconds(1));
}

TEST_CASE("ReplayPacer: gaps are cut to kMaxGapSeconds, also the largest a file can hold")
{
    ReplayPacer pacer;
    const auto before = steady_clock::now();
    CHECK_FALSE(pacer.due(-5, 0).has_value());
    const auto after = steady_clock::now();
    for (const std::int64_t sec : {std::int64_t{-5} + ReplayPacer::kMaxGapSeconds, std::int64_t{1} << 40,
                                   std::numeric_limits<std::int64_t>::max()}) {
        CAPTURE(sec);
        const auto due = pacer.due(sec, 999'999);
        REQUIRE(due.has_value());
        CHECK(*due >= before + seconds(ReplayPacer::kMaxGapSeconds));
        CHECK(*due <= after + seconds(ReplayPacer::kMaxGapSeconds));
    }
}
