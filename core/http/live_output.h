// The ByteSink of a live reply (Reply::live): writes straight to the
// client's socket, waiting while it reads, and notices when the client
// leaves, the server stops or the reply is interrupted (a stream closed
// through /streams/by-id/ID/close_stream.cmd).
//
// Nothing is queued for the I/O thread: a live body never ends, so a queue
// would only grow; a client that stops reading blocks its own writer, which
// gives up after httpd_send_timeout without progress.
#ifndef AIRSIGHT_CORE_HTTP_LIVE_OUTPUT_H
#define AIRSIGHT_CORE_HTTP_LIVE_OUTPUT_H

#include <airsight/http.h>

#include <atomic>
#include <chrono>

namespace airsight::core {

class LiveOutput : public ByteSink {
public:
    /// `fd`: the connection's non-blocking socket; `stop_fd`: becomes
    /// readable when the server stops. Throws std::runtime_error when it
    /// cannot make its own eventfd.
    LiveOutput(int fd, int stop_fd, std::chrono::milliseconds no_progress_timeout);
    ~LiveOutput() override;
    LiveOutput(const LiveOutput&) = delete;
    LiveOutput& operator=(const LiveOutput&) = delete;

    bool write(std::string_view bytes) override;
    bool connected() override;
    void interrupt() override;

private:
    // Waits for the socket to take bytes: false when it should give up.
    bool wait_writable();

    int fd_;
    int stop_fd_;
    int interrupt_fd_;
    std::chrono::milliseconds timeout_;
    std::atomic<bool> gone_{false};
};

} // namespace airsight::core

#endif
