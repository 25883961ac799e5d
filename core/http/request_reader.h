// Reading one request (head, then body) out of a connection's buffered
// bytes, as they arrive. No sockets and no clocks: the event loop feeds it
// and acts on each Step; unit tests feed it strings.
#ifndef AIRSIGHT_CORE_HTTP_REQUEST_READER_H
#define AIRSIGHT_CORE_HTTP_REQUEST_READER_H

#include "http/chunked_body.h"
#include "http/request_head.h"

#include <cstddef>
#include <optional>
#include <string>

namespace airsight::core {

class RequestReader {
public:
    RequestReader(HeadLimits limits, std::size_t max_body) : limits_(limits), max_body_(max_body) {}

    struct Step {
        enum class Kind {
            NeedMore, // read more bytes
            Continue, // send "100 Continue", then read the body
            Ready,    // head() and body() hold a whole request
            Reject,   // answer `status` with `message` and close
        };
        Kind kind = Kind::NeedMore;
        int status = 0;
        std::string message;
    };

    /// Consumes what it can from the front of `in`; bytes after a complete
    /// request stay in `in` (pipelining). Call again after Continue.
    Step advance(std::string& in);

    /// Forgets the request (after Ready) to read the next one.
    void reset();

    /// True once the head is complete and its body is being read.
    bool in_body() const { return in_body_; }
    const RequestHead& head() const { return head_; }
    std::string& body() { return body_; }
    /// The HTTP minor version to answer in (1 until a head was parsed).
    int version_minor() const { return head_parsed_ ? head_.version_minor : 1; }

private:
    Step start_body(std::string& in);
    Step read_body(std::string& in);

    HeadLimits limits_;
    std::size_t max_body_;
    std::size_t scanned_ = 0; // head bytes already searched for a line end
    bool head_parsed_ = false;
    bool in_body_ = false;
    RequestHead head_;
    BodyFraming framing_;
    std::optional<ChunkedDecoder> chunked_;
    std::string body_;
};

} // namespace airsight::core

#endif
