#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::core;

TEST_CASE("the message bus keeps a bounded backlog and echoes every message")
{
    std::vector<std::string> echoed;
    MessageBusImpl bus(3, [&](const Message& m) { echoed.push_back(m.text); });
    for (int i = 0; i < 5; ++i) bus.post("m" + std::to_string(i), MSG_INFO);
    const auto recent = bus.recent();
    REQUIRE(recent.size() == 3);
    CHECK(recent.front().text == "m2");
    CHECK(recent.back().text == "m4");
    CHECK(recent.back().flags == MSG_INFO);
    CHECK(recent.back().sequence == 5);
    CHECK(echoed.size() == 5);
    CHECK(bus.since(0).size() == 3);
    CHECK(bus.since(recent.back().time).empty());
    CHECK(bus.since(recent.back().time - 1).size() == 3);
}

TEST_CASE("the bus's subscribers: added, replaced in place, removed")
{
    MessageBusImpl bus;
    std::vector<std::string> heard;
    const std::uint64_t first = bus.subscribers().add([&](const Message& m) { heard.push_back("first " + m.text); });
    auto owned = std::make_shared<int>(1);
    std::weak_ptr<int> watch = owned;
    const std::uint64_t second =
        bus.subscribers().add([&, owned](const Message& m) { heard.push_back("second " + m.text); });
    owned.reset();
    bus.post("a", MSG_INFO);
    bus.subscribers().replace(second, [&](const Message& m) { heard.push_back("second' " + m.text); });
    CHECK(watch.expired()); // what the old callback owned went with it
    bus.post("b", MSG_INFO);
    bus.subscribers().remove(first);
    bus.post("c", MSG_INFO);
    CHECK(heard == std::vector<std::string>{"first a", "second a", "first b", "second' b", "second' c"});
    bus.subscribers().remove(second);
    CHECK(bus.subscribers().empty());
}
