#include "http/socket_output.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace airsight::core {

void SocketOutput::send(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            throw SendFailed(std::string("cannot send the reply: ") + std::strerror(errno));
        pollfd fds[2] = {{fd_, POLLOUT, 0}, {stop_fd_, POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(timeout_.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) throw SendFailed(std::string("poll failed: ") + std::strerror(errno));
        if (fds[1].revents != 0) throw SendFailed("the server is stopping");
        if (ready == 0)
            throw SendFailed("the client read nothing for " + std::to_string(timeout_.count()) + " ms");
    }
}

} // namespace airsight::core
