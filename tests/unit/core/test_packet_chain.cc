#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"

#include <doctest/doctest.h>

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
