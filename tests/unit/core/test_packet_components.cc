// Typed packet components (airsight/packet.h): what a producer attaches is
// what a later handler reads, readers find nothing the producer did not
// attach, and sources on several threads never share an instance.
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"

#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <set>
#include <thread>

using namespace airsight;
using namespace airsight::core;

namespace {

struct Decoded {
    std::uint64_t value = 0;
    int resets = 0; // counts reset() calls on this instance: proves reuse
    void reset()
    {
        value = 0;
        ++resets;
    }
};

struct Verdict {
    bool suspicious = false;
    std::string_view why;
};

// Counts live instances, to see the chain free what it made.
struct Counted {
    static inline std::atomic<int> live{0};
    Counted() { ++live; }
    Counted(const Counted&) { ++live; }
    Counted& operator=(const Counted&) = default;
    ~Counted() { --live; }
};

template <typename T> PacketComponent<T> add(PacketChain& chain, std::string name, std::string owner = "core")
{
    return PacketComponent<T>(chain.add_component(std::move(name), PacketComponent<T>::ops(), std::move(owner)));
}

} // namespace

TEST_CASE("two components on one packet: each producer's data reaches later handlers")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    const auto decoded = add<Decoded>(chain, "test.decoded");
    const auto verdict = add<Verdict>(chain, "test.verdict");
    CHECK(decoded.slot() != verdict.slot());

    chain.add_handler(PacketStage::DISSECT, "producer", [&](Packet& p) { decoded.attach(p).value = p.data.size(); });
    chain.add_handler(PacketStage::TRACK, "detector", [&](Packet& p) {
        const Decoded* d = decoded.find(p);
        REQUIRE(d);
        Verdict& v = verdict.attach(p);
        v.suspicious = d->value > 3;
        v.why = "long";
    });
    std::vector<std::pair<std::uint64_t, bool>> seen;
    chain.add_handler(PacketStage::OBSERVE, "logger", [&](Packet& p) {
        const Decoded* d = decoded.find(p);
        const Verdict* v = verdict.find(p);
        REQUIRE(d);
        REQUIRE(v);
        seen.emplace_back(d->value, v->suspicious);
    });

    const std::uint8_t bytes[5] = {};
    for (std::size_t n : {2u, 5u}) {
        Packet p;
        p.data = std::span<const std::uint8_t>(bytes, n);
        chain.process(p);
        CHECK_FALSE(p.error);
        // Once out of the chain the packet no longer reaches the instances.
        CHECK(decoded.find(p) == nullptr);
    }
    CHECK(seen == std::vector<std::pair<std::uint64_t, bool>>{{2, false}, {5, true}});
    CHECK(chain.components() == std::vector<std::pair<std::uint32_t, std::string>>{{decoded.slot(), "test.decoded"},
                                                                                    {verdict.slot(), "test.verdict"}});
}

TEST_CASE("a reader finds nothing when the producer did not attach, though the instance is reused")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    const auto decoded = add<Decoded>(chain, "test.decoded");
    chain.add_handler(PacketStage::DISSECT, "producer", [&](Packet& p) {
        if (p.data.size() == 1) decoded.attach(p).value = 42; // only one-byte packets are "ours"
    });
    std::vector<const Decoded*> found;
    std::vector<int> resets;
    chain.add_handler(PacketStage::TRACK, "reader", [&](Packet& p) {
        const Decoded* d = decoded.find(p);
        found.push_back(d);
        if (d) resets.push_back(d->resets);
    });
    const std::uint8_t bytes[2] = {};
    for (std::size_t n : {1u, 2u, 1u}) {
        Packet p;
        p.data = std::span<const std::uint8_t>(bytes, n);
        chain.process(p);
    }
    REQUIRE(found.size() == 3);
    CHECK(found[0] != nullptr);
    CHECK(found[1] == nullptr); // the stale 42 of the first packet is not visible
    CHECK(found[2] == found[0]); // one source, one reused instance
    CHECK(resets == std::vector<int>{1, 2}); // reset once per packet that attached it
}

