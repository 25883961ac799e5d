// The running streams (airsight/streams.h): registered by whoever runs them
// (a plugin's live pcapng reply), listed at /streams/all_streams and closed
// by /streams/by-id/[id]/close_stream.cmd (core/endpoints/stream_endpoints).
#ifndef AIRSIGHT_CORE_STREAMS_STREAM_TRACKER_H
#define AIRSIGHT_CORE_STREAMS_STREAM_TRACKER_H

#include <airsight/streams.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace airsight::core {

/// What /streams/all_streams shows of one stream, copied.
struct StreamRecord {
    std::uint64_t id = 0;
    std::uint64_t start_sec = 0; // kismet.stream.time
    StreamDescription description;
    std::uint64_t packets = 0, bytes = 0, dropped = 0;
};

class StreamTrackerImpl : public StreamTracker {
public:
    std::unique_ptr<StreamHandle> add(StreamDescription description, std::function<void()> close) override;

    /// Every running stream, in order of registration.
    std::vector<StreamRecord> list() const;
    /// Asks the stream to end (its close callback); false when no stream has this id.
    bool close(std::uint64_t id);

    struct Entry; // stream_tracker.cc

private:
    friend class TrackedStream;
    void remove(std::uint64_t id);

    mutable std::mutex mutex_;
    std::map<std::uint64_t, std::shared_ptr<Entry>> streams_;
    std::uint64_t next_id_ = 1;
};

} // namespace airsight::core

#endif
