// Reading one request (head, then body) out of a connection's buffered
// bytes, as they arrive. No sockets and no clocks: the event loop feeds it
// and acts on each Step; unit tests feed it strings.
#ifndef AIRSIGHT_CORE_HTTP_REQUEST_READER_H
#define AIRSIGHT_CORE_HTTP_REQUEST_READER_H

#include "http/body_limits.h"
#include "http/chunked_body.h"
#include "http/request_head.h"

#include <cstddef>
#include <optional>
#include <string>

namespace airsight::core {

class RequestReader {
public:
    /// Bodies up to `max_body` bytes each; with a `budget`, a body is also
    /// refused (503) when the budget has no room for it. The body's share is
    /// held until reset() or destruction (after the request was answered).
    RequestReader(HeadLimits limits, std::size_t max_body, ByteBudget* budget = nullptr)
        : limits_(limits), max_body_(max_body), budget_(budget),
          lease_(budget ? ByteBudget::Lease(*budget) : ByteBudget::Lease())
    {
    }

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

    /// Forgets the request (after Ready) to read the next one, and gives its
    /// body's share of the budget back.
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
    Step out_of_budget();

    HeadLimits limits_;
    std::size_t max_body_;
    ByteBudget* budget_; // may be null: no limit across requests
    std::size_t scanned_ = 0; // head bytes already searched for a line end
    bool head_parsed_ = false;
    bool in_body_ = false;
    RequestHead head_;
    BodyFraming framing_;
    std::optional<ChunkedDecoder> chunked_;
    std::string body_;
    ByteBudget::Lease lease_; // the budget's bytes body_ may grow to
};

} // namespace airsight::core

#endif
