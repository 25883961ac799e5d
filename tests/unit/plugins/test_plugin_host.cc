// The server's PluginHost on real services: withdraw() takes back routes,
// packet handlers and device views, and waits for a request in flight.
#include "app/plugin_host.h"

#include "real_services.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using namespace airsight;
using namespace airsight::core;
using airsight::test::RealServices;

namespace {

PluginRecord record_named(const std::string& name)
{
    PluginRecord r;
    r.name = name;
    r.dir = "/nowhere/" + name;
    return r;
}

} // namespace

TEST_CASE("plugin host: withdraw takes back routes, packet handlers and device views")
{
    RealServices s;
    PluginHostImpl host(s.services, record_named("p"));
    host.add_route({.methods = GET, .path = "/p/x", .formats = JSON, .handler = [](const Request&) {
                        return Reply::value(Value(1));
                    }});
    host.add_packet_handler(PacketStage::TRACK, "p track", [](Packet&) {});
    host.add_device_view("p_view", "p's devices", [](const Device&) { return true; });
    REQUIRE(s.routes.match("GET", "/p/x", "json").outcome == RouteMatch::Outcome::Found);
    REQUIRE(s.chain.handlers().size() == 1);
    REQUIRE(s.devices.views().size() == 1);

    host.withdraw();
    CHECK(s.routes.match("GET", "/p/x", "json").outcome == RouteMatch::Outcome::NotFound);
    CHECK(s.chain.handlers().empty());
    CHECK(s.devices.views().empty());
}

TEST_CASE("plugin host: withdraw returns only once the plugin's requests in flight are done")
{
    RealServices s;
    PluginHostImpl host(s.services, record_named("slow"));
    std::promise<void> entered, release;
    std::shared_future<void> released = release.get_future().share();
    host.add_route({.methods = GET, .path = "/slow/wait", .formats = JSON, .handler = [&](const Request&) {
                        entered.set_value();
                        released.wait();
                        return Reply::value(Value("done"));
                    }});

    // A request as the dispatcher serves it: the match holds the route.
    RouteMatch match = s.routes.match("GET", "/slow/wait", "json");
    REQUIRE(match.route);
    std::thread request([match = std::move(match)] { match.route->handler(Request{}); });
    entered.get_future().wait();

    std::atomic<bool> withdrawn{false};
    std::thread stopper([&] {
        host.withdraw();
        withdrawn = true;
    });
    // No new request reaches it while it waits...
    while (s.routes.match("GET", "/slow/wait", "json").outcome == RouteMatch::Outcome::Found)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // ...and the one in flight holds withdraw() back, however long it takes.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(withdrawn.load());

    release.set_value();
    request.join();
    stopper.join();
    CHECK(withdrawn.load());
}
