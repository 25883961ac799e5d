#include "http/websocket_hub.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace airsight::core {
namespace {

constexpr std::uint64_t kStopTag = 0, kWakeTag = 1; // connection ids start above
constexpr auto kSweepInterval = std::chrono::milliseconds(250);

void signal(int fd)
{
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(fd, &one, sizeof one);
}

} // namespace

WebSocketHub::WebSocketHub(MessageBus& log, WebSocketLimits limits, std::size_t max_sockets)
    : log_(log), limits_(limits), max_sockets_(max_sockets), next_id_(kWakeTag + 1)
{
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_ < 0 || stop_fd_ < 0 || wake_fd_ < 0) {
        const std::string why = std::strerror(errno);
        for (int fd : {epoll_, stop_fd_, wake_fd_})
            if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot set up the websocket thread: " + why);
    }
    for (auto [fd, tag] : {std::pair{stop_fd_, kStopTag}, std::pair{wake_fd_, kWakeTag}}) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = tag;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
    }
    thread_ = std::thread([this] { run(); });
}

WebSocketHub::~WebSocketHub()
{
    stop();
    for (int fd : {epoll_, stop_fd_, wake_fd_}) ::close(fd);
}

bool WebSocketHub::reserve()
{
    if (stopped_.load()) return false;
    std::size_t now = places_.load();
    do {
        if (now >= max_sockets_) return false;
    } while (!places_.compare_exchange_weak(now, now + 1));
    return true;
}

void WebSocketHub::release() { places_.fetch_sub(1); }

void WebSocketHub::adopt(int fd, std::string peer, std::string handshake, std::string early_input,
                         std::shared_ptr<WebSocketSession> session)
{
    {
        std::lock_guard lock(mutex_);
        if (!stopped_.load()) {
            adoptions_.push_back({fd, std::move(peer), std::move(handshake), std::move(early_input), std::move(session)});
            fd = -1;
        }
    }
    if (fd >= 0) { // stopping: the session never opened
        ::close(fd);
        release();
        return;
    }
    signal(wake_fd_);
}

void WebSocketHub::wake(std::uint64_t connection_id)
{
    bool first;
    {
        std::lock_guard lock(mutex_);
        first = woken_.empty();
        woken_.push_back(connection_id);
    }
    if (first) signal(wake_fd_);
}

void WebSocketHub::stop()
{
    {
        std::lock_guard lock(mutex_);
        if (stopped_.exchange(true)) return;
    }
    signal(stop_fd_);
    thread_.join();
}

void WebSocketHub::run()
{
    std::vector<epoll_event> events(64);
    auto next_sweep = WebSocketConnection::Clock::now() + kSweepInterval;
    while (true) {
        const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()),
                                   static_cast<int>(kSweepInterval.count()));
        if (n < 0 && errno != EINTR) {
            log_.post(std::string("websocket thread failed: ") + std::strerror(errno), MSG_ERROR);
            break;
        }
        bool stop = false;
        for (int i = 0; i < n; ++i) {
            const epoll_event& ev = events[static_cast<std::size_t>(i)];
            if (ev.data.u64 == kStopTag) {
                stop = true;
            } else if (ev.data.u64 == kWakeTag) {
                std::uint64_t count;
                [[maybe_unused]] auto r = ::read(wake_fd_, &count, sizeof count);
                take_adoptions();
                take_woken();
            } else if (auto it = connections_.find(ev.data.u64); it != connections_.end()) {
                auto c = it->second; // drop() may erase it
                bool alive = true;
                if (ev.events & (EPOLLIN | EPOLLHUP | EPOLLERR)) alive = c->on_readable();
                if (alive && (ev.events & EPOLLOUT)) alive = c->flush();
                after_io(*c, alive);
            }
        }
        if (stop) break;
        if (const auto now = WebSocketConnection::Clock::now(); now >= next_sweep) {
            next_sweep = now + kSweepInterval;
            std::vector<std::shared_ptr<WebSocketConnection>> all;
            for (auto& [id, c] : connections_) all.push_back(c);
            for (auto& c : all) after_io(*c, c->sweep(now));
        }
    }
    // Stopping: what was handed over but not opened is closed unopened.
    take_adoptions();
    for (auto& [id, c] : connections_) {
        c->shut_down();
        places_.fetch_sub(1);
    }
    connections_.clear();
}

void WebSocketHub::take_adoptions()
{
    std::vector<Adoption> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(adoptions_);
    }
    for (Adoption& a : taken) {
        if (stopped_.load()) {
            ::close(a.fd);
            release();
            continue;
        }
        const std::uint64_t id = next_id_++;
        auto c = std::make_shared<WebSocketConnection>(id, a.fd, std::move(a.peer), std::move(a.session), limits_,
                                                       static_cast<WebSocketWaker&>(*this));
        connections_.emplace(id, c);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = id;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, a.fd, &ev);
        writing_[id] = false;
        c->start(std::move(a.handshake), std::move(a.early_input));
        after_io(*c, c->on_readable()); // the early input, and a first flush below
    }
}

void WebSocketHub::take_woken()
{
    std::vector<std::uint64_t> ids;
    {
        std::lock_guard lock(mutex_);
        ids.swap(woken_);
    }
    for (std::uint64_t id : ids)
        if (auto it = connections_.find(id); it != connections_.end()) {
            auto c = it->second;
            after_io(*c, c->flush());
        }
}

void WebSocketHub::after_io(WebSocketConnection& c, bool alive)
{
    if (alive && c.has_output()) alive = c.flush();
    if (const std::string report = c.take_report(); !report.empty()) log_.post(report, MSG_INFO);
    if (!alive) return drop(c);
    set_interest(c);
}

void WebSocketHub::set_interest(WebSocketConnection& c)
{
    const bool want_out = c.has_output();
    bool& watching = writing_[c.id()];
    if (watching == want_out) return;
    watching = want_out;
    epoll_event ev{};
    ev.events = EPOLLIN | (want_out ? EPOLLOUT : 0u);
    ev.data.u64 = c.id();
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd(), &ev);
}

void WebSocketHub::drop(WebSocketConnection& c)
{
    const std::uint64_t id = c.id();
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd(), nullptr);
    auto keep = connections_[id]; // c lives until the end of this call
    c.finish();
    connections_.erase(id);
    writing_.erase(id);
    places_.fetch_sub(1);
}

} // namespace airsight::core
