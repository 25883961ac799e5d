// libFuzzer target: a whole capture file (pcap or pcapng, as mutated) read by
// the pcapfile datasource, every record it yields run through the real packet
// chain (dot11 decap -> dissect -> track into the core's device tracker),
// then every tracked device serialized as /devices/ would. Each input gets
// fresh services, so one input never depends on the ones before it.
//
// The file lives in a memfd, so the source reads it through its own code
// path (open by name, libpcap, its reader thread) without touching the disk.
#include "devices/device_tracker.h"
#include "fields/field_registry.h"
#include "json/json_writers.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"
#include "pcapfile_source.h"
#include "phy/dot11_fields.h"
#include "phy/dot11_phy.h"
#include "query/device_lists.h"

#include <sys/mman.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

using namespace airsight;

namespace {

// Feeds the chain as the datasource manager's sink does, and says when the
// source is done.
class ChainSink : public PacketSink {
public:
    explicit ChainSink(core::PacketChain& chain) : chain_(chain) {}

    void deliver(const CapturedFrame& frame) override
    {
        Packet packet;
        packet.ts_sec = frame.ts_sec;
        packet.ts_usec = frame.ts_usec;
        packet.dlt = frame.dlt;
        packet.source_number = 1;
        packet.data = frame.data;
        packet.original_length = frame.original_length;
        chain_.process(packet);
    }
    void failed(std::string_view) override { done(); }
    void finished() override { done(); }

    void wait()
    {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return done_; });
    }

private:
    void done()
    {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        cv_.notify_all();
    }

    core::PacketChain& chain_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
};

struct Services {
    core::FieldRegistryImpl fields;
    core::MessageBusImpl messages{50};
    core::PacketChain chain{messages};
    core::DeviceTrackerImpl devices{core::DeviceTrackerOptions{}, messages, std::make_shared<const core::OuiTable>()};
    core::DeviceListsImpl lists{devices, fields, "00000000-0000-0000-0000-000000000000"};
    std::shared_ptr<const dot11::Dot11Fields> dot11_fields = std::make_shared<const dot11::Dot11Fields>(fields);
    PacketComponent<dot11::Dissection> dissection{
        chain.add_component("dot11.dissection", PacketComponent<dot11::Dissection>::ops(), "dot11")};
    dot11::Dot11Phy phy{devices, dot11_fields, dissection};

    Services()
    {
        chain.add_handler(PacketStage::DECAP, "dot11 decap", [this](Packet& p) { phy.decap(p); });
        chain.add_handler(PacketStage::DISSECT, "dot11 dissect", [this](Packet& p) { phy.dissect(p); });
        chain.add_handler(PacketStage::TRACK, "dot11 track", [this](Packet& p) { phy.track(p); });
    }
};

int memfd()
{
    static const int fd = [] {
        const int f = ::memfd_create("fuzz-capture", MFD_CLOEXEC);
        if (f < 0) {
            std::perror("memfd_create");
            std::abort();
        }
        return f;
    }();
    return fd;
}

void write_file(const std::uint8_t* data, std::size_t size)
{
    const int fd = memfd();
    if (::ftruncate(fd, 0) != 0) std::abort();
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(done));
        if (n <= 0) std::abort();
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    write_file(data, size);
    Services services;
    {
        pcapfile::PcapfileSource source("/proc/self/fd/" + std::to_string(memfd()));
        ChainSink sink(services.chain);
        try {
            source.open(sink);
        } catch (const std::runtime_error&) {
            return 0; // not a capture libpcap opens, or a link type airsight does not read: refused, as it should be
        }
        sink.wait();
        source.close();
    }
    // Serialize every device, as GET /devices/all_devices.json does.
    services.devices.visit_devices([&](const Device& d) { (void)core::to_json(services.lists.record(d)); });
    const core::ChainCounters c = services.chain.counters();
    if (c.processed != c.delivered) std::abort();
    return 0;
}
