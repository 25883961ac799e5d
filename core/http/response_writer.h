// Writing one RawResponse as HTTP/1.x: the status line with the reason
// phrase that matches the status, the headers, and the body framed by
// Content-Length, or - once a streamed body outgrows a buffer - chunked
// (HTTP/1.1) or delimited by closing the connection (HTTP/1.0).
#ifndef AIRSIGHT_CORE_HTTP_RESPONSE_WRITER_H
#define AIRSIGHT_CORE_HTTP_RESPONSE_WRITER_H

#include "http/dispatcher.h"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace airsight::core {

/// Where response bytes go. send() writes everything or throws SendFailed.
class ByteOutput {
public:
    virtual ~ByteOutput() = default;
    virtual void send(std::string_view bytes) = 0;
};

/// The client stopped reading, went away, or the server is stopping.
class SendFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ReplyFraming {
    int version_minor = 1;  // answer in the request's HTTP version
    bool keep_alive = true; // what the request asked for
    bool head_only = false; // HEAD: headers only, with the Content-Length a GET would get
    std::size_t buffer_bytes = 64 * 1024; // a stream up to this size still gets a Content-Length
};

/// "HTTP/1.1 404 Not Found" (no CRLF). The reason comes from Poco's table.
std::string status_line(int version_minor, int status);

/// The status line and headers of a live reply (RawResponse::live): no
/// length, no chunking, `Connection: close`: the body ends when the
/// connection does, which HTTP/1.0 and 1.1 clients both understand.
std::string live_response_head(const RawResponse& response, int version_minor, MessageBus& log);

/// Writes `response` to `out`. A stream that throws before any body byte was
/// sent becomes a clean 500; after that the body is cut short (no final
/// chunk) and the connection must close. Failures are posted to `log` naming
/// `request` ("GET /x"). Returns whether the connection may stay open.
/// Throws SendFailed when `out` does (the connection must close).
bool write_response(RawResponse& response, const ReplyFraming& framing, ByteOutput& out, MessageBus& log,
                    std::string_view request);

} // namespace airsight::core

#endif
