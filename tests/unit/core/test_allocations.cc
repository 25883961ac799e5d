// The packet path must not allocate per packet where it can avoid it. This
// binary replaces the global operator new to count allocations (its own
// executable, so other tests are not affected) and checks that the device
// tracker's steady state, an update of a device it already knows, allocates
// nothing: the PHY's lambda is passed by reference, the RRD and seen-by
// records are updated in place, packet components reuse the chain's instances.
#include "devices/device_tracker.h"
#include "fields/field_registry.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <new>
#include <thread>

namespace {
std::atomic<bool> counting{false};
std::atomic<std::uint64_t> allocations{0};

void* counted_alloc(std::size_t n)
{
    if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}

// Counts allocations made while it lives.
struct AllocationCount {
    AllocationCount()
    {
        allocations = 0;
        counting = true;
    }
    ~AllocationCount() { counting = false; }
    std::uint64_t value() const { return allocations.load(); }
};
} // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace airsight;
using namespace airsight::core;

TEST_CASE("updating a known device through the packet chain allocates nothing")
{
    MessageBusImpl bus;
    FieldRegistryImpl fields;
    DeviceTrackerImpl tracker({}, bus, std::make_shared<const OuiTable>());
    const std::uint32_t phy = tracker.register_phy("Test PHY");
    PacketChain chain(bus);
    // A packet component, as a PHY shares its dissection: the chain lends the
    // same instance packet after packet.
    struct Dissection {
        std::uint64_t frame_number = 0;
        MacAddr transmitter;
    };
    const PacketComponent<Dissection> dissection(
        chain.add_component("test.dissection", PacketComponent<Dissection>::ops(), "core"));
    chain.add_handler(PacketStage::DECAP, "decap", [&](Packet& p) {
        dissection.attach(p).frame_number = p.data[10];
        p.payload = p.data.subspan(2);
        p.radio.signal_dbm = -40;
        p.radio.freq_khz = 2437000;
    });
    const MacAddr ap = *MacAddr::parse("02:00:00:00:00:01");
    const MacAddr client = *MacAddr::parse("02:00:00:00:00:02");
    // A PHY's lambdas capture more than std::function keeps without the heap.
    std::uint64_t a = 0, b = 0, c = 0, d = 0;
    std::uint64_t dissected = 0;
    chain.add_handler(PacketStage::TRACK, "track", [&](Packet& p) {
        if (const Dissection* d = dissection.find(p)) dissected += d->frame_number == p.data[10];
        tracker.update(phy, ap, p, DEVICE_TRANSMITTED | DEVICE_LLC, 0, [&](Device&) { a += b + c + d + 1; });
        tracker.update(phy, client, p, DEVICE_RECEIVED | DEVICE_DATA, 100, [&](Device&) { b += a + c + d + 1; });
        tracker.count_packet(phy);
    });

    std::uint8_t frame[64] = {0, 0, 0x80};
    auto send = [&](int i) {
        frame[10] = static_cast<std::uint8_t>(i); // distinct frames
        Packet p;
        p.ts_sec = 1000 + i / 100;
        p.source_number = 1;
        p.data = frame;
        chain.process(p);
    };
    // A device's packet RRD grows its minute and hour rings once, when it is
    // heard in a second minute of the local clock: keep clear of a minute's end.
    while (std::time(nullptr) % 60 >= 50) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (int i = 0; i < 100; ++i) send(i); // devices created, seen-by and frequency lists grown
    std::uint64_t during = 0;
    {
        AllocationCount count;
        for (int i = 100; i < 1100; ++i) send(i);
        during = count.value();
    }
    MESSAGE("allocations for 1000 packets through the chain and tracker: " << during);
    CHECK(during == 0);
    CHECK(a > 0);
    CHECK(dissected == 1100); // every packet's component reached the tracking handler
}
