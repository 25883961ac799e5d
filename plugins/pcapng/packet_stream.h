// One live pcapng stream to an HTTP client, and the set of them the OBSERVE
// handler feeds.
//
// The packet path never waits for a client: the handler copies each packet
// a stream selects into that stream's bounded queue, and when the queue is
// full (the client reads slower than capture) the packet is dropped and
// counted (kismet.stream.dropped). The stream's writer, on the REST worker
// that answers the request, turns the queue into pcapng blocks and sends
// them until the client leaves, the stream is closed or the server stops.
#ifndef AIRSIGHT_PLUGINS_PCAPNG_PACKET_STREAM_H
#define AIRSIGHT_PLUGINS_PCAPNG_PACKET_STREAM_H

#include "interface_table.h"

#include <airsight/http.h>
#include <airsight/packet.h>
#include <airsight/sources.h>
#include <airsight/streams.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace airsight::pcapng_plugin {

/// Which packets a stream wants; called on the packet path (keep it cheap).
using PacketFilter = std::function<bool(const Packet&)>;

class PacketStream {
public:
    /// `max_queued`: packets waiting for the client at most; `max_queued_bytes`: their bytes at most.
    PacketStream(PacketFilter filter, std::size_t max_queued, std::size_t max_queued_bytes);

    /// From the OBSERVE handler: queues a copy of `packet` when the filter
    /// takes it, or drops and counts it when the queue is full.
    void offer(const Packet& packet);
    /// Writes the section header, then the queued packets, to `sink` until
    /// the client leaves, close() is called or the server stops. `handle`
    /// counts what was sent (and, through offer(), what was dropped).
    void run(ByteSink& sink, const SourceDirectory& sources);
    /// Ends run() soon (from any thread).
    void close();
    /// Where offer() counts drops and run() counts sent packets; set before
    /// the stream is offered packets.
    void attach(StreamHandle* handle) { handle_ = handle; }

    std::uint64_t dropped() const { return dropped_.load(); }

private:
    struct Queued {
        std::int64_t ts_sec;
        std::uint32_t ts_usec, dlt, source_number, original_length;
        std::vector<std::uint8_t> data;
    };

    PacketFilter filter_;
    const std::size_t max_queued_, max_queued_bytes_;
    StreamHandle* handle_ = nullptr;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Queued> queue_;
    std::size_t queued_bytes_ = 0;
    bool closed_ = false;
    std::atomic<std::uint64_t> dropped_{0};
};

/// The running streams, fed by the plugin's OBSERVE handler.
class StreamHub {
public:
    /// On every packet: a load and a branch while no stream runs.
    void offer(const Packet& packet);
    void add(const std::shared_ptr<PacketStream>& stream);
    void remove(const std::shared_ptr<PacketStream>& stream);

private:
    std::atomic<std::size_t> count_{0};
    std::mutex mutex_;
    std::vector<std::shared_ptr<PacketStream>> streams_;
};

} // namespace airsight::pcapng_plugin

#endif
