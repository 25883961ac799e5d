#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <limits>
#include <memory>
#include <thread>

using namespace airsight;
using namespace airsight::core;

TEST_CASE("the packet chain runs stages in order and counts packets and errors per stage")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    std::vector<std::string> order;
    chain.add_handler(PacketStage::TRACK, "track", [&](Packet&) { order.push_back("track"); });
    chain.add_handler(PacketStage::DECAP, "decap", [&](Packet& p) {
        order.push_back("decap");
        if (p.data.size() < 2) p.fail("too short");
    });
    chain.add_handler(PacketStage::DISSECT, "dissect", [&](Packet&) { order.push_back("dissect"); }, "plugin:x");
    chain.add_handler(PacketStage::OBSERVE, "observe", [&](Packet&) { order.push_back("observe"); });

    const std::uint8_t bytes[4] = {1, 2, 3, 4};
    Packet good;
    good.data = bytes;
    chain.process(good);
    CHECK(order == std::vector<std::string>{"decap", "dissect", "track", "observe"});

    Packet bad;
    bad.data = std::span<const std::uint8_t>(bytes, 1);
    chain.process(bad);
    CHECK(bad.error);
    CHECK(bad.error_reason == "too short");

    ChainCounters c = chain.counters();
    CHECK(c.delivered == 2);
    CHECK(c.stages[0].packets == 2);
    CHECK(c.stages[0].errors == 1);
    CHECK(c.stages[1].errors == 0); // counted once, where it was found
    CHECK(c.stages[3].packets == 2);

    chain.remove_owner("plugin:x");
    CHECK(chain.handlers().size() == 3);
}

TEST_CASE("a handler that throws marks the packet, is logged, and the chain goes on")
{
    std::vector<std::string> log;
    MessageBusImpl bus(50, [&](const Message& m) { log.push_back(m.text); });
    PacketChain chain(bus);
    int later = 0;
    chain.add_handler(PacketStage::DISSECT, "thrower", [](Packet&) { throw std::out_of_range("bad IE length"); });
    chain.add_handler(PacketStage::TRACK, "after", [&](Packet&) { ++later; });
    for (int i = 0; i < 30; ++i) {
        Packet p;
        chain.process(p);
        CHECK(p.error);
    }
    CHECK(later == 30);
    CHECK(chain.counters().stages[1].errors == 30);
    REQUIRE(!log.empty());
    CHECK(log.front().find("bad IE length") != std::string::npos);
    CHECK(log.size() <= 20); // bounded, not one message per packet
}

TEST_CASE("the duplicate filter takes any packet time, however garbled, without overflow")
{
    // A mutated pcapng record with timestamp 0xFFFFFFFFFFFFFFFF reached the
    // filter as INT64_MIN..INT64_MAX seconds; the product overflowed (UBSan).
    constexpr std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    const std::uint8_t frame[6] = {0x80, 0, 1, 2, 3, 4};
    DuplicateFilter filter;
    CHECK_FALSE(filter.check(frame, 0, hi, 0xFFFFFFFFu));
    CHECK_FALSE(filter.check(frame, 1, lo, 0)); // the same frame, from another source, ages apart
    CHECK(filter.check(frame, 2, lo, 999'999)); // within a second of that one
    CHECK_FALSE(filter.check(frame, 3, hi, 0));
    CHECK(filter.check(frame, 4, hi - 1, 1'500'000)); // a usec field beyond a second still counts exactly
    CHECK_FALSE(filter.check(frame, 5, hi, 1'000'001));

    CHECK(DuplicateFilter::within_a_second(10, 0, 9, 0));
    CHECK(DuplicateFilter::within_a_second(9, 0, 10, 0));
    CHECK_FALSE(DuplicateFilter::within_a_second(10, 1, 9, 0));
    CHECK(DuplicateFilter::within_a_second(0, 2'000'000, 1, 1'000'000)); // garbled usec fields count as time
    CHECK_FALSE(DuplicateFilter::within_a_second(lo, 0, hi, 0));
    CHECK_FALSE(DuplicateFilter::within_a_second(hi, 0, lo, 0));
    CHECK(DuplicateFilter::within_a_second(lo, 0, lo, 0));
}

TEST_CASE("the packet chain marks a duplicate of a frame with an extreme timestamp")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    chain.add_handler(PacketStage::DECAP, "decap", [](Packet& p) { p.payload = p.data; });
    const std::uint8_t bytes[8] = {0x80, 0, 0, 0, 9, 9, 9, 9};
    for (std::uint32_t source : {0u, 1u}) {
        Packet p;
        p.data = bytes;
        p.source_number = source;
        p.ts_sec = std::numeric_limits<std::int64_t>::max();
        p.ts_usec = 0xFFFFFFFFu;
        chain.process(p);
        CHECK(p.duplicate == (source == 1));
    }
    CHECK(chain.counters().duplicates == 1);
}

TEST_CASE("lanes count on their own; the chain's counters add open and closed lanes")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    chain.add_handler(PacketStage::DISSECT, "fail odd", [](Packet& p) {
        if (p.ts_usec % 2) p.fail("odd");
    });
    const std::uint8_t bytes[4] = {1, 2, 3, 4};
    auto run = [&](PacketChain::Lane& lane, std::uint32_t n) {
        for (std::uint32_t i = 0; i < n; ++i) {
            Packet p;
            p.data = bytes;
            p.ts_usec = i;
            lane.process(p);
        }
    };
    auto kept = chain.open_lane();
    run(*kept, 10);
    {
        auto closed = chain.open_lane();
        run(*closed, 5);
    }
    Packet empty;
    chain.process(empty); // the chain's own lane
    const ChainCounters c = chain.counters();
    CHECK(c.delivered == 16);
    CHECK(c.processed == 16);
    CHECK(c.stages[static_cast<int>(PacketStage::DISSECT)].packets == 16);
    CHECK(c.stages[static_cast<int>(PacketStage::DISSECT)].errors == 5 + 2);
}

