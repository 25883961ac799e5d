#include "packet_stream.h"

#include <airsight/pcapng.h>

#include <algorithm>
#include <chrono>

namespace airsight::pcapng_plugin {
namespace {

// How often an idle writer checks that its client is still there.
constexpr auto kIdleCheck = std::chrono::milliseconds(250);

} // namespace

PacketStream::PacketStream(PacketFilter filter, std::size_t max_queued, std::size_t max_queued_bytes)
    : filter_(std::move(filter)), max_queued_(max_queued), max_queued_bytes_(max_queued_bytes)
{
}

void PacketStream::offer(const Packet& packet)
{
    if (filter_ && !filter_(packet)) return;
    {
        std::lock_guard lock(mutex_);
        if (!closed_ && queue_.size() < max_queued_ && queued_bytes_ + packet.data.size() <= max_queued_bytes_) {
            queue_.push_back({packet.ts_sec, packet.ts_usec, packet.dlt, packet.source_number,
                              packet.original_length, {packet.data.begin(), packet.data.end()}});
            queued_bytes_ += packet.data.size();
            ready_.notify_one();
            return;
        }
    }
    dropped_.fetch_add(1, std::memory_order_relaxed);
    if (handle_) handle_->add_dropped(1);
}

void PacketStream::close()
{
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
}

void PacketStream::run(ByteSink& sink, const SourceDirectory& sources)
{
    std::string out;
    pcapng::append_section_header(out, "airsight live pcapng");
    if (!sink.write(out)) return;
    InterfaceTable interfaces;
    std::deque<Queued> batch;
    while (sink.connected()) {
        {
            std::unique_lock lock(mutex_);
            ready_.wait_for(lock, kIdleCheck, [this] { return closed_ || !queue_.empty(); });
            if (closed_) return;
            batch.swap(queue_);
            queued_bytes_ = 0;
        }
        if (batch.empty()) continue;
        out.clear();
        for (const Queued& p : batch) {
            std::uint32_t interface;
            if (interfaces.known(p.source_number, p.dlt)) {
                interface = interfaces.interface_for(p.source_number, p.dlt, nullptr, out);
            } else {
                const auto source = sources.by_number(p.source_number);
                interface = interfaces.interface_for(p.source_number, p.dlt, source ? &*source : nullptr, out);
            }
            pcapng::append_packet(out, interface, pcapng::usec(p.ts_sec, p.ts_usec), p.data, p.original_length);
        }
        if (!sink.write(out)) return;
        if (handle_) handle_->add_sent(batch.size(), out.size());
        batch.clear();
    }
}

void StreamHub::offer(const Packet& packet)
{
    if (count_.load(std::memory_order_acquire) == 0) return;
    std::lock_guard lock(mutex_);
    for (const auto& s : streams_) s->offer(packet);
}

void StreamHub::add(const std::shared_ptr<PacketStream>& stream)
{
    std::lock_guard lock(mutex_);
    streams_.push_back(stream);
    count_.store(streams_.size(), std::memory_order_release);
}

void StreamHub::remove(const std::shared_ptr<PacketStream>& stream)
{
    std::lock_guard lock(mutex_);
    std::erase(streams_, stream);
    count_.store(streams_.size(), std::memory_order_release);
}

} // namespace airsight::pcapng_plugin
