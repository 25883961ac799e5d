#include "gps/line_stream_gps.h"

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <poll.h>
#include <stdexcept>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>

namespace airsight::core {

LineStreamGps::~LineStreamGps() { stop(); }

void LineStreamGps::start(GpsSink& sink)
{
    sink_ = &sink;
    wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd_ < 0) throw std::runtime_error(std::string("cannot create an eventfd: ") + std::strerror(errno));
    thread_ = std::thread([this] { run(); });
}

void LineStreamGps::stop()
{
    if (!thread_.joinable()) return;
    stopping_ = true;
    const std::uint64_t one = 1;
    (void)!write(wake_fd_, &one, sizeof one);
    thread_.join();
    close(wake_fd_);
    wake_fd_ = -1;
}

bool LineStreamGps::wait(std::chrono::milliseconds delay) const
{
    pollfd p{wake_fd_, POLLIN, 0};
    poll(&p, 1, static_cast<int>(delay.count()));
    return !stopping();
}

void LineStreamGps::run()
{
    std::chrono::seconds backoff{1};
    while (!stopping()) {
        int fd = -1;
        try {
            fd = open_stream();
            on_open(fd);
        } catch (const std::exception& e) {
            if (fd >= 0) close(fd);
            if (stopping()) break;
            sink_->connected(false, "cannot reach " + endpoint() + ": " + e.what() +
                                        (reconnect_ ? "; retrying" : "; reconnect=false, giving up"));
            if (!reconnect_ || !wait(backoff)) break;
            backoff = std::min(backoff * 2, kMaxBackoff);
            continue;
        }
        backoff = std::chrono::seconds{1};
        sink_->connected(true, "connected to " + endpoint());
        const std::string why = read_lines(fd);
        close(fd);
        sink_->position(std::nullopt);
        if (stopping()) break;
        sink_->connected(false, "lost " + endpoint() + ": " + why +
                                    (reconnect_ ? "; reconnecting" : "; reconnect=false, giving up"));
        if (!reconnect_ || !wait(backoff)) break;
    }
}

std::string LineStreamGps::read_lines(int fd)
{
    std::string buffer;
    char chunk[1024];
    auto last_data = std::chrono::steady_clock::now();
    while (!stopping()) {
        pollfd p[2] = {{fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        const int n = poll(p, 2, 1000);
        if (n < 0 && errno != EINTR) return std::string("poll failed: ") + std::strerror(errno);
        if (stopping()) break;
        if (n <= 0 || !(p[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (std::chrono::steady_clock::now() - last_data > kSilenceLimit)
                return "no data for " + std::to_string(kSilenceLimit.count()) + " s";
            continue;
        }
        const ssize_t got = read(fd, chunk, sizeof chunk);
        if (got == 0) return "it closed the connection";
        if (got < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            return std::strerror(errno);
        }
        last_data = std::chrono::steady_clock::now();
        buffer.append(chunk, static_cast<std::size_t>(got));
        std::size_t start = 0;
        for (std::size_t nl; (nl = buffer.find('\n', start)) != std::string::npos; start = nl + 1) {
            std::string_view line(buffer.data() + start, nl - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (!line.empty()) on_line(line, *sink_);
        }
        buffer.erase(0, start);
        if (buffer.size() > kMaxLine) {
            sink_->garbage("a line longer than " + std::to_string(kMaxLine) + " bytes", buffer.substr(0, 80));
            buffer.clear();
        }
    }
    return "stopped";
}

int LineStreamGps::connect_tcp(const std::string& host, const std::string& port) const
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
        throw std::runtime_error("cannot resolve " + host + ": " + gai_strerror(rc));
    std::string error = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        const int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            error = std::strerror(errno);
            continue;
        }
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            freeaddrinfo(found);
            return fd;
        }
        if (errno == EINPROGRESS) {
            pollfd p[2] = {{fd, POLLOUT, 0}, {wake_fd_, POLLIN, 0}};
            const int n = poll(p, 2, 5000);
            int so_error = 0;
            socklen_t len = sizeof so_error;
            if (n > 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP)) &&
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len) == 0 && so_error == 0) {
                freeaddrinfo(found);
                return fd;
            }
            error = n == 0 ? "timed out" : so_error ? std::strerror(so_error) : "interrupted";
        } else {
            error = std::strerror(errno);
        }
        close(fd);
        if (stopping()) break;
    }
    freeaddrinfo(found);
    throw std::runtime_error(error);
}

} // namespace airsight::core
