// A small list of callbacks for one kind of event (a message posted, an
// alert sent), for services that want to hear of them: the logging manager.
//
// empty() is one relaxed atomic load, so a service with no observer pays
// nothing more per event. Callbacks run under a recursive mutex: remove()
// returns only once no call to the removed callback is running, and a
// callback may cause another event of the same kind (an observer that posts
// a message) without deadlocking.
#ifndef AIRSIGHT_CORE_UTIL_OBSERVERS_H
#define AIRSIGHT_CORE_UTIL_OBSERVERS_H

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace airsight::core {

template <typename Event> class Observers {
public:
    using Callback = std::function<void(const Event&)>;

    /// Adds a callback; returns its id for remove().
    std::uint64_t add(Callback callback)
    {
        std::lock_guard lock(mutex_);
        const std::uint64_t id = next_id_++;
        callbacks_.emplace_back(id, std::move(callback));
        count_.store(callbacks_.size(), std::memory_order_relaxed);
        return id;
    }

    /// Gives callback `id` a new function in its place: an event is told to
    /// the old one or the new one, never both or neither, and the old one is
    /// destroyed once no call to it runs. Not from inside a callback.
    void replace(std::uint64_t id, Callback callback)
    {
        std::lock_guard lock(mutex_);
        for (auto& entry : callbacks_)
            if (entry.first == id) entry.second = std::move(callback);
    }

    void remove(std::uint64_t id)
    {
        std::lock_guard lock(mutex_);
        std::erase_if(callbacks_, [id](const auto& entry) { return entry.first == id; });
        count_.store(callbacks_.size(), std::memory_order_relaxed);
    }

    bool empty() const noexcept { return count_.load(std::memory_order_relaxed) == 0; }

    void notify(const Event& event) const
    {
        if (empty()) return;
        std::lock_guard lock(mutex_);
        for (const auto& entry : callbacks_) entry.second(event);
    }

private:
    mutable std::recursive_mutex mutex_;
    std::vector<std::pair<std::uint64_t, Callback>> callbacks_;
    std::atomic<std::size_t> count_{0};
    std::uint64_t next_id_ = 1;
};

} // namespace airsight::core

#endif
