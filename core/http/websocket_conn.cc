#include "http/websocket_conn.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <unistd.h>

namespace airsight::core {

using websocket::Opcode;
namespace cc = websocket::close_code;

WebSocketConnection::WebSocketConnection(std::uint64_t id, int fd, std::string peer,
                                         std::shared_ptr<WebSocketSession> session, const WebSocketLimits& limits,
                                         WebSocketWaker& waker)
    : id_(id), fd_(fd), peer_(std::move(peer)), session_(std::move(session)), limits_(limits), waker_(&waker),
      assembler_(limits.max_message), tokens_(limits.message_burst)
{
}

WebSocketConnection::~WebSocketConnection()
{
    if (fd_ >= 0) ::close(fd_);
}

void WebSocketConnection::queue_locked(std::string frame)
{
    const bool was_empty = out_.empty();
    out_bytes_ += frame.size();
    out_.push_back(std::move(frame));
    if (was_empty) last_progress_ = Clock::now(); // the send timeout runs from here
    if (was_empty && waker_) waker_->wake(id_);
}

void WebSocketConnection::fail_locked(std::uint16_t code, const std::string& reason, bool report)
{
    if (state_ != State::Open) return;
    // Keep only the frame being sent (a cut frame would garble the stream), then the close.
    while (out_.size() > (front_sent_ > 0 ? 1u : 0u)) {
        out_bytes_ -= out_.back().size();
        out_.pop_back();
    }
    if (out_.empty()) front_sent_ = 0;
    state_ = State::Closing;
    closing_since_ = Clock::now();
    queue_locked(websocket::encode_frame(Opcode::Close, websocket::close_payload(code, reason)));
    if (report) report_ = "websocket client " + peer_ + " closed (" + std::to_string(code) + "): " + reason;
}

bool WebSocketConnection::send_text(std::string_view text)
{
    std::string frame = websocket::encode_frame(Opcode::Text, text);
    std::lock_guard lock(mutex_);
    if (state_ != State::Open) return false;
    if (out_bytes_ + frame.size() > limits_.queue_bytes) {
        fail_locked(cc::kPolicyViolation,
                    "send queue full (" + std::to_string(limits_.queue_bytes) +
                        " bytes, httpd_websocket_queue): the client does not read fast enough",
                    true);
        return false;
    }
    queue_locked(std::move(frame));
    return true;
}

void WebSocketConnection::close(std::uint16_t code, std::string_view reason)
{
    std::lock_guard lock(mutex_);
    fail_locked(code, std::string(reason), false);
}

bool WebSocketConnection::open() const
{
    std::lock_guard lock(mutex_);
    return state_ == State::Open;
}

bool WebSocketConnection::has_output() const
{
    std::lock_guard lock(mutex_);
    return !out_.empty();
}

std::string WebSocketConnection::take_report()
{
    std::lock_guard lock(mutex_);
    return std::exchange(report_, {});
}

void WebSocketConnection::start(std::string handshake, std::string early_input)
{
    {
        std::lock_guard lock(mutex_);
        queue_locked(std::move(handshake));
    }
    session_->on_open(shared_from_this());
    in_ = std::move(early_input);
}

bool WebSocketConnection::take_token(Clock::time_point now)
{
    const double elapsed = std::chrono::duration<double>(now - tokens_at_).count();
    tokens_at_ = now;
    tokens_ = std::min(limits_.message_burst, tokens_ + elapsed * limits_.messages_per_second);
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
}

bool WebSocketConnection::on_readable()
{
    char buffer[16384];
    bool eof = false;
    for (int round = 0; round < 4; ++round) {
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n == 0) {
            eof = true;
            break;
        }
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            return false;
        }
        in_.append(buffer, static_cast<std::size_t>(n));
        last_heard_ = Clock::now();
        ping_outstanding_ = false;
        if (static_cast<std::size_t>(n) < sizeof buffer) break;
    }
    while (!in_.empty()) {
        {
            std::lock_guard lock(mutex_);
            if (state_ == State::Closing && !drop_when_sent_) {
                // We sent a close: read only for the client's answer.
            } else if (state_ != State::Open) {
                in_.clear();
                break;
            }
        }
        websocket::FrameParse parse = websocket::parse_client_frame(in_, limits_.max_message);
        if (parse.outcome == websocket::FrameParse::Outcome::NeedMore) break;
        if (parse.outcome == websocket::FrameParse::Outcome::Error) {
            in_.clear();
            std::lock_guard lock(mutex_);
            fail_locked(parse.failure.code, parse.failure.reason, parse.failure.code == cc::kTooBig);
            break;
        }
        in_.erase(0, parse.consumed);
        if (!handle(assembler_.add(std::move(parse.frame)))) return false;
    }
    return !eof;
}

