#include "http/socket_output.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace airsight::core {
namespace {

// Sends what the socket takes now: the count, 0 when it would block.
std::size_t send_some(int fd, std::string_view bytes)
{
    while (true) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
        throw SendFailed(std::string("cannot send the reply: ") + std::strerror(errno));
    }
}

} // namespace

bool ReplyQueue::append(std::string_view bytes)
{
    if (!lease_.resize(pending() + bytes.size())) return false;
    bytes_.erase(0, sent_);
    sent_ = 0;
    bytes_.append(bytes);
    return true;
}

std::size_t ReplyQueue::flush(int fd)
{
    const std::size_t before = sent_;
    while (!empty()) {
        const std::size_t n = send_some(fd, std::string_view(bytes_).substr(sent_));
        if (n == 0) break;
        sent_ += n;
    }
    const std::size_t sent = sent_ - before;
    if (empty()) discard(); // a large reply's memory goes back now
    return sent;
}

void ReplyQueue::discard()
{
    std::string().swap(bytes_);
    sent_ = 0;
    lease_.reset();
}

void SocketOutput::send(std::string_view bytes)
{
    if (!queue_) return send_waiting(bytes);
    if (!queue_->empty()) queue_->flush(fd_); // what was queued goes first
    if (queue_->empty()) bytes.remove_prefix(send_some(fd_, bytes));
    if (bytes.empty() || queue_->append(bytes)) return;
    // Over the budget: wait for the client to take the queue, then the rest.
    while (!queue_->empty()) {
        if (queue_->flush(fd_) == 0) wait_writable();
    }
    send_waiting(bytes);
}

void SocketOutput::send_waiting(std::string_view bytes)
{
    while (!bytes.empty()) {
        const std::size_t n = send_some(fd_, bytes);
        if (n > 0) bytes.remove_prefix(n);
        else wait_writable();
    }
}

void SocketOutput::wait_writable()
{
    while (true) {
        pollfd fds[2] = {{fd_, POLLOUT, 0}, {stop_fd_, POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(timeout_.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) throw SendFailed(std::string("poll failed: ") + std::strerror(errno));
        if (fds[1].revents != 0) throw SendFailed("the server is stopping");
        if (ready == 0) throw SendFailed("the client read nothing for " + std::to_string(timeout_.count()) + " ms");
        return;
    }
}

} // namespace airsight::core
