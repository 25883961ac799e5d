#include "http/live_output.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace airsight::core {

LiveOutput::LiveOutput(int fd, int stop_fd, std::chrono::milliseconds no_progress_timeout)
    : fd_(fd), stop_fd_(stop_fd), interrupt_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      timeout_(no_progress_timeout)
{
    if (interrupt_fd_ < 0) throw std::runtime_error(std::string("cannot create an eventfd: ") + std::strerror(errno));
}

LiveOutput::~LiveOutput() { ::close(interrupt_fd_); }

void LiveOutput::interrupt()
{
    gone_.store(true);
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(interrupt_fd_, &one, sizeof one); // stays readable
}

bool LiveOutput::write(std::string_view bytes)
{
    while (!bytes.empty()) {
        if (gone_.load()) return false;
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!wait_writable()) return false;
            continue;
        }
        gone_.store(true); // EPIPE, ECONNRESET: the client is gone
        return false;
    }
    return !gone_.load();
}

bool LiveOutput::wait_writable()
{
    while (true) {
        pollfd fds[3] = {{fd_, POLLOUT, 0}, {stop_fd_, POLLIN, 0}, {interrupt_fd_, POLLIN, 0}};
        const int ready = ::poll(fds, 3, static_cast<int>(timeout_.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0 || fds[1].revents != 0 || fds[2].revents != 0 || (fds[0].revents & (POLLERR | POLLHUP))) {
            gone_.store(true); // a poll error, no progress for the timeout, stopping, or interrupted
            return false;
        }
        return true;
    }
}

bool LiveOutput::connected()
{
    if (gone_.load()) return false;
    pollfd fds[3] = {{fd_, POLLRDHUP, 0}, {stop_fd_, POLLIN, 0}, {interrupt_fd_, POLLIN, 0}};
    int ready;
    do ready = ::poll(fds, 3, 0);
    while (ready < 0 && errno == EINTR);
    if (ready < 0 || fds[1].revents != 0 || fds[2].revents != 0 ||
        (fds[0].revents & (POLLRDHUP | POLLHUP | POLLERR)))
        gone_.store(true);
    return !gone_.load();
}

} // namespace airsight::core
