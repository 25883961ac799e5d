#include "http/http_server.h"

#include "http/live_output.h"
#include "http/request_reader.h"
#include "http/response_writer.h"
#include "http/socket_output.h"
#include "http/websocket_hub.h"

#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace airsight::core {
namespace {

using Clock = std::chrono::steady_clock;

// epoll tags below this are the loop's own fds; connections count up from it.
constexpr std::uint64_t kListenerTag = 1, kStopTag = 2, kWakeTag = 3, kFirstConnection = 16;
// How often deadlines are checked: the granularity of every timeout.
constexpr auto kSweepInterval = std::chrono::milliseconds(100);
// After an error reply the client's remaining bytes are read and dropped for
// this long, so closing does not reset the connection before the client has
// read the reply (a "lingering close").
constexpr auto kLingerTime = std::chrono::milliseconds(2000);
// File descriptors kept free for everything else the server opens.
constexpr std::size_t kReservedFds = 64;

class FdGuard {
public:
    explicit FdGuard(int fd = -1) : fd_(fd) {}
    ~FdGuard() { reset(); }
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }
    void reset(int fd = -1)
    {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_;
};

// Collects bytes for the I/O thread's own small replies (errors, 100 Continue).
class StringOutput : public ByteOutput {
public:
    void send(std::string_view bytes) override { data.append(bytes); }
    std::string data;
};

std::string peer_address(const sockaddr_storage& addr, socklen_t len)
{
    try {
        return Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&addr), static_cast<int>(len))
            .host()
            .toString();
    } catch (const Poco::Exception&) {
        return "?";
    }
}

std::size_t raise_fd_limit(MessageBus& log)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
        else log.post(std::string("cannot raise the open-file limit: ") + std::strerror(errno), MSG_ERROR);
    }
    return limit.rlim_cur == RLIM_INFINITY ? (1u << 20) : static_cast<std::size_t>(limit.rlim_cur);
}

} // namespace

class HttpServer::EventLoop {
    // One client connection. While Busy a worker owns it and the I/O thread
    // does not touch it (it is not in epoll then). Sending: the worker is
    // done and the I/O thread sends what of its reply the client has not
    // taken yet (watching for EPOLLOUT instead of EPOLLIN).
    struct Connection {
        enum class State { Idle, Head, Body, Busy, Sending, Lingering };

        Connection(std::uint64_t id, int fd, std::string peer, const HttpServerOptions& o, ByteBudget& body_budget,
                   ByteBudget& reply_budget)
            : id(id), fd(fd), peer(std::move(peer)), reader(o.head_limits, o.max_body_bytes, &body_budget),
              reply(reply_budget)
        {
        }

        std::uint64_t id;
        FdGuard fd;
        std::string peer;
        State state = State::Idle;
        Clock::time_point since = Clock::now(); // entered `state` (Head: the head's first byte)
        std::string in;                         // received, not yet consumed
        RequestReader reader;
        ReplyQueue reply;       // what of the reply the socket has not taken yet
        bool keep_open = false; // set by the worker: the reply allows another request
    };

public:
    EventLoop(Dispatcher& dispatcher, MessageBus& log, const HttpServerOptions& options, int listen_fd,
              Poco::Net::ServerSocket listener, std::size_t max_connections)
        : dispatcher_(dispatcher), log_(log), options_(options), listener_(std::move(listener)),
          listen_fd_(listen_fd), max_connections_(max_connections), body_budget_(options.body_budget_bytes),
          reply_budget_(options.reply_budget_bytes), websockets_(log, options.websocket, options.max_websockets)
    {
        epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
        stop_fd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
        wake_fd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
        if (epoll_.get() < 0 || stop_fd_.get() < 0 || wake_fd_.get() < 0)
            throw std::runtime_error(std::string("cannot set up the HTTP event loop: ") + std::strerror(errno));
        watch(listen_fd_, kListenerTag);
        watch(stop_fd_.get(), kStopTag);
        watch(wake_fd_.get(), kWakeTag);
        for (int i = 0; i < options_.max_threads; ++i) workers_.emplace_back([this] { work(); });
        io_thread_ = std::thread([this] { run(); });
    }

