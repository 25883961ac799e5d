#include "streams/stream_tracker.h"

#include <chrono>

namespace airsight::core {

struct StreamTrackerImpl::Entry {
    std::uint64_t id = 0;
    std::uint64_t start_sec = 0;
    StreamDescription description;
    std::atomic<std::uint64_t> packets{0}, bytes{0}, dropped{0};
    // Guards `close` against the handle's destruction: a close request and
    // the stream's end may race, and the callback must never run after it.
    std::mutex close_mutex;
    std::function<void()> close;
};

// The handle a stream holds; its destruction unregisters the stream.
class TrackedStream : public StreamHandle {
public:
    TrackedStream(StreamTrackerImpl& tracker, std::shared_ptr<StreamTrackerImpl::Entry> entry)
        : tracker_(tracker), entry_(std::move(entry))
    {
    }
    ~TrackedStream() override
    {
        {
            std::lock_guard lock(entry_->close_mutex);
            entry_->close = nullptr;
        }
        tracker_.remove(entry_->id);
    }
    std::uint64_t id() const override { return entry_->id; }
    void add_sent(std::uint64_t packets, std::uint64_t bytes) override
    {
        entry_->packets.fetch_add(packets, std::memory_order_relaxed);
        entry_->bytes.fetch_add(bytes, std::memory_order_relaxed);
    }
    void add_dropped(std::uint64_t packets) override
    {
        entry_->dropped.fetch_add(packets, std::memory_order_relaxed);
    }

private:
    StreamTrackerImpl& tracker_;
    std::shared_ptr<StreamTrackerImpl::Entry> entry_;
};

std::unique_ptr<StreamHandle> StreamTrackerImpl::add(StreamDescription description, std::function<void()> close)
{
    auto entry = std::make_shared<Entry>();
    entry->description = std::move(description);
    entry->close = std::move(close);
    entry->start_sec = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    {
        std::lock_guard lock(mutex_);
        entry->id = next_id_++;
        streams_.emplace(entry->id, entry);
    }
    return std::make_unique<TrackedStream>(*this, std::move(entry));
}

std::vector<StreamRecord> StreamTrackerImpl::list() const
{
    std::lock_guard lock(mutex_);
    std::vector<StreamRecord> out;
    out.reserve(streams_.size());
    for (const auto& [id, e] : streams_)
        out.push_back({id, e->start_sec, e->description, e->packets.load(), e->bytes.load(), e->dropped.load()});
    return out;
}

bool StreamTrackerImpl::close(std::uint64_t id)
{
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard lock(mutex_);
        auto it = streams_.find(id);
        if (it == streams_.end()) return false;
        entry = it->second;
    }
    std::function<void()> close;
    std::lock_guard lock(entry->close_mutex);
    close.swap(entry->close); // at most once
    if (close) close();
    return true;
}

void StreamTrackerImpl::remove(std::uint64_t id)
{
    std::lock_guard lock(mutex_);
    streams_.erase(id);
}

} // namespace airsight::core
