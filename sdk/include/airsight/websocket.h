// airsight SDK: websocket routes (RFC 6455), text messages only.
//
// A route that serves the WEBSOCKET format (path extension ".ws") answers
// an upgrade request: the server checks the login as for any route, then
// the handler returns Reply::websocket(session). The server completes the
// handshake and from then on owns the connection on its websocket thread
// (not a worker: an open websocket holds no thread). It answers pings,
// runs the close handshake, puts fragmented messages together and refuses
// what the session never sees: binary messages (1003), unmasked frames
// (1002), frames or messages over httpd_websocket_max_message (1009) and
// message floods (1008).
#ifndef AIRSIGHT_WEBSOCKET_H
#define AIRSIGHT_WEBSOCKET_H

#include <cstdint>
#include <memory>
#include <string_view>

namespace airsight {

/// The server's end of one open websocket. Thread-safe: any thread may send.
class WebSocketPeer {
public:
    virtual ~WebSocketPeer() = default;
    /// Queues one text message and returns at once (never waits for the
    /// client). Each websocket has a bounded send queue
    /// (httpd_websocket_queue bytes): when a message would overflow it, the
    /// client is not reading, so the server closes it with 1008 and says so
    /// on the message bus. False when the websocket is closed or closing:
    /// nothing more will be sent, and the caller should stop producing.
    virtual bool send_text(std::string_view text) = 0;
    /// Starts the close handshake with a code (1000 normal, 1008 policy, ...)
    /// and a reason; further sends return false.
    virtual void close(std::uint16_t code, std::string_view reason) = 0;
    /// Whether sends are still accepted: ask before building a costly message.
    virtual bool open() const = 0;
};

/// What serves one websocket, made by the route's handler. The server calls
/// it from its websocket thread, one call at a time: on_open once, then
/// on_text per message, then on_close once (after which it calls nothing
/// more and drops its reference). Calls must be quick (parse, subscribe);
/// slow work belongs on another thread, which sends through the peer.
class WebSocketSession {
public:
    virtual ~WebSocketSession() = default;
    /// The handshake is sent. `peer` stays valid (sends return false once closed)
    /// for as long as anyone holds it.
    virtual void on_open(std::shared_ptr<WebSocketPeer> peer) = 0;
    /// One complete text message from the client (valid UTF-8).
    virtual void on_text(std::string_view message) = 0;
    /// The websocket closed: either side closed it, the client vanished, or
    /// the server is stopping. Release what it registered (subscriptions).
    virtual void on_close() = 0;
};

} // namespace airsight

#endif
