// Websocket clients for the integration tests. Poco's WebSocket (an
// independent implementation: it checks the server's accept key and
// framing) for well-behaved clients; RawWebSocket, which sends whatever bytes
// a test builds (unmasked frames, floods, oversize frames) and reads the
// server's frames one by one, for hostile ones.
#ifndef AIRSIGHT_TESTS_INTEGRATION_WEBSOCKET_CLIENT_H
#define AIRSIGHT_TESTS_INTEGRATION_WEBSOCKET_CLIENT_H

#include "server_process.h"

#include "json/json_parser.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace airsight::test {

/// A websocket opened with Poco's client; `headers` carry the login.
class PocoWebSocket {
public:
    PocoWebSocket(std::uint16_t port, const std::string& uri, const std::map<std::string, std::string>& headers)
        : session_("127.0.0.1", port), request_(Poco::Net::HTTPRequest::HTTP_GET, uri, Poco::Net::HTTPMessage::HTTP_1_1)
    {
        for (const auto& [name, value] : headers) request_.set(name, value);
        socket_ = std::make_unique<Poco::Net::WebSocket>(session_, request_, response_);
        socket_->setReceiveTimeout(Poco::Timespan(0, 200'000));
    }

    void send(const std::string& text) { socket_->sendFrame(text.data(), static_cast<int>(text.size())); }

    /// The next text message within `timeout`, or nothing; a close from the server throws.
    std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(5))
    {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            Poco::Buffer<char> buffer(0);
            int flags = 0;
            try {
                const int n = socket_->receiveFrame(buffer, flags);
                const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
                if (n == 0 && flags == 0) throw std::runtime_error("the server closed the connection");
                if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE) throw std::runtime_error("the server sent close");
                if (opcode == Poco::Net::WebSocket::FRAME_OP_TEXT)
                    return std::string(buffer.begin(), static_cast<std::size_t>(n));
            } catch (const Poco::TimeoutException&) {
            }
        }
        return std::nullopt;
    }

    /// The first message within `timeout` that `accept` takes (parsed).
    /// Messages it does not take are kept, in order, for later waits (events
    /// of several topics arrive in whatever order their publishers ran).
    std::optional<Value> wait_for(const std::function<bool(const Value&)>& accept,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        for (auto it = kept_.begin(); it != kept_.end(); ++it)
            if (accept(*it)) {
                Value v = std::move(*it);
                kept_.erase(it);
                return v;
            }
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            auto text = next(left);
            if (!text) return std::nullopt;
            Value v = core::parse_json(*text);
            if (accept(v)) return v;
            if (kept_.size() < 10000) kept_.push_back(std::move(v));
        }
    }
    /// Forgets the messages kept by wait_for().
    void forget() { kept_.clear(); }
    /// The first event of `topic` within `timeout`.
    std::optional<Value> wait_for_topic(const std::string& topic,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        return wait_for([&](const Value& v) { return v.kind() == Value::Kind::Map && v.find(topic); }, timeout);
    }

    Poco::Net::WebSocket& socket() { return *socket_; }
    const Poco::Net::HTTPResponse& response() const { return response_; }

private:
    Poco::Net::HTTPClientSession session_;
    Poco::Net::HTTPRequest request_;
    Poco::Net::HTTPResponse response_;
    std::unique_ptr<Poco::Net::WebSocket> socket_;
    std::deque<Value> kept_;
};

/// A websocket over a plain socket: the test writes the frames' bytes itself.
class RawWebSocket {
public:
    /// Connects and upgrades; `receive_buffer` (bytes, 0: the default) is set
    /// before connecting, so a client that never reads fills up soon.
    RawWebSocket(std::uint16_t port, const std::string& uri, const std::string& authorization,
                 int receive_buffer = 0)
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        timeval tv{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            throw std::runtime_error("cannot connect");
        send_bytes("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: " +
                   authorization + "\r\n\r\n");
        while (in_.find("\r\n\r\n") == std::string::npos)
            if (!receive()) throw std::runtime_error("no handshake reply: " + in_);
        const std::size_t end = in_.find("\r\n\r\n") + 4;
        head_ = in_.substr(0, end);
        in_.erase(0, end);
    }
    ~RawWebSocket() { ::close(fd_); }

    const std::string& head() const { return head_; }
    /// Bytes read after the head and not yet taken as frames (an error reply's body).
    const std::string& pending() const { return in_; }
    void send_bytes(const std::string& bytes)
    {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return; // the server closed: what it sent is still read by next_frame()
            sent += static_cast<std::size_t>(n);
        }
    }

    struct Frame {
        int opcode = -1; // -1: the connection ended (or timed out) first
        std::string payload;
        int close_code() const
        {
            return payload.size() >= 2 ? (static_cast<std::uint8_t>(payload[0]) << 8) | static_cast<std::uint8_t>(payload[1]) : 0;
        }
        std::string close_reason() const { return payload.size() > 2 ? payload.substr(2) : ""; }
    };
    /// The server's next frame (server frames are never masked).
    Frame next_frame()
    {
        while (true) {
            if (in_.size() >= 2) {
                std::uint64_t length = static_cast<std::uint8_t>(in_[1]) & 0x7F;
                std::size_t at = 2;
                if (length == 126 && in_.size() >= 4) {
                    length = (static_cast<std::uint8_t>(in_[2]) << 8) | static_cast<std::uint8_t>(in_[3]);
                    at = 4;
                } else if (length == 127 && in_.size() >= 10) {
                    length = 0;
                    for (int i = 2; i < 10; ++i) length = (length << 8) | static_cast<std::uint8_t>(in_[i]);
                    at = 10;
                } else if (length >= 126) {
                    at = 0;
                }
                if (at && in_.size() >= at + length) {
                    Frame f{static_cast<std::uint8_t>(in_[0]) & 0x0F, in_.substr(at, length)};
                    in_.erase(0, at + length);
                    return f;
                }
            }
            if (!receive()) return {};
        }
    }
    /// Frames until a close (returned) or the end; text frames are skipped.
    Frame until_close()
    {
        while (true) {
            Frame f = next_frame();
            if (f.opcode == -1 || f.opcode == 0x8) return f;
        }
    }

private:
    bool receive()
    {
        char buffer[65536];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        in_.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string in_, head_;
};

} // namespace airsight::test

#endif
