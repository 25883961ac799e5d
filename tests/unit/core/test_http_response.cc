// Writing replies: status lines, framing, and streamed bodies (chunked, or
// close-delimited for HTTP/1.0), with failures before and after the first
// body byte. The last case runs over a real socket pair.
#include "http/body_stream.h"
#include "http/response_writer.h"
#include "http/socket_output.h"
#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace airsight;
using namespace airsight::core;

namespace {

class Capture : public ByteOutput {
public:
    void send(std::string_view bytes) override
    {
        data.append(bytes);
        ++sends;
    }
    std::string data;
    int sends = 0;
};

// A stream of `count` JSON strings of `size` bytes each, in an array; throws
// after `fail_after` items when that is set.
RawResponse big_stream(int count, std::size_t size, int fail_after = -1)
{
    RawResponse r;
    r.content_type = "application/json";
    r.stream = [=](const BodySink& sink) {
        write_in_pieces(JSON, [=](Writer& w) {
            w.begin_array();
            for (int i = 0; i < count; ++i) {
                if (i == fail_after) throw std::runtime_error("device list changed under us");
                w.string(std::string(size, static_cast<char>('a' + i % 26)));
            }
            w.end_array();
        }, sink);
    };
    return r;
}

std::string expected_body(int count, std::size_t size)
{
    std::string out = "[";
    for (int i = 0; i < count; ++i) {
        if (i) out += ',';
        out += '"' + std::string(size, static_cast<char>('a' + i % 26)) + '"';
    }
    return out + "]";
}

// Decodes a chunked body; `complete` is false when the final chunk is missing.
std::string dechunk(std::string_view wire, bool& complete, int& chunks)
{
    std::string body;
    complete = false;
    chunks = 0;
    while (true) {
        const auto eol = wire.find("\r\n");
        if (eol == std::string_view::npos) return body;
        const std::size_t size = std::stoul(std::string(wire.substr(0, eol)), nullptr, 16);
        wire.remove_prefix(eol + 2);
        if (size == 0) {
            complete = wire == "\r\n";
            return body;
        }
        REQUIRE(wire.size() >= size + 2);
        body.append(wire.substr(0, size));
        REQUIRE(wire.substr(size, 2) == "\r\n");
        wire.remove_prefix(size + 2);
        ++chunks;
    }
}

std::string head_of(const std::string& wire) { return wire.substr(0, wire.find("\r\n\r\n") + 4); }
std::string body_of(const std::string& wire) { return wire.substr(wire.find("\r\n\r\n") + 4); }

} // namespace

TEST_CASE("status lines carry the reason phrase of their status")
{
    CHECK(status_line(1, 200) == "HTTP/1.1 200 OK");
    CHECK(status_line(1, 400) == "HTTP/1.1 400 Bad Request");
    CHECK(status_line(1, 401) == "HTTP/1.1 401 Unauthorized");
    CHECK(status_line(1, 404) == "HTTP/1.1 404 Not Found");
    CHECK(status_line(1, 405) == "HTTP/1.1 405 Method Not Allowed");
    CHECK(status_line(1, 408) == "HTTP/1.1 408 Request Time-out"); // Poco's (RFC 2616) phrase
    CHECK(status_line(1, 411) == "HTTP/1.1 411 Length Required");
    CHECK(status_line(0, 413).rfind("HTTP/1.0 413 Request", 0) == 0);
    CHECK(status_line(1, 431) == "HTTP/1.1 431 Request Header Fields Too Large");
    CHECK(status_line(1, 505) == "HTTP/1.1 505 HTTP Version Not Supported");
    CHECK(status_line(1, 599) == "HTTP/1.1 599 Unknown");
}

TEST_CASE("a whole body gets a Content-Length; HEAD gets the same without the body")
{
    MessageBusImpl log;
    RawResponse r = Dispatcher::error(404, "nope");
    r.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: b");
    Capture out;
    CHECK(write_response(r, ReplyFraming{}, out, log, "GET /"));
    CHECK(out.data.rfind("HTTP/1.1 404 Not Found\r\n", 0) == 0);
    CHECK(head_of(out.data).find("Content-Length: " + std::to_string(r.body.size()) + "\r\n") != std::string::npos);
    CHECK(head_of(out.data).find("X-Evil") == std::string::npos); // a header with a line break is dropped
    CHECK(body_of(out.data) == r.body);

    Capture head;
    CHECK(!write_response(r, ReplyFraming{0, false, true}, head, log, "HEAD /"));
    CHECK(head.data.rfind("HTTP/1.0 404 Not Found\r\n", 0) == 0);
    CHECK(head.data.find("Connection: close\r\n") != std::string::npos);
    CHECK(body_of(head.data).empty());
}

