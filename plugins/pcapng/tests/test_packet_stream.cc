// A live stream's queue and writer with a sink in memory: what the filter
// selects arrives as pcapng, a full queue drops and counts, close() and a
// departed client end the writer.
#include "packet_stream.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <chrono>
#include <mutex>
#include <thread>

using namespace airsight;
using airsight::pcapng_plugin::PacketStream;

namespace {

class MemorySink : public ByteSink {
public:
    bool write(std::string_view bytes) override
    {
        std::lock_guard lock(mutex);
        if (gone) return false;
        data.append(bytes);
        return true;
    }
    bool connected() override
    {
        std::lock_guard lock(mutex);
        return !gone;
    }
    void interrupt() override
    {
        std::lock_guard lock(mutex);
        gone = true;
    }
    std::size_t size()
    {
        std::lock_guard lock(mutex);
        return data.size();
    }
    std::mutex mutex;
    std::string data;
    bool gone = false;
};

class NoSources : public SourceDirectory {
public:
    std::vector<SourceInfo> list() const override { return {}; }
    std::optional<SourceInfo> by_number(std::uint32_t) const override { return std::nullopt; }
    std::optional<SourceInfo> by_uuid(std::string_view) const override { return std::nullopt; }
};

class Counts : public StreamHandle {
public:
    std::uint64_t id() const override { return 1; }
    void add_sent(std::uint64_t packets, std::uint64_t) override { sent += packets; }
    void add_dropped(std::uint64_t packets) override { dropped += packets; }
    std::atomic<std::uint64_t> sent{0}, dropped{0};
};

Packet packet(std::uint32_t source, const std::vector<std::uint8_t>& bytes)
{
    Packet p;
    p.source_number = source;
    p.dlt = 105;
    p.data = bytes;
    p.original_length = static_cast<std::uint32_t>(bytes.size());
    return p;
}

} // namespace

TEST_CASE("a full queue drops and counts; the writer sends what the filter took, then ends on close()")
{
    PacketStream stream([](const Packet& p) { return p.source_number == 1; }, 3, 1 << 20);
    Counts counts;
    stream.attach(&counts);
    const std::vector<std::uint8_t> bytes(20, 0x42);
    for (int i = 0; i < 5; ++i) stream.offer(packet(1, bytes)); // 3 queued, 2 dropped
    stream.offer(packet(2, bytes));                              // not selected: neither
    CHECK(stream.dropped() == 2);
    CHECK(counts.dropped == 2);

    MemorySink sink;
    NoSources sources;
    std::thread writer([&] { stream.run(sink, sources); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (counts.sent < 3 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stream.close();
    writer.join();
    CHECK(counts.sent == 3);
    // A section header, one interface (source 1, 802.11), three packets of 20 bytes.
    std::size_t epbs = 0, idbs = 0;
    for (std::size_t at = 0; at + 8 <= sink.data.size();) {
        std::uint32_t type, length;
        std::memcpy(&type, sink.data.data() + at, 4);
        std::memcpy(&length, sink.data.data() + at + 4, 4);
        if (type == 6) ++epbs;
        if (type == 1) ++idbs;
        REQUIRE(length >= 12);
        at += length;
    }
    CHECK(idbs == 1);
    CHECK(epbs == 3);
}

TEST_CASE("a client that leaves ends the writer within a second")
{
    PacketStream stream(nullptr, 16, 1 << 20);
    MemorySink sink;
    NoSources sources;
    std::thread writer([&] { stream.run(sink, sources); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto left = std::chrono::steady_clock::now();
    sink.interrupt();
    writer.join();
    CHECK(std::chrono::steady_clock::now() - left < std::chrono::seconds(1));
}
