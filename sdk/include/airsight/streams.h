// airsight SDK: the stream tracker.
//
// A stream is a long-lived transfer of captured data to a client (a live
// pcapng over HTTP). Each running stream registers here, so
// /streams/all_streams lists it (Kismet's kismet.stream.* records: name,
// type, path, description, packets sent, packets dropped because the client
// was slower than capture), and /streams/by-id/ID/close_stream.cmd can end
// it.
#ifndef AIRSIGHT_STREAMS_H
#define AIRSIGHT_STREAMS_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace airsight {

/// How a stream is listed.
struct StreamDescription {
    std::string name;        // kismet.stream.name ("kismet-all-packets.pcapng")
    std::string type;        // kismet.stream.type ("pcapng")
    std::string path;        // kismet.stream.path: where it goes ("httpd")
    std::string description; // kismet.stream.description
};

/// One registered stream. Destroying it removes the stream from the
/// tracker; after that its close callback is never called. The counters are
/// thread-safe.
class StreamHandle {
public:
    virtual ~StreamHandle() = default;
    /// kismet.stream.stream_id: unique for the life of the server.
    virtual std::uint64_t id() const = 0;
    /// Packets and bytes sent to the client (kismet.stream.packets, .size).
    virtual void add_sent(std::uint64_t packets, std::uint64_t bytes) = 0;
    /// Packets left out because the client fell behind (kismet.stream.dropped).
    virtual void add_dropped(std::uint64_t packets) = 0;
};

class StreamTracker {
public:
    virtual ~StreamTracker() = default;
    /// Registers a running stream. `close` is called at most once, from a
    /// REST worker, when a client asks to close the stream: it must make the
    /// stream end promptly (interrupt its ByteSink, wake its writer) and
    /// must not wait for it. It is never called after the handle is gone.
    virtual std::unique_ptr<StreamHandle> add(StreamDescription description, std::function<void()> close) = 0;
};

} // namespace airsight

#endif