TEST_CASE("a withdrawal waits for the packet in flight on a lane; the lane's next packet runs without the handler")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    std::atomic<int> calls{0};
    std::latch in_handler(1), release(1);
    chain.add_handler(PacketStage::TRACK, "plugin's", [&](Packet& p) {
        ++calls;
        if (p.ts_usec == 1) {
            in_handler.count_down();
            release.wait();
        }
    }, "plugin");
    auto lane = chain.open_lane();
    std::thread source([&] {
        Packet p;
        p.ts_usec = 1;
        lane->process(p);
    });
    in_handler.wait();
    std::atomic<bool> withdrawn{false};
    std::thread withdraw([&] {
        chain.remove_owner("plugin");
        withdrawn = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(withdrawn); // the packet still runs the plugin's code
    release.count_down();
    withdraw.join();
    source.join();
    CHECK(withdrawn);
    Packet next;
    lane->process(next);
    CHECK(calls == 1);
    CHECK(chain.handlers().empty());
}

TEST_CASE("set_handler replaces the owner's handler of that name in its place, or adds it")
{
    MessageBusImpl bus;
    PacketChain chain(bus);
    std::vector<std::string> order;
    chain.add_handler(PacketStage::OBSERVE, "first", [&](Packet&) { order.push_back("first"); });
    chain.set_handler(PacketStage::OBSERVE, "log", [&](Packet&) { order.push_back("log v1"); }, "logs");
    chain.add_handler(PacketStage::OBSERVE, "last", [&](Packet&) { order.push_back("last"); });
    // What the old handler owned goes with it.
    auto owned = std::make_shared<int>(2);
    std::weak_ptr<int> watch = owned;
    chain.set_handler(
        PacketStage::OBSERVE, "log", [&, owned](Packet&) { order.push_back("log v" + std::to_string(*owned)); }, "logs");
    owned.reset();
    CHECK_FALSE(watch.expired());
    Packet p;
    chain.process(p);
    CHECK(order == std::vector<std::string>{"first", "log v2", "last"});
    CHECK(chain.handlers().size() == 3);

    chain.set_handler(PacketStage::OBSERVE, "log", [&](Packet&) { order.push_back("log v3"); }, "logs");
    CHECK(watch.expired());
    // Another owner's handler of the same name is another handler.
    chain.set_handler(PacketStage::OBSERVE, "log", [&](Packet&) { order.push_back("other"); }, "others");
    order.clear();
    chain.process(p);
    CHECK(order == std::vector<std::string>{"first", "log v3", "last", "other"});
    CHECK_THROWS_AS(chain.set_handler(PacketStage::OBSERVE, "log", PacketHandler{}, "logs"), std::invalid_argument);
}
