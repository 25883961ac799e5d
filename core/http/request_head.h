// The head of one HTTP/1.x request (request line and header fields), parsed
// from raw bytes by a pure function: no sockets, no clocks, no allocation
// beyond the result, so the event loop can call it on every read and a fuzzer
// can call it on anything.
#ifndef AIRSIGHT_CORE_HTTP_REQUEST_HEAD_H
#define AIRSIGHT_CORE_HTTP_REQUEST_HEAD_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airsight::core {

struct RequestHead {
    std::string method;   // as sent ("GET"); methods are case-sensitive
    std::string target;   // request-target as sent: path and query, percent-encoded
    int version_minor = 1; // HTTP/1.<minor>; only 0 and 1 are accepted
    std::vector<std::pair<std::string, std::string>> fields; // names as sent, values trimmed

    /// The first field named `name` (case-insensitive), or nullptr.
    const std::string* field(std::string_view name) const;
    /// Every value of `name` joined with ", " (RFC 9110 5.3), or "" when absent.
    std::string joined(std::string_view name) const;
    /// True when the comma-separated field `name` lists `token` (case-insensitive).
    bool lists(std::string_view name, std::string_view token) const;
};

struct HeadLimits {
    std::size_t max_head_bytes = 32 * 1024; // request line + fields + blank line
    std::size_t max_fields = 100;
};

/// The outcome of parsing the start of a connection's buffered bytes.
struct HeadParse {
    enum class Outcome { Incomplete, Complete, Error };
    Outcome outcome = Outcome::Incomplete;
    RequestHead head;       // set when Complete
    std::size_t consumed = 0; // bytes of the head, blank line included (Complete)
    int error_status = 0;   // Error: 400, 431 or 505
    std::string error;      // Error: what was wrong, for the client
};

/// Parses a request head at the start of `bytes`. Leading empty lines are
/// skipped (RFC 9112 2.2); lines may end in CRLF or a bare LF. Incomplete
/// means "read more": it is only returned while `bytes` is within the limits.
HeadParse parse_request_head(std::string_view bytes, const HeadLimits& limits = {});

/// How the body that follows a head is delimited (RFC 9112 6.3).
struct BodyFraming {
    enum class Kind { None, Length, Chunked };
    Kind kind = Kind::None;
    std::uint64_t length = 0; // Kind::Length; UINT64_MAX when the number overflows
    int error_status = 0;     // 400 (bad or conflicting framing), 411 or 501
    std::string error;
};

/// The body framing of `head`: Transfer-Encoding chunked, a Content-Length,
/// or no body. A POST with neither is 411 (Length Required): this server
/// never waits for the client to close its side to end a request body.
BodyFraming body_framing_of(const RequestHead& head);

/// Whether the connection stays open after answering `head`: HTTP/1.1 unless
/// "Connection: close", HTTP/1.0 only with "Connection: keep-alive".
bool wants_keep_alive(const RequestHead& head);

} // namespace airsight::core

#endif
