#include "http/request_reader.h"

#include <algorithm>

namespace airsight::core {
namespace {
RequestReader::Step step(RequestReader::Step::Kind kind, int status = 0, std::string message = {})
{
    return RequestReader::Step{kind, status, std::move(message)};
}
} // namespace

void RequestReader::reset()
{
    scanned_ = 0;
    head_parsed_ = false;
    in_body_ = false;
    head_ = RequestHead{};
    framing_ = BodyFraming{};
    chunked_.reset();
    body_.clear();
    lease_.reset();
}

RequestReader::Step RequestReader::advance(std::string& in)
{
    using Kind = Step::Kind;
    if (in_body_) return read_body(in);
    // Parse only when a new line end arrived: a head dribbled byte by byte
    // is then parsed once per line, not once per byte.
    if (in.find('\n', scanned_) == std::string::npos) {
        scanned_ = in.size();
        if (in.size() > limits_.max_head_bytes)
            return step(Kind::Reject, 431, "request head is larger than " + std::to_string(limits_.max_head_bytes) +
                                               " bytes");
        return step(Kind::NeedMore);
    }
    HeadParse parsed = parse_request_head(in, limits_);
    scanned_ = in.size();
    if (parsed.outcome == HeadParse::Outcome::Incomplete) return step(Kind::NeedMore);
    if (parsed.outcome == HeadParse::Outcome::Error) return step(Kind::Reject, parsed.error_status, parsed.error);
    head_ = std::move(parsed.head);
    head_parsed_ = true;
    in.erase(0, parsed.consumed);
    return start_body(in);
}

RequestReader::Step RequestReader::start_body(std::string& in)
{
    using Kind = Step::Kind;
    framing_ = body_framing_of(head_);
    if (framing_.error_status != 0) return step(Kind::Reject, framing_.error_status, framing_.error);
    if (framing_.kind == BodyFraming::Kind::Length && framing_.length > max_body_)
        return step(Kind::Reject, 413, body_too_large(max_body_)); // refused unread
    if (framing_.kind == BodyFraming::Kind::None ||
        (framing_.kind == BodyFraming::Kind::Length && framing_.length == 0))
        return step(Kind::Ready);
    bool send_continue = false;
    if (const std::string* expect = head_.field("Expect")) {
        if (!head_.lists("Expect", "100-continue"))
            return step(Kind::Reject, 417, "unsupported expectation '" + *expect + "': only 100-continue is");
        send_continue = head_.version_minor >= 1;
    }
    if (framing_.kind == BodyFraming::Kind::Chunked) {
        chunked_.emplace(max_body_);
    } else {
        if (!lease_.resize(static_cast<std::size_t>(framing_.length))) return out_of_budget();
        body_.reserve(static_cast<std::size_t>(framing_.length));
    }
    in_body_ = true;
    if (send_continue) return step(Kind::Continue);
    return read_body(in); // some of it may have come with the head
}

RequestReader::Step RequestReader::out_of_budget()
{
    in_body_ = false;
    return step(Step::Kind::Reject, 503, budget_->exhausted_message());
}

RequestReader::Step RequestReader::read_body(std::string& in)
{
    using Kind = Step::Kind;
    if (chunked_) {
        // A chunked body's size is learnt as it comes: hold what this feed
        // could make it (it grows by at most in.size()), then what it is.
        if (!lease_.resize(body_.size() + std::min(in.size(), max_body_ - body_.size())))
            return out_of_budget();
        std::size_t used = 0;
        const auto status = chunked_->feed(in, used, body_);
        in.erase(0, used);
        lease_.resize(body_.size()); // never more than held: always succeeds
        if (status == ChunkedDecoder::Status::Error)
            return step(Kind::Reject, chunked_->error_status(), chunked_->error());
        if (status == ChunkedDecoder::Status::NeedMore) return step(Kind::NeedMore);
        in_body_ = false;
        return step(Kind::Ready);
    }
    const std::size_t missing = static_cast<std::size_t>(framing_.length) - body_.size();
    const std::size_t take = std::min(missing, in.size());
    body_.append(in, 0, take);
    in.erase(0, take);
    if (body_.size() < framing_.length) return step(Kind::NeedMore);
    in_body_ = false;
    return step(Kind::Ready);
}

} // namespace airsight::core