TEST_CASE("attach resets once per packet: a second attach in the same packet keeps the data")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    const auto decoded = add<Decoded>(chain, "test.decoded");
    chain.add_handler(PacketStage::DECAP, "first", [&](Packet& p) { decoded.attach(p).value = 7; });
    std::uint64_t seen = 0;
    chain.add_handler(PacketStage::DISSECT, "second", [&](Packet& p) { seen = decoded.attach(p).value; });
    Packet p;
    chain.process(p);
    CHECK(seen == 7);
}

TEST_CASE("two sources on two lanes never share an instance")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    const auto decoded = add<Decoded>(chain, "test.decoded");
    std::latch both_in_flight(2);
    std::atomic<int> mismatches{0};
    std::mutex seen_mutex;
    std::set<const void*> instances;
    chain.add_handler(PacketStage::DISSECT, "producer", [&](Packet& p) {
        Decoded& d = decoded.attach(p);
        d.value = (std::uint64_t{p.source_number} << 32) | p.ts_usec;
        {
            std::lock_guard lock(seen_mutex);
            instances.insert(&d);
        }
        // The first packet of each source waits for the other's: both are in the chain at once.
        if (p.ts_usec == 0) both_in_flight.arrive_and_wait();
        if (p.ts_usec % 64 == 0) std::this_thread::yield();
    });
    chain.add_handler(PacketStage::TRACK, "reader", [&](Packet& p) {
        const Decoded* d = decoded.find(p);
        if (!d || d->value != ((std::uint64_t{p.source_number} << 32) | p.ts_usec)) ++mismatches;
    });
    auto source = [&](std::uint32_t number) {
        const std::unique_ptr<PacketChain::Lane> lane = chain.open_lane(); // as the datasource manager does
        std::uint8_t frame[8] = {static_cast<std::uint8_t>(number)};
        for (std::uint32_t i = 0; i < 5000; ++i) {
            Packet p;
            p.source_number = number;
            p.ts_usec = i;
            p.data = frame;
            lane->process(p);
        }
    };
    std::thread a(source, 1), b(source, 2);
    a.join();
    b.join();
    CHECK(mismatches == 0);
    CHECK(instances.size() == 2); // one per lane, reused for each of its packets
    CHECK(chain.counters().processed == 10000);
}

TEST_CASE("registration: a name is shared by one type only, slots are limited, bad keys are refused")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    const auto a = add<Decoded>(chain, "shared", "plugin:a");
    const auto b = add<Decoded>(chain, "shared", "plugin:b");
    CHECK(a.slot() == b.slot());
    CHECK_THROWS_AS(add<Verdict>(chain, "shared"), std::invalid_argument);
    CHECK_THROWS_AS(add<Verdict>(chain, ""), std::invalid_argument);
    CHECK_THROWS_AS(chain.add_component("no code", PacketComponentOps{}, "core"), std::invalid_argument);
    for (std::uint32_t i = 1; i < kMaxPacketComponents; ++i) add<Verdict>(chain, "v" + std::to_string(i));
    CHECK_THROWS_AS(add<Verdict>(chain, "one too many"), std::length_error);

    // An unregistered key neither finds nor attaches; a packet outside a chain has no storage.
    const PacketComponent<Decoded> none;
    CHECK_FALSE(none.registered());
    CHECK(PacketComponent<Decoded>(kMaxPacketComponents).slot() == PacketComponent<Decoded>::kNoSlot);
    Packet loose;
    CHECK(none.find(loose) == nullptr);
    CHECK_THROWS_AS(none.attach(loose), std::logic_error);
    CHECK_THROWS_AS(a.attach(loose), std::logic_error);
    Decoded own;
    a.bind(loose, own);
    a.attach(loose).value = 3;
    CHECK(a.find(loose) == &own);
    CHECK(own.value == 3);
}