    ~EventLoop() { stop(); }

    void stop()
    {
        if (stopped_.exchange(true)) return;
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(stop_fd_.get(), &one, sizeof one); // stays readable
        io_thread_.join();
        {
            std::lock_guard lock(jobs_mutex_);
            stopping_workers_ = true;
        }
        jobs_cv_.notify_all();
        for (auto& w : workers_) w.join();
        websockets_.stop(); // after the workers: none is handing one over now
        connections_.clear();
        open_.store(0);
    }

    int open_connections() const { return open_.load(); }

private:
    void watch(int fd, std::uint64_t tag, std::uint32_t events = EPOLLIN)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u64 = tag;
        if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0)
            throw std::runtime_error(std::string("epoll_ctl failed: ") + std::strerror(errno));
    }
    void unwatch(int fd) { ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr); }

    // --- the I/O thread -------------------------------------------------------

    void run()
    {
        std::vector<epoll_event> events(256);
        auto next_sweep = Clock::now() + kSweepInterval;
        while (true) {
            const int n = ::epoll_wait(epoll_.get(), events.data(), static_cast<int>(events.size()),
                                       static_cast<int>(kSweepInterval.count()));
            if (n < 0 && errno != EINTR) {
                log_.post(std::string("HTTP event loop failed: ") + std::strerror(errno), MSG_ERROR);
                break;
            }
            bool stop = false;
            for (int i = 0; i < n; ++i) {
                const std::uint64_t tag = events[static_cast<std::size_t>(i)].data.u64;
                if (tag == kStopTag) stop = true;
                else if (tag == kListenerTag) accept_all();
                else if (tag == kWakeTag) take_back();
                else if (auto it = connections_.find(tag); it != connections_.end()) on_ready(*it->second);
            }
            if (stop) break;
            if (const auto now = Clock::now(); now >= next_sweep) {
                sweep(now);
                next_sweep = now + kSweepInterval;
            }
        }
    }

    void accept_all()
    {
        while (true) {
            sockaddr_storage addr{};
            socklen_t len = sizeof addr;
            const int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len,
                                     SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                if (errno == EMFILE || errno == ENFILE) {
                    // Out of descriptors: free one and take the client next round.
                    if (!evict_from(busiest_address())) pause_accepting();
                } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
                    log_.post(std::string("HTTP accept failed: ") + std::strerror(errno), MSG_ERROR);
                }
                return;
            }
            admit(fd, peer_address(addr, len));
        }
    }

    void admit(int fd, std::string peer)
    {
        auto& same_peer = by_address_[peer];
        if (same_peer.size() >= options_.max_connections_per_address) evict_from(peer);
        if (connections_.size() >= max_connections_) evict_from(busiest_address());
        if (by_address_[peer].size() >= options_.max_connections_per_address ||
            connections_.size() >= max_connections_) {
            // Every connection is being answered: refuse this one plainly.
            StringOutput out;
            RawResponse busy = Dispatcher::error(503, "too many connections; try again");
            write_response(busy, ReplyFraming{1, false, false}, out, log_, "(connection)");
            [[maybe_unused]] auto n = ::send(fd, out.data.data(), out.data.size(), MSG_NOSIGNAL);
            ::close(fd);
            if (by_address_[peer].empty()) by_address_.erase(peer);
            return;
        }
        const std::uint64_t id = next_id_++;
        auto conn = std::make_unique<Connection>(id, fd, peer, options_, body_budget_, reply_budget_);
        by_address_[peer].push_back(conn.get());
        watch(fd, id);
        connections_.emplace(id, std::move(conn));
        open_.store(static_cast<int>(connections_.size()));
    }

    std::string busiest_address() const
    {
        std::string best;
        std::size_t most = 0;
        for (const auto& [address, list] : by_address_)
            if (list.size() > most) {
                most = list.size();
                best = address;
            }
        return best;
    }

    // Closes the connection of `address` that has waited longest and is not
    // being answered (a lingering one first). False when there is none.
    bool evict_from(const std::string& address)
    {
        auto it = by_address_.find(address);
        if (it == by_address_.end()) return false;
        Connection* victim = nullptr;
        for (Connection* c : it->second) {
            if (c->state == Connection::State::Busy || c->state == Connection::State::Sending) continue;
            if (!victim) victim = c;
            const bool c_lingers = c->state == Connection::State::Lingering;
            const bool v_lingers = victim->state == Connection::State::Lingering;
            if ((c_lingers && !v_lingers) || (c_lingers == v_lingers && c->since < victim->since)) victim = c;
        }
        if (!victim) return false;
        close(*victim);
        return true;
    }

    void pause_accepting()
    {
        if (accept_paused_) return;
        unwatch(listen_fd_);
        accept_paused_ = true;
        log_.post("HTTP server is out of file descriptors; accepting again shortly", MSG_ERROR);
    }

    void close(Connection& c)
    {
        auto& list = by_address_[c.peer];
        std::erase(list, &c);
        if (list.empty()) by_address_.erase(c.peer);
        if (c.state != Connection::State::Busy) unwatch(c.fd.get());
        connections_.erase(c.id); // destroys c
        open_.store(static_cast<int>(connections_.size()));
    }

    void on_ready(Connection& c)
    {
        if (c.state == Connection::State::Sending) on_writable(c);
        else on_readable(c);
    }

    // Sends more of a reply the worker left queued; once it is all sent the
    // connection goes on as the worker decided (next request, or closed).
    void on_writable(Connection& c)
    {
        try {
            if (c.reply.flush(c.fd.get()) > 0) c.since = Clock::now(); // httpd_send_timeout runs from progress
        } catch (const SendFailed&) {
            return close(c);
        }
        if (!c.reply.empty()) return;
        unwatch(c.fd.get());
        after_reply(c);
    }

    void on_readable(Connection& c)
    {
        char buffer[16384];
        bool eof = false;
        // Read at most a few buffers per wake-up so one fast client cannot starve the rest.
        for (int round = 0; round < 4; ++round) {
            const ssize_t n = ::recv(c.fd.get(), buffer, sizeof buffer, 0);
            if (n == 0) {
                eof = true; // a request that arrived whole before it is still answered
                break;
            }
            if (n < 0) {
                if (errno == EINTR) continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                return close(c);
            }
            if (c.state == Connection::State::Lingering) continue; // dropped
            if (c.state == Connection::State::Idle) {
                c.state = Connection::State::Head;
                c.since = Clock::now(); // the head deadline runs from its first byte
            }
            c.in.append(buffer, static_cast<std::size_t>(n));
            if (static_cast<std::size_t>(n) < sizeof buffer) break;
        }
        if (c.state != Connection::State::Lingering) process(c);
        if (eof && c.state != Connection::State::Busy) close(c);
    }

    // Runs the reader over the buffered bytes and acts on its verdict.
    void process(Connection& c)
    {
        while (true) {
            RequestReader::Step step = c.reader.advance(c.in);
            switch (step.kind) {
            case RequestReader::Step::Kind::NeedMore:
                if (c.reader.in_body() && c.state == Connection::State::Head) {
                    c.state = Connection::State::Body;
                    c.since = Clock::now();
                }
                return;
            case RequestReader::Step::Kind::Continue:
                send_now(c, "HTTP/1.1 100 Continue\r\n\r\n");
                c.state = Connection::State::Body;
                c.since = Clock::now();
                continue;
            case RequestReader::Step::Kind::Reject:
                // 503 is the server's own state (the body budget), not the
                // client's error: the operator should see it.
                if (step.status == 503)
                    log_.post("HTTP request from " + c.peer + " refused: " + step.message, MSG_ERROR);
                return reject(c, step.status, step.message);
            case RequestReader::Step::Kind::Ready: return hand_to_worker(c);
            }
        }
    }

    // Best effort: used for a few hundred bytes on a socket that is not busy.
    static void send_now(Connection& c, std::string_view bytes)
    {
        [[maybe_unused]] auto n = ::send(c.fd.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    }

    // Answers an error from the I/O thread and lingers until the client closes.
    void reject(Connection& c, int status, const std::string& message)
    {
        StringOutput out;
        RawResponse error = Dispatcher::error(status, message);
        write_response(error, ReplyFraming{c.reader.version_minor(), false, false}, out, log_, "(request head)");
        send_now(c, out.data);
        ::shutdown(c.fd.get(), SHUT_WR);
        c.state = Connection::State::Lingering;
        c.since = Clock::now();
        c.in.clear();
        c.in.shrink_to_fit();
        c.reader.reset(); // a lingering connection holds no body (nor its budget)
    }

    void hand_to_worker(Connection& c)
    {
        unwatch(c.fd.get());
        c.state = Connection::State::Busy;
        {
            std::lock_guard lock(jobs_mutex_);
            jobs_.push_back(&c);
        }
        jobs_cv_.notify_one();
    }

    // Connections the workers are done with: keep-alive ones wait for their
    // next request (which may already be buffered: pipelining).
    void take_back()
    {
        std::uint64_t count;
        [[maybe_unused]] auto n = ::read(wake_fd_.get(), &count, sizeof count);
        std::vector<Connection*> done;
        {
            std::lock_guard lock(done_mutex_);
            done.swap(done_);
        }
        for (Connection* c : done) {
            if (!c->reply.empty()) {
                // The client has not taken all of the reply: send the rest
                // from here as it reads, and free the worker meanwhile.
                c->state = Connection::State::Sending;
                c->since = Clock::now();
                watch(c->fd.get(), c->id, EPOLLOUT);
                continue;
            }
            after_reply(*c);
        }
    }

    // A reply is wholly sent (the connection is not in epoll): read the next
    // request, which may already be buffered (pipelining), or close.
    void after_reply(Connection& c)
    {
        if (!c.keep_open) return close(c);
        c.reader.reset();
        c.state = c.in.empty() ? Connection::State::Idle : Connection::State::Head;
        c.since = Clock::now();
        watch(c.fd.get(), c.id);
        if (!c.in.empty()) process(c);
    }

    void sweep(Clock::time_point now)
    {
        if (accept_paused_) {
            watch(listen_fd_, kListenerTag);
            accept_paused_ = false;
        }
        std::vector<Connection*> expired;
        for (auto& [id, conn] : connections_) {
            const auto waited = now - conn->since;
            switch (conn->state) {
            case Connection::State::Idle:
                if (waited > options_.idle_timeout) expired.push_back(conn.get());
                break;
            case Connection::State::Head:
                if (waited > options_.header_timeout) expired.push_back(conn.get());
                break;
            case Connection::State::Body:
                if (waited > options_.body_timeout) expired.push_back(conn.get());
                break;
            case Connection::State::Sending:
                if (waited > options_.send_timeout) expired.push_back(conn.get()); // closed: nothing to tell it
                break;
            case Connection::State::Lingering:
                if (waited > kLingerTime) expired.push_back(conn.get());
                break;
            case Connection::State::Busy: break;
            }
        }
        for (Connection* c : expired) {
            if (c->state == Connection::State::Head)
                reject(*c, 408, "the request head did not arrive within " +
                                    std::to_string(options_.header_timeout.count()) + " ms (httpd_header_timeout)");
            else if (c->state == Connection::State::Body)
                reject(*c, 408, "the request body did not arrive within " +
                                    std::to_string(options_.body_timeout.count()) + " ms (httpd_body_timeout)");
            else
                close(*c);
        }
    }

    // --- the workers ----------------------------------------------------------

    void work()
    {
        while (true) {
            Connection* c = nullptr;
            {
                std::unique_lock lock(jobs_mutex_);
                jobs_cv_.wait(lock, [this] { return stopping_workers_ || !jobs_.empty(); });
                if (stopping_workers_) return; // queued requests are dropped with their connections
                c = jobs_.front();
                jobs_.pop_front();
            }
            c->keep_open = answer(*c);
            {
                std::lock_guard lock(done_mutex_);
                done_.push_back(c);
            }
            const std::uint64_t one = 1;
            [[maybe_unused]] auto n = ::write(wake_fd_.get(), &one, sizeof one);
        }
    }

    // Runs the Dispatcher and writes the reply; true when the connection may
    // carry another request.
    bool answer(Connection& c)
    {
        const RequestHead& head = c.reader.head();
        RawRequest raw;
        raw.method = head.method;
        raw.uri = head.target;
        if (const std::string* v = head.field("Authorization")) raw.authorization = *v;
        raw.cookie = head.joined("Cookie");
        if (const std::string* v = head.field("Content-Type")) raw.content_type = *v;
        if (const std::string* v = head.field("X-Requested-With")) raw.requested_with = *v;
        if (const std::string* v = head.field("Upgrade")) raw.upgrade.upgrade = *v;
        raw.upgrade.connection = head.joined("Connection");
        if (const std::string* v = head.field("Sec-WebSocket-Key")) raw.upgrade.key = *v;
        if (const std::string* v = head.field("Sec-WebSocket-Version")) raw.upgrade.version = *v;
        raw.body = std::move(c.reader.body());
        const std::string what = raw.method + " " + raw.uri;

        RawResponse response;
        try {
            response = dispatcher_.respond(raw);
        } catch (const std::exception& e) { // respond() answers errors itself; this is a last resort
            response = Dispatcher::internal_error(log_, what, e.what());
        }
        if (response.live) return answer_live(c, response, head, what);
        if (response.websocket) return answer_websocket(c, response, head, what);
        ReplyFraming framing;
        framing.version_minor = head.version_minor;
        framing.keep_alive = wants_keep_alive(head);
        framing.head_only = head.method == "HEAD";
        SocketOutput out(c.fd.get(), stop_fd_.get(), options_.send_timeout, &c.reply);
        try {
            return write_response(response, framing, out, log_, what) && !stopped_.load();
        } catch (const SendFailed&) {
            c.reply.discard();
            return false; // the client is gone or stalled: nothing to tell it
        }
    }

    // A live reply holds this worker until its writer returns; at most half
    // the workers do so at once, so ordinary requests always find one.
    // Always false: the connection closes after the live body.
    bool answer_live(Connection& c, RawResponse& response, const RequestHead& head, const std::string& what)
    {
        const int cap = std::max(1, options_.max_threads / 2);
        if (live_.fetch_add(1) >= cap) {
            live_.fetch_sub(1);
            return answer_busy(c, head, what,
                               "too many live streams (" + std::to_string(cap) +
                                   ", half of httpd_threads) are running; close one or try again later");
        }
        struct Release {
            std::atomic<int>& count;
            ~Release() { count.fetch_sub(1); }
        } release{live_};
        try {
            LiveOutput sink(c.fd.get(), stop_fd_.get(), options_.send_timeout);
            if (!sink.write(live_response_head(response, head.version_minor, log_))) return false;
            if (head.method == "HEAD") return false;
            response.live(sink);
        } catch (const std::exception& e) {
            // The status is gone already: the body just ends here.
            log_.post("HTTP live reply to " + what + " ended by an error: " + e.what(), MSG_ERROR);
        }
        return false;
    }

    // A 503 with `why`, for a request the server has no room for now; the
    // connection closes after it. Always false, as the callers return it.
    bool answer_busy(Connection& c, const RequestHead& head, const std::string& what, const std::string& why)
    {
        RawResponse busy = Dispatcher::error(503, why);
        SocketOutput out(c.fd.get(), stop_fd_.get(), options_.send_timeout, &c.reply);
        try {
            write_response(busy, ReplyFraming{head.version_minor, false, false}, out, log_, what);
        } catch (const SendFailed&) {
            c.reply.discard();
        }
        return false;
    }

    // Hands an accepted upgrade to the websocket thread, or answers 503 when
    // httpd_max_websockets are open. Always false: the connection leaves
    // this loop (its fd now belongs to the hub).
    bool answer_websocket(Connection& c, RawResponse& response, const RequestHead& head, const std::string& what)
    {
        if (!websockets_.reserve())
            return answer_busy(c, head, what,
                               "too many websockets are open (" + std::to_string(websockets_.max_sockets()) +
                                   ", httpd_max_websockets); close one or try again later");
        std::string handshake = "HTTP/1.1 101 Switching Protocols\r\n";
        for (const auto& [name, value] : response.headers) handshake += name + ": " + value + "\r\n";
        handshake += "\r\n";
        websockets_.adopt(c.fd.release(), c.peer, std::move(handshake), std::move(c.in), std::move(response.websocket));
        c.in.clear();
        return false;
    }

    Dispatcher& dispatcher_;
    MessageBus& log_;
    const HttpServerOptions& options_;
    Poco::Net::ServerSocket listener_;
    int listen_fd_;
    std::size_t max_connections_;
    FdGuard epoll_, stop_fd_, wake_fd_;
    // Before connections_: their readers and reply queues hold leases on them.
    ByteBudget body_budget_, reply_budget_;
    WebSocketHub websockets_; // upgraded connections, on a thread of their own

    // Owned by the I/O thread.
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
    std::unordered_map<std::string, std::vector<Connection*>> by_address_;
    std::uint64_t next_id_ = kFirstConnection;
    bool accept_paused_ = false;

    std::mutex jobs_mutex_;
    std::condition_variable jobs_cv_;
    std::deque<Connection*> jobs_;
    bool stopping_workers_ = false;
    std::mutex done_mutex_;
    std::vector<Connection*> done_;

    std::atomic<bool> stopped_{false};
    std::atomic<int> open_{0};
    std::atomic<int> live_{0}; // live replies running
    std::vector<std::thread> workers_;
    std::thread io_thread_;
};

