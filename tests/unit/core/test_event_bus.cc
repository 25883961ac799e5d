#include "eventbus/event_bus.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::core;

TEST_CASE("event bus: declared topics, wanted() only while subscribed, unsubscribe stops delivery")
{
    EventBusImpl bus;
    bus.declare_topic("NEW_DEVICE", "each new device");
    bus.declare_topic("MESSAGE", "messages");
    CHECK(bus.known("NEW_DEVICE"));
    CHECK_FALSE(bus.known("NOPE"));
    CHECK_FALSE(bus.wanted("NEW_DEVICE"));
    CHECK_THROWS_AS(bus.subscribe("NOPE", [](std::string_view, const std::shared_ptr<const Value>&) {}),
                    std::invalid_argument);

    std::vector<std::string> seen;
    const auto id = bus.subscribe("NEW_DEVICE", [&](std::string_view topic, const std::shared_ptr<const Value>& v) {
        seen.push_back(std::string(topic) + "=" + v->find("NEW_DEVICE")->as_string());
    });
    CHECK(bus.wanted("NEW_DEVICE"));
    CHECK_FALSE(bus.wanted("MESSAGE")); // someone listens, but not to this
    Value content = Value::map();
    content.put("NEW_DEVICE", std::string("aa"));
    bus.publish("NEW_DEVICE", content);
    bus.publish("MESSAGE", content); // nobody listens: nothing
    CHECK(seen == std::vector<std::string>{"NEW_DEVICE=aa"});
    CHECK_THROWS_AS(bus.publish("NEW_DEVICE", Value(std::string("not a map"))), std::invalid_argument);

    bus.unsubscribe(id);
    CHECK_FALSE(bus.wanted("NEW_DEVICE"));
    bus.publish("NEW_DEVICE", content);
    CHECK(seen.size() == 1);
    // A plugin's topic, declared twice, keeps its first description.
    bus.declare_topic("NEW_DEVICE", "another");
    CHECK(bus.topics().front() == std::pair<std::string, std::string>{"MESSAGE", "messages"});
    CHECK(bus.topics().back().second == "each new device");
}