TEST_CASE("withdrawing owners frees their instances; a shared component stays while one owner is left")
{
    Counted::live = 0;
    {
        MessageBusImpl bus;
        PacketChain chain(bus);
        const auto a = add<Counted>(chain, "counted", "plugin:a");
        std::atomic<int> found{0};
        chain.add_handler(PacketStage::DISSECT, "p", [&](Packet& p) { a.attach(p); }, "plugin:a");
        chain.add_handler(PacketStage::TRACK, "r", [&](Packet& p) { found += a.find(p) != nullptr; }, "plugin:b");
        auto run = [&] {
            Packet p;
            chain.process(p);
        };
        run();
        CHECK(Counted::live == 1);
        add<Counted>(chain, "counted", "plugin:b");
        chain.remove_owner("plugin:a"); // "p" leaves; b's registration keeps the type
        CHECK(chain.components().size() == 1);
        CHECK(Counted::live == 1);
        chain.remove_owner("plugin:b");
        CHECK(chain.components().empty());
        CHECK(Counted::live == 0);
        CHECK(found == 1);
        run(); // nothing registered: nothing attached, no crash
        const auto again = add<Counted>(chain, "counted", "plugin:c");
        CHECK(again.slot() == a.slot()); // the freed slot is reused
        CHECK(Counted::live == 1);
    }
    CHECK(Counted::live == 0); // the chain frees what it made
}

namespace {
// A component type whose create() fails after `budget` instances.
struct Flaky {
    static inline int budget = 0;
    static inline bool throw_instead = false;
    static void* create()
    {
        if (budget-- > 0) return new Counted;
        if (throw_instead) throw std::runtime_error("out of instances");
        return nullptr;
    }
    static void reset(void*) {}
    static void destroy(void* p) noexcept { delete static_cast<Counted*>(p); }
    static PacketComponentOps ops() { return PacketComponentOps{&create, &reset, &destroy, "Flaky"}; }
};
} // namespace

TEST_CASE("a component whose create() fails is refused whole: nothing half-made is kept or leaked")
{
    Counted::live = 0;
    {
        MessageBusImpl bus;
        PacketChain chain(bus);
        auto lane_a = chain.open_lane();
        auto lane_b = chain.open_lane(); // three workspaces with the chain's own
        for (const bool throws : {false, true}) {
            Flaky::budget = 2; // two of three instances, then a failure
            Flaky::throw_instead = throws;
            CHECK_THROWS(chain.add_component("flaky", Flaky::ops(), "plugin:f"));
            CHECK(Counted::live == 0);
            CHECK(chain.components().empty());
        }
        // Registered while it works; then a new lane cannot get an instance: no lane, no leak.
        Flaky::budget = 3;
        chain.add_component("flaky", Flaky::ops(), "plugin:f");
        CHECK(Counted::live == 3);
        CHECK_THROWS(chain.open_lane());
        CHECK(Counted::live == 3);
        Packet p;
        lane_a->process(p); // the lanes that exist still run
        CHECK(chain.counters().processed == 1);
    }
    CHECK(Counted::live == 0);
}

TEST_CASE("when the remaining owner's code cannot rebuild a shared component, withdrawal still completes")
{
    Counted::live = 0;
    {
        MessageBusImpl bus;
        PacketChain chain(bus);
        const auto counted = add<Counted>(chain, "shared", "plugin:a");
        // plugin:b registers the same name and type with code of its own that fails.
        PacketComponentOps b_ops = PacketComponent<Counted>::ops();
        b_ops.create = [] () -> void* { return nullptr; };
        chain.add_component("shared", b_ops, "plugin:b");
        chain.add_handler(PacketStage::DISSECT, "a's", [&](Packet& p) { counted.attach(p); }, "plugin:a");
        chain.remove_owner("plugin:a"); // must not throw, must not leave null instances
        CHECK(chain.handlers().empty());
        CHECK(chain.components().size() == 1);
        chain.add_handler(PacketStage::DISSECT, "b's", [&](Packet& p) { counted.attach(p); }, "plugin:b");
        Packet p;
        chain.process(p); // attaches to the instance a's code made, which is still valid
        CHECK(Counted::live == 1);
    }
    CHECK(Counted::live == 0);
}