bool WebSocketConnection::handle(websocket::MessageAssembler::Event event)
{
    using Kind = websocket::MessageAssembler::Event::Kind;
    const auto now = Clock::now();
    std::unique_lock lock(mutex_);
    if (event.kind == Kind::Close) {
        if (state_ == State::Closing) return false; // the answer to our close: done
        state_ = State::Closing;
        closing_since_ = now;
        drop_when_sent_ = true;
        queue_locked(websocket::encode_frame(
            Opcode::Close, event.code == cc::kNoStatus ? std::string() : websocket::close_payload(event.code, "")));
        return true;
    }
    if (state_ != State::Open) return true; // closing: the rest is ignored
    switch (event.kind) {
    case Kind::None:
    case Kind::Pong:
    case Kind::Close: return true;
    case Kind::Error: fail_locked(event.failure.code, event.failure.reason, false); return true;
    case Kind::Ping:
    case Kind::Text: break;
    }
    if (!take_token(now)) {
        fail_locked(cc::kPolicyViolation,
                    "too many messages: more than " + std::to_string(static_cast<int>(limits_.messages_per_second)) +
                        " a second",
                    true);
        return true;
    }
    if (event.kind == Kind::Ping) {
        queue_locked(websocket::encode_frame(Opcode::Pong, event.data));
        return true;
    }
    lock.unlock(); // the session sends through this connection
    try {
        session_->on_text(event.data);
    } catch (const std::exception& e) {
        close(cc::kInternalError, std::string("internal error: ") + e.what());
    }
    return true;
}

bool WebSocketConnection::flush()
{
    std::lock_guard lock(mutex_);
    while (!out_.empty()) {
        const std::string& front = out_.front();
        const ssize_t n = ::send(fd_, front.data() + front_sent_, front.size() - front_sent_, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
            return false;
        }
        last_progress_ = Clock::now();
        front_sent_ += static_cast<std::size_t>(n);
        if (front_sent_ < front.size()) continue;
        out_bytes_ -= front.size();
        out_.pop_front();
        front_sent_ = 0;
    }
    return !drop_when_sent_;
}

bool WebSocketConnection::sweep(Clock::time_point now)
{
    std::lock_guard lock(mutex_);
    if (!out_.empty() && now - last_progress_ > limits_.send_timeout) return false; // not reading at all
    if (state_ == State::Closing) return now - closing_since_ <= limits_.close_timeout;
    if (now - last_heard_ > 2 * limits_.ping_interval) return false; // vanished
    if (now - last_heard_ > limits_.ping_interval && !ping_outstanding_) {
        ping_outstanding_ = true;
        queue_locked(websocket::encode_frame(Opcode::Ping, "airsight"));
    }
    return true;
}

void WebSocketConnection::shut_down()
{
    {
        std::lock_guard lock(mutex_);
        fail_locked(cc::kGoingAway, "server stopping", false);
    }
    flush();
    finish();
}

void WebSocketConnection::finish()
{
    {
        std::lock_guard lock(mutex_);
        if (state_ == State::Finished) return;
        state_ = State::Finished;
        waker_ = nullptr;
        out_.clear();
        out_bytes_ = 0;
    }
    if (session_) {
        try {
            session_->on_close();
        } catch (const std::exception&) {
            // Nothing to tell a closed client; the session is dropped either way.
        }
        session_.reset();
    }
    ::close(fd_); // the hub has taken it out of epoll; only its thread reads fd_
    fd_ = -1;
}

} // namespace airsight::core