TEST_CASE("a small stream is sent whole, with a Content-Length")
{
    MessageBusImpl log;
    RawResponse r = big_stream(3, 10);
    Capture out;
    CHECK(write_response(r, ReplyFraming{}, out, log, "GET /small"));
    CHECK(out.data.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(head_of(out.data).find("Transfer-Encoding") == std::string::npos);
    CHECK(body_of(out.data) == expected_body(3, 10));

    RawResponse again = big_stream(3, 10);
    Capture head;
    ReplyFraming head_only;
    head_only.head_only = true;
    CHECK(write_response(again, head_only, head, log, "HEAD /small"));
    CHECK(head.data.find("Content-Length: " + std::to_string(expected_body(3, 10).size())) != std::string::npos);
    CHECK(body_of(head.data).empty());
}

TEST_CASE("a large stream is sent chunked, piece by piece")
{
    MessageBusImpl log;
    RawResponse r = big_stream(2000, 1000);
    Capture out;
    CHECK(write_response(r, ReplyFraming{}, out, log, "GET /big"));
    CHECK(out.data.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(head_of(out.data).find("Transfer-Encoding: chunked\r\n") != std::string::npos);
    CHECK(head_of(out.data).find("Content-Length") == std::string::npos);
    bool complete = false;
    int chunks = 0;
    CHECK(dechunk(body_of(out.data), complete, chunks) == expected_body(2000, 1000));
    CHECK(complete);
    CHECK(chunks > 20); // ~2 MB in pieces of about 16 KiB, not one block
    CHECK(out.sends > 20);
}

TEST_CASE("HTTP/1.0 gets a large stream delimited by closing the connection")
{
    MessageBusImpl log;
    RawResponse r = big_stream(2000, 1000);
    Capture out;
    CHECK(!write_response(r, ReplyFraming{0, true, false}, out, log, "GET /big"));
    CHECK(out.data.rfind("HTTP/1.0 200 OK\r\n", 0) == 0);
    CHECK(head_of(out.data).find("Connection: close\r\n") != std::string::npos);
    CHECK(head_of(out.data).find("Transfer-Encoding") == std::string::npos);
    CHECK(body_of(out.data) == expected_body(2000, 1000));
}

TEST_CASE("a stream that fails before its first byte is sent becomes a clean 500")
{
    MessageBusImpl log;
    RawResponse r = big_stream(2000, 1000, 5);
    Capture out;
    CHECK(write_response(r, ReplyFraming{}, out, log, "GET /fails-early"));
    CHECK(out.data.rfind("HTTP/1.1 500 Internal Server Error\r\n", 0) == 0);
    CHECK(body_of(out.data).find("device list changed under us") != std::string::npos);
    CHECK(log.recent().back().text.find("GET /fails-early") != std::string::npos);
}

TEST_CASE("a stream that fails after its status was sent is cut short, never completed")
{
    MessageBusImpl log;
    RawResponse r = big_stream(2000, 1000, 1000);
    Capture out;
    CHECK(!write_response(r, ReplyFraming{}, out, log, "GET /fails-late")); // the connection must close
    CHECK(out.data.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    bool complete = true;
    int chunks = 0;
    const std::string body = dechunk(body_of(out.data), complete, chunks);
    CHECK(!complete); // no terminating chunk
    CHECK(out.data.find("0\r\n\r\n") == std::string::npos);
    CHECK(body.size() < expected_body(1000, 1000).size() + 1);
    const std::string logged = log.recent().back().text;
    CHECK(logged.find("cut short") != std::string::npos);
    CHECK(logged.find("GET /fails-late") != std::string::npos);
}

TEST_CASE("a streamed body reaches the socket while it is still being written")
{
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
    const int stop_fd = ::eventfd(0, EFD_NONBLOCK);
    REQUIRE(stop_fd >= 0);

    std::mutex m;
    std::condition_variable cv;
    std::size_t received = 0;
    std::string wire;
    std::thread reader([&] {
        char buf[65536];
        while (true) {
            const ssize_t n = ::recv(fds[1], buf, sizeof buf, 0);
            if (n == 0) break;
            if (n < 0) {
                if (errno == EAGAIN) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    continue;
                }
                break;
            }
            std::lock_guard lock(m);
            wire.append(buf, static_cast<std::size_t>(n));
            received += static_cast<std::size_t>(n);
            cv.notify_all();
        }
    });

    // 8 MB of body; halfway through, the writer waits until the client has
    // already received more than 3 MB: the body is not held back whole.
    constexpr int kItems = 8000;
    constexpr std::size_t kSize = 1000;
    bool seen_midway = false;
    RawResponse r;
    r.stream = [&](const BodySink& sink) {
        write_in_pieces(JSON, [&](Writer& w) {
            w.begin_array();
            for (int i = 0; i < kItems; ++i) {
                if (i == kItems / 2) {
                    std::unique_lock lock(m);
                    seen_midway = cv.wait_for(lock, std::chrono::seconds(20), [&] { return received > 3'000'000; });
                }
                w.string(std::string(kSize, static_cast<char>('a' + i % 26)));
            }
            w.end_array();
        }, sink);
    };
    MessageBusImpl log;
    SocketOutput out(fds[0], stop_fd, std::chrono::milliseconds(20'000));
    CHECK(write_response(r, ReplyFraming{}, out, log, "GET /devices"));
    ::shutdown(fds[0], SHUT_WR);
    reader.join();
    CHECK(seen_midway);
    bool complete = false;
    int chunks = 0;
    CHECK(dechunk(body_of(wire), complete, chunks) == expected_body(kItems, kSize));
    CHECK(complete);
    ::close(fds[0]);
    ::close(fds[1]);
    ::close(stop_fd);
}

TEST_CASE("a reply to a client that stops reading is abandoned; so is one when the server stops")
{
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
    const int stop_fd = ::eventfd(0, EFD_NONBLOCK);
    const std::string lots(8 << 20, 'x');
    {
        SocketOutput out(fds[0], stop_fd, std::chrono::milliseconds(200));
        CHECK_THROWS_AS(out.send(lots), SendFailed);
    }
    const std::uint64_t one = 1;
    REQUIRE(::write(stop_fd, &one, sizeof one) == sizeof one);
    {
        SocketOutput out(fds[0], stop_fd, std::chrono::milliseconds(60'000));
        const auto start = std::chrono::steady_clock::now();
        CHECK_THROWS_WITH_AS(out.send(lots), "the server is stopping", SendFailed);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
    }
    ::close(fds[0]);
    ::close(fds[1]);
    ::close(stop_fd);
}

TEST_CASE("with a reply queue, what the socket does not take is queued within its budget, then sent by flush")
{
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
    const int stop_fd = ::eventfd(0, EFD_NONBLOCK);
    ByteBudget budget(4 << 20);
    ReplyQueue queue(budget);
    SocketOutput out(fds[0], stop_fd, std::chrono::milliseconds(200), &queue);

    // Nobody reads: the socket takes what its buffer holds, the rest is
    // queued and send() returns (the worker is free). Had it waited for the
    // client, it would have thrown after 200 ms without progress.
    const std::string first(2 << 20, 'a');
    CHECK_NOTHROW(out.send(first));
    REQUIRE_FALSE(queue.empty());
    CHECK(queue.pending() < first.size());
    CHECK(budget.held() == queue.pending());
    // More than the budget has room for: the writer waits for the client,
    // and gives up after the timeout without progress.
    CHECK_THROWS_AS(out.send(std::string(3 << 20, 'b')), SendFailed);
    const std::size_t queued = queue.pending();
    CHECK(queued + (3 << 20) > budget.total());

    // The client reads; flush sends the queue in order and gives its budget back.
    std::string wire;
    char buffer[65536];
    while (!queue.empty()) {
        queue.flush(fds[0]);
        ssize_t n;
        while ((n = ::recv(fds[1], buffer, sizeof buffer, 0)) > 0) wire.append(buffer, static_cast<std::size_t>(n));
    }
    CHECK(wire == first);
    CHECK(budget.held() == 0);
    ::close(fds[0]);
    ::close(fds[1]);
    ::close(stop_fd);
}