HttpServer::HttpServer(Dispatcher& dispatcher, MessageBus& log, HttpServerOptions options)
    : dispatcher_(dispatcher), log_(log), options_(std::move(options))
{
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start()
{
    Poco::Net::ServerSocket socket;
    try {
        socket.bind(Poco::Net::SocketAddress(options_.bind_address, options_.port), true);
        socket.listen(1024);
        socket.setBlocking(false);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + options_.bind_address + ":" + std::to_string(options_.port) +
                                 ": " + e.displayText() + " (set httpd_bind_address / httpd_port)");
    }
    const std::size_t fd_limit = raise_fd_limit(log_);
    const std::size_t usable = fd_limit > 2 * kReservedFds ? fd_limit - kReservedFds : fd_limit / 2;
    const std::size_t max_connections = std::min(options_.max_connections, usable);
    if (max_connections < options_.max_connections)
        log_.post("HTTP connections capped at " + std::to_string(max_connections) + " by the open-file limit (" +
                      std::to_string(fd_limit) + ")",
                  MSG_INFO);
    bound_port_ = socket.address().port();
    const int fd = socket.impl()->sockfd();
    loop_ = std::make_unique<EventLoop>(dispatcher_, log_, options_, fd, socket, max_connections);
    serving_.store(loop_.get(), std::memory_order_release);
}

void HttpServer::stop()
{
    serving_.store(nullptr, std::memory_order_release);
    if (loop_) {
        loop_->stop();
        loop_.reset();
    }
}

std::uint16_t HttpServer::port() const { return bound_port_; }

int HttpServer::current_connections() const
{
    const EventLoop* loop = serving_.load(std::memory_order_acquire);
    return loop ? loop->open_connections() : 0;
}

} // namespace airsight::core
