// Every open websocket, served by one thread of its own: after the 101 a
// worker hands the connection here and is free again, so open websockets
// hold no worker (the HTTP I/O thread is left alone too). The thread reads
// and answers frames, sends what sessions queued (woken through an
// eventfd), pings silent clients and drops vanished ones. At most
// `max_sockets` are open (httpd_max_websockets); stop() closes them all
// with 1001.
#ifndef AIRSIGHT_CORE_HTTP_WEBSOCKET_HUB_H
#define AIRSIGHT_CORE_HTTP_WEBSOCKET_HUB_H

#include "http/websocket_conn.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace airsight::core {

class WebSocketHub : private WebSocketWaker {
public:
    /// Throws std::runtime_error when its epoll or eventfds cannot be made.
    WebSocketHub(MessageBus& log, WebSocketLimits limits, std::size_t max_sockets);
    ~WebSocketHub() override;
    WebSocketHub(const WebSocketHub&) = delete;
    WebSocketHub& operator=(const WebSocketHub&) = delete;

    /// Holds a place for one more websocket; false when max_sockets are
    /// open or reserved, or the hub has stopped. Each true is followed by
    /// adopt() or release().
    bool reserve();
    void release();
    /// Takes over `fd` (reserved): sends `handshake` (the 101 reply), opens
    /// `session` and reads `early_input` (bytes the client sent after its
    /// request) as the first frames. Any thread.
    void adopt(int fd, std::string peer, std::string handshake, std::string early_input,
               std::shared_ptr<WebSocketSession> session);
    /// Closes every websocket (1001) and joins the thread. Safe to call twice.
    void stop();

    std::size_t max_sockets() const { return max_sockets_; }

private:
    struct Adoption {
        int fd;
        std::string peer, handshake, early_input;
        std::shared_ptr<WebSocketSession> session;
    };

    void wake(std::uint64_t connection_id) override;
    void run();
    void take_adoptions();
    void take_woken();
    void after_io(WebSocketConnection& c, bool alive);
    void set_interest(WebSocketConnection& c);
    void drop(WebSocketConnection& c);

    MessageBus& log_;
    const WebSocketLimits limits_;
    const std::size_t max_sockets_;
    int epoll_ = -1, stop_fd_ = -1, wake_fd_ = -1;
    std::atomic<std::size_t> places_{0}; // reserved or open
    std::atomic<bool> stopped_{false};

    std::mutex mutex_; // guards adoptions_ and woken_
    std::vector<Adoption> adoptions_;
    std::vector<std::uint64_t> woken_;

    // The thread's own.
    std::unordered_map<std::uint64_t, std::shared_ptr<WebSocketConnection>> connections_;
    std::unordered_map<std::uint64_t, bool> writing_; // EPOLLOUT watched
    std::uint64_t next_id_ = 1;
    std::thread thread_;
};

} // namespace airsight::core

#endif
