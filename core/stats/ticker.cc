#include "stats/ticker.h"

#include "util/local_clock.h"

#include <algorithm>

namespace airsight::core {

Ticker::Ticker(std::chrono::milliseconds period, std::function<void(std::int64_t)> tick)
    : period_(period), tick_(std::move(tick)), thread_([this] { run(); })
{
}

Ticker::~Ticker()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Ticker::run()
{
    std::unique_lock lock(mutex_);
    auto next = std::chrono::steady_clock::now() + period_;
    while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
        lock.unlock();
        tick_(local_now_sec());
        lock.lock();
        // Keep a steady rhythm, but never try to catch up on missed ticks.
        next = std::max(next + period_, std::chrono::steady_clock::now());
    }
}

} // namespace airsight::core
