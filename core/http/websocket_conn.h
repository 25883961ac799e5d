// One open websocket: its socket, the frames it reads and the bounded queue
// of frames it sends. The hub's thread owns the reading side and the socket
// (websocket_hub.h); any thread may send through it as a WebSocketPeer.
//
// Why these limits: a publisher (a capture thread raising NEW_DEVICE) must
// never wait for a client, so sends only queue; a client that does not read
// lets its queue fill, and is then closed (1008) rather than holding memory
// or slowing anyone. A client that floods messages is closed too (1008), as
// is one that vanished without a close (no answer to pings).
#ifndef AIRSIGHT_CORE_HTTP_WEBSOCKET_CONN_H
#define AIRSIGHT_CORE_HTTP_WEBSOCKET_CONN_H

#include "http/websocket_frames.h"

#include <airsight/host.h>
#include <airsight/websocket.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace airsight::core {

struct WebSocketLimits {
    std::size_t max_message = 64 * 1024;      // httpd_websocket_max_message: larger frames/messages close 1009
    std::size_t queue_bytes = 4 * 1024 * 1024; // httpd_websocket_queue: unsent bytes per client, then 1008
    double messages_per_second = 20;           // client messages (and pings) on average ...
    double message_burst = 100;                // ... with bursts up to this; beyond: 1008
    std::chrono::milliseconds ping_interval{30'000}; // a silent client is pinged; silent twice as long: dropped
    std::chrono::milliseconds send_timeout{10'000};  // queued bytes with no progress this long: dropped
    std::chrono::milliseconds close_timeout{5'000};  // a close handshake's wait for the client's answer
};

/// Tells the hub that a connection has frames to send (any thread).
class WebSocketWaker {
public:
    virtual ~WebSocketWaker() = default;
    virtual void wake(std::uint64_t connection_id) = 0;
};

class WebSocketConnection : public WebSocketPeer, public std::enable_shared_from_this<WebSocketConnection> {
public:
    using Clock = std::chrono::steady_clock;

    WebSocketConnection(std::uint64_t id, int fd, std::string peer, std::shared_ptr<WebSocketSession> session,
                        const WebSocketLimits& limits, WebSocketWaker& waker);
    ~WebSocketConnection() override;

    // WebSocketPeer, any thread.
    bool send_text(std::string_view text) override;
    void close(std::uint16_t code, std::string_view reason) override;
    bool open() const override;

    // The hub's thread only.
    std::uint64_t id() const { return id_; }
    int fd() const { return fd_; }
    const std::string& peer() const { return peer_; }
    /// Queues the 101 reply, opens the session and reads what the client sent after its request.
    void start(std::string handshake, std::string early_input);
    /// Reads what arrived; false when the connection is over (drop it).
    bool on_readable();
    /// Sends what is queued; false when the connection is over.
    bool flush();
    bool has_output() const;
    /// Pings, timeouts; false when the connection is over.
    bool sweep(Clock::time_point now);
    /// Server stop: one try to send a 1001 close, then finish().
    void shut_down();
    /// Ends it: the session's on_close, the socket closed; sends fail from now on.
    void finish();
    /// A line for the message bus about why it was closed, once (or "").
    std::string take_report();

private:
    // With mutex_ held.
    void queue_locked(std::string frame);
    void fail_locked(std::uint16_t code, const std::string& reason, bool report);
    // Handles one event of the assembler; false when the connection is over.
    bool handle(websocket::MessageAssembler::Event event);
    bool take_token(Clock::time_point now);

    const std::uint64_t id_;
    int fd_;
    const std::string peer_;
    std::shared_ptr<WebSocketSession> session_; // the hub's thread only; reset by finish()
    const WebSocketLimits& limits_;

    mutable std::mutex mutex_; // guards what follows down to `report_`
    WebSocketWaker* waker_;    // nullptr once finished
    enum class State { Open, Closing, Finished } state_ = State::Open;
    std::deque<std::string> out_;
    std::size_t out_bytes_ = 0;
    std::size_t front_sent_ = 0; // bytes of out_.front() already sent
    bool drop_when_sent_ = false; // the close handshake is complete once the queue is sent
    Clock::time_point last_progress_ = Clock::now();
    Clock::time_point closing_since_{};
    std::string report_;

    // The hub's thread only.
    std::string in_;
    websocket::MessageAssembler assembler_;
    Clock::time_point last_heard_ = Clock::now();
    bool ping_outstanding_ = false;
    double tokens_;
    Clock::time_point tokens_at_ = Clock::now();
};

} // namespace airsight::core

#endif
