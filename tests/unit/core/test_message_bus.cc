#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

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
