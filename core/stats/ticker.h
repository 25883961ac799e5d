// Calls a function once a period on its own thread until destroyed: what
// feeds the per-second RRDs (packet rates, memory, device counts).
#ifndef AIRSIGHT_CORE_STATS_TICKER_H
#define AIRSIGHT_CORE_STATS_TICKER_H

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace airsight::core {

class Ticker {
public:
    /// `tick` receives the local clock in seconds. The first call comes one
    /// period after construction.
    Ticker(std::chrono::milliseconds period, std::function<void(std::int64_t now_sec)> tick);
    ~Ticker();
    Ticker(const Ticker&) = delete;
    Ticker& operator=(const Ticker&) = delete;

private:
    void run();

    const std::chrono::milliseconds period_;
    const std::function<void(std::int64_t)> tick_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace airsight::core

#endif
