// The thread a fake datasource delivers on, and the stop its close() needs:
// the unit tests' fake sources share it rather than each re-writing the
// mutex, condition variable and join.
#ifndef AIRSIGHT_TESTS_UNIT_CORE_SOURCE_WORKER_H
#define AIRSIGHT_TESTS_UNIT_CORE_SOURCE_WORKER_H

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace airsight::test {

/// Declare it last among a source's members: its destructor stops and joins
/// the thread before the members the thread uses go.
class SourceWorker {
public:
    ~SourceWorker() { stop(); }

    void start(std::function<void()> body) { thread_ = std::thread(std::move(body)); }

    /// On the thread: waits until `ready()` (called under the lock, so it may
    /// consume what it found) or stop(); false when stopped.
    template <typename Ready> bool wait(Ready&& ready)
    {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopped_ || ready(); });
        return !stopped_;
    }

    /// Changes, under the lock, what a wait() looks at, and wakes it.
    template <typename Change> void signal(Change&& change)
    {
        {
            std::lock_guard lock(mutex_);
            change();
        }
        wake_.notify_all();
    }

    bool stopped() const
    {
        std::lock_guard lock(mutex_);
        return stopped_;
    }

    /// Ends a wait() under way and joins the thread (close() calls it).
    void stop()
    {
        signal([this] { stopped_ = true; });
        if (thread_.joinable()) thread_.join();
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopped_ = false;
    std::thread thread_;
};

} // namespace airsight::test

#endif
