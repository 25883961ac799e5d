// The socket side of the REST API: an event-driven front end feeding the
// Dispatcher.
//
// Why not Poco's HTTPServer: it gives each connection one worker thread for
// the connection's whole life, and its receive timeout restarts with every
// byte, so 16 clients that dribble a header byte per second (or just keep an
// idle keep-alive connection open) hold all 16 workers and lock everyone else
// out. Here one I/O thread owns the listening socket and every connection
// that is not being answered: it reads into per-connection buffers with
// epoll, enforces a deadline for the whole request head (from its first
// byte), the head and body size limits, a budget for all bodies in progress,
// an idle keep-alive timeout and caps on connections per client address and
// in total. Only a complete request (head and body) goes to a worker
// (httpd_threads), which runs the Dispatcher and writes the reply (streamed
// when large) as far as the client takes it; the rest is queued (within
// httpd_reply_budget) and the I/O thread sends it as the client reads, so a
// slow reader does not hold a worker. Then keep-alive connections wait for
// their next request. Poco Net still binds the socket and names addresses and
// reason phrases; connection I/O uses plain non-blocking fds because the loop
// needs exact errno handling (EAGAIN, EMFILE) that Poco's socket classes turn
// into exceptions.
#ifndef AIRSIGHT_CORE_HTTP_HTTP_SERVER_H
#define AIRSIGHT_CORE_HTTP_HTTP_SERVER_H

#include "http/dispatcher.h"
#include "http/request_head.h"
#include "http/websocket_conn.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace airsight::core {

struct HttpServerOptions {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 2501;       // 0 picks a free port (see HttpServer::port())
    int max_threads = 16;            // workers that answer complete requests
    std::size_t max_body_bytes = 1 << 20;
    /// All request bodies in progress (being read, or read and being
    /// answered) together hold at most this; a body that would exceed it is
    /// refused with 503 before it is read (see body_limits.h).
    std::size_t body_budget_bytes = 64 << 20;
    HeadLimits head_limits{};
    /// A request head must arrive whole within this time of its first byte (else 408).
    std::chrono::milliseconds header_timeout{10'000};
    /// A request body must arrive whole within this time of its head (else 408).
    std::chrono::milliseconds body_timeout{30'000};
    /// A connection without a request in progress is closed after this.
    std::chrono::milliseconds idle_timeout{30'000};
    /// A reply is abandoned when the client takes none of it for this long.
    std::chrono::milliseconds send_timeout{10'000};
    /// Reply bytes the clients have not taken yet, queued so that workers
    /// need not wait for slow readers, at most this much in all; beyond it
    /// a worker waits for its client (see socket_output.h).
    std::size_t reply_budget_bytes = 64 << 20;
    /// Open connections at most, in total and from one client address. When a
    /// new one would exceed a cap, the oldest waiting connection (of that
    /// address, or of the address holding the most) is closed to make room;
    /// connections being answered are never closed for it.
    std::size_t max_connections = 4096;
    std::size_t max_connections_per_address = 256;
    /// Open websockets at most (httpd_max_websockets); the next upgrade gets
    /// 503. They are served by a thread of their own (websocket_hub.h) and
    /// do not count as connections once upgraded.
    std::size_t max_websockets = 64;
    WebSocketLimits websocket{};
};

class HttpServer {
public:
    HttpServer(Dispatcher& dispatcher, MessageBus& log, HttpServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and starts serving; throws std::runtime_error with the address
    /// and the reason when the socket cannot be bound.
    void start();
    /// Stops accepting, abandons replies in progress and closes every connection.
    void stop();

    std::uint16_t port() const;
    int current_connections() const;

    class EventLoop; // http_server.cc

private:
    Dispatcher& dispatcher_;
    MessageBus& log_;
    HttpServerOptions options_;
    std::unique_ptr<EventLoop> loop_;
    // What current_connections() reads: request handlers (on the loop's own
    // workers) may ask before start() has stored loop_, so they read this
    // atomic instead. Cleared before the loop stops; stop() joins the workers
    // before the loop is destroyed, so a worker never sees it dangle.
    std::atomic<const EventLoop*> serving_{nullptr};
    std::uint16_t bound_port_ = 0;
};

} // namespace airsight::core

#endif
