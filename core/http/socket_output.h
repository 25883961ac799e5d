// Response bytes to a non-blocking socket.
//
// A worker writes a reply through SocketOutput. With a ReplyQueue, what the
// socket does not take at once is queued, as far as the queue's budget
// (httpd_reply_budget) allows, and the worker moves on: when it is done, the
// I/O thread sends the rest as the client reads (ReplyQueue::flush). So a
// client that reads slowly costs queued bytes, not a worker. Beyond the
// budget, or without a queue, the worker waits for the client, never longer
// than a timeout without progress, and gives up at once when the server stops.
#ifndef AIRSIGHT_CORE_HTTP_SOCKET_OUTPUT_H
#define AIRSIGHT_CORE_HTTP_SOCKET_OUTPUT_H

#include "http/body_limits.h"
#include "http/response_writer.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace airsight::core {

/// Reply bytes a socket has not taken yet, and their share of a budget.
/// Owned by one thread at a time (the worker, then the I/O thread).
class ReplyQueue {
public:
    explicit ReplyQueue(ByteBudget& budget) : lease_(budget) {}

    bool empty() const { return sent_ == bytes_.size(); }
    std::size_t pending() const { return bytes_.size() - sent_; }
    /// Queues `bytes` behind the pending ones; false (nothing queued) when
    /// the budget has no room for them.
    bool append(std::string_view bytes);
    /// Sends pending bytes until the socket would block or none are left;
    /// returns how many went out. Throws SendFailed on a socket error.
    std::size_t flush(int fd);
    /// Forgets the pending bytes (the connection is closing).
    void discard();

private:
    std::string bytes_;
    std::size_t sent_ = 0; // bytes_[0, sent_) are gone
    ByteBudget::Lease lease_;
};

class SocketOutput : public ByteOutput {
public:
    /// `stop_fd` becomes readable when the server stops (an eventfd).
    /// `queue` (may be null) takes what the socket cannot take at once.
    SocketOutput(int fd, int stop_fd, std::chrono::milliseconds no_progress_timeout, ReplyQueue* queue = nullptr)
        : fd_(fd), stop_fd_(stop_fd), timeout_(no_progress_timeout), queue_(queue)
    {
    }
    void send(std::string_view bytes) override;

private:
    void send_waiting(std::string_view bytes); // blocks until all are sent
    void wait_writable();

    int fd_;
    int stop_fd_;
    std::chrono::milliseconds timeout_;
    ReplyQueue* queue_;
};

} // namespace airsight::core

#endif
