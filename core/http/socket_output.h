// Response bytes to a non-blocking socket from a worker thread: waits for
// the client to take them, but never longer than a timeout without progress,
// and gives up at once when the server stops.
#ifndef AIRSIGHT_CORE_HTTP_SOCKET_OUTPUT_H
#define AIRSIGHT_CORE_HTTP_SOCKET_OUTPUT_H

#include "http/response_writer.h"

#include <chrono>

namespace airsight::core {

class SocketOutput : public ByteOutput {
public:
    /// `stop_fd` becomes readable when the server stops (an eventfd).
    SocketOutput(int fd, int stop_fd, std::chrono::milliseconds no_progress_timeout)
        : fd_(fd), stop_fd_(stop_fd), timeout_(no_progress_timeout)
    {
    }
    void send(std::string_view bytes) override;

private:
    int fd_;
    int stop_fd_;
    std::chrono::milliseconds timeout_;
};

} // namespace airsight::core

#endif
