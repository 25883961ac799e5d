// RFC 6455 framing: what a client's bytes mean as frames, messages put
// together from fragments, and the frames the server sends. Pure functions
// and one small state machine over bytes, so they are unit-tested and fuzzed
// apart from any socket (core/http/websocket_conn owns the socket).
//
// The server speaks text only (the event bus and the device monitor send and
// read JSON): a binary message is refused with 1003. Client frames must be
// masked (1002), control frames short and whole (1002), and a frame or a
// message longer than the limit is refused from its header, before its
// payload is buffered (1009).
#ifndef AIRSIGHT_CORE_HTTP_WEBSOCKET_FRAMES_H
#define AIRSIGHT_CORE_HTTP_WEBSOCKET_FRAMES_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace airsight::core::websocket {

enum class Opcode : std::uint8_t { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

/// Close codes (RFC 6455 section 7.4.1) the server sends or reads.
namespace close_code {
constexpr std::uint16_t kNormal = 1000;
constexpr std::uint16_t kGoingAway = 1001;       // server stopping
constexpr std::uint16_t kProtocolError = 1002;   // malformed frames, unmasked client frames
constexpr std::uint16_t kUnsupportedData = 1003; // binary messages
constexpr std::uint16_t kNoStatus = 1005;        // a close frame without a code (never sent)
constexpr std::uint16_t kInvalidData = 1007;     // text that is not UTF-8
constexpr std::uint16_t kPolicyViolation = 1008; // floods, clients that do not read
constexpr std::uint16_t kTooBig = 1009;          // frame or message over the limit
constexpr std::uint16_t kInternalError = 1011;
} // namespace close_code

/// One frame with its payload unmasked.
struct Frame {
    bool fin = true;
    Opcode opcode = Opcode::Text;
    std::string payload;
};

/// Why the connection must close: the code and reason of the close frame.
struct Failure {
    std::uint16_t code = close_code::kProtocolError;
    std::string reason;
};

struct FrameParse {
    enum class Outcome { NeedMore, Complete, Error } outcome = Outcome::NeedMore;
    std::size_t consumed = 0; // bytes of the input the frame took (Complete only)
    Frame frame;              // Complete
    Failure failure;          // Error
};

/// Reads one client frame from the start of `in`. A payload longer than
/// `max_payload` is an error (1009) as soon as the header says so.
FrameParse parse_client_frame(std::string_view in, std::size_t max_payload);

/// Puts messages together from frames, in arrival order: control frames may
/// come between the fragments of a message.
class MessageAssembler {
public:
    explicit MessageAssembler(std::size_t max_message) : max_message_(max_message) {}

    struct Event {
        enum class Kind { None, Text, Ping, Pong, Close, Error } kind = Kind::None;
        std::string data;  // Text: the message; Ping/Pong: the payload; Close: the reason
        std::uint16_t code = 0; // Close: the client's code (kNoStatus when it sent none)
        Failure failure;        // Error
    };

    /// None while a fragmented message is incomplete.
    Event add(Frame frame);

private:
    std::size_t max_message_;
    bool in_message_ = false;
    std::string message_;
};

/// A server frame (never masked).
std::string encode_frame(Opcode opcode, std::string_view payload, bool fin = true);
/// A masked frame, as a client sends it (tests, the fuzz target).
std::string encode_client_frame(Opcode opcode, std::string_view payload, std::array<std::uint8_t, 4> mask,
                                bool fin = true);
/// A close frame's payload: the code and the reason cut to fit 125 bytes
/// (at a UTF-8 character boundary).
std::string close_payload(std::uint16_t code, std::string_view reason);

/// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view text);

} // namespace airsight::core::websocket

#endif
