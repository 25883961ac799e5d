// The stream tracker: ids, counters, close at most once, never after the
// stream is gone; and a live reply's ByteSink on a real socket pair.
#include "http/live_output.h"
#include "streams/stream_tracker.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace airsight;
using airsight::core::LiveOutput;
using airsight::core::StreamTrackerImpl;

TEST_CASE("streams are listed while their handle lives, with their counters")
{
    StreamTrackerImpl tracker;
    int closed = 0;
    auto a = tracker.add({"a.pcapng", "pcapng", "httpd", "first"}, [&] { ++closed; });
    auto b = tracker.add({"b.pcapng", "pcapng", "httpd", "second"}, nullptr);
    CHECK(a->id() != b->id());
    a->add_sent(3, 300);
    a->add_dropped(2);
    auto list = tracker.list();
    REQUIRE(list.size() == 2);
    CHECK(list[0].description.name == "a.pcapng");
    CHECK(list[0].packets == 3);
    CHECK(list[0].bytes == 300);
    CHECK(list[0].dropped == 2);
    CHECK(list[0].start_sec > 0);

    CHECK(tracker.close(a->id()));
    CHECK(tracker.close(a->id())); // still listed until it ends, but called only once
    CHECK(closed == 1);
    const auto gone = b->id();
    b.reset();
    CHECK_FALSE(tracker.close(gone));
    CHECK(tracker.list().size() == 1);
    a.reset();
    CHECK(tracker.list().empty());
}

TEST_CASE("a live sink writes to the socket, notices a hang-up, an interrupt and the server stopping")
{
    auto pair = [] {
        int fds[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
        return std::pair{fds[0], fds[1]};
    };
    const int stop = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    REQUIRE(stop >= 0);

    SUBCASE("hang-up")
    {
        auto [server, client] = pair();
        LiveOutput sink(server, stop, std::chrono::milliseconds(2000));
        CHECK(sink.write("hello"));
        char buf[8] = {};
        CHECK(::read(client, buf, sizeof buf) == 5);
        CHECK(sink.connected());
        ::close(client);
        CHECK_FALSE(sink.connected());
        CHECK_FALSE(sink.write("more"));
        ::close(server);
    }
    SUBCASE("an interrupt ends a write blocked on a client that does not read")
    {
        auto [server, client] = pair();
        LiveOutput sink(server, stop, std::chrono::milliseconds(60'000));
        std::thread interrupter([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            sink.interrupt();
        });
        const std::string big(1 << 20, 'x');
        const auto started = std::chrono::steady_clock::now();
        bool ok = true;
        for (int i = 0; i < 64 && ok; ++i) ok = sink.write(big); // fills the socket, then waits
        interrupter.join();
        CHECK_FALSE(ok);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
        CHECK_FALSE(sink.connected());
        ::close(server);
        ::close(client);
    }
    SUBCASE("the server stopping")
    {
        auto [server, client] = pair();
        LiveOutput sink(server, stop, std::chrono::milliseconds(2000));
        CHECK(sink.connected());
        const std::uint64_t one = 1;
        REQUIRE(::write(stop, &one, sizeof one) == sizeof one);
        CHECK_FALSE(sink.connected());
        CHECK_FALSE(sink.write("x"));
        ::close(server);
        ::close(client);
    }
    ::close(stop);
}
