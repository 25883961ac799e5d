#include "http/chunked_body.h"

#include "http/body_limits.h"

#include <airsight/hex.h>

#include <algorithm>

namespace airsight::core {
namespace {
constexpr std::size_t kMaxLine = 1024;          // a size line with its extensions
constexpr std::size_t kMaxTrailerBytes = 16384; // all trailer fields together
} // namespace

ChunkedDecoder::Status ChunkedDecoder::failure(int status, std::string message)
{
    state_ = State::Failed;
    error_status_ = status;
    error_ = std::move(message);
    return Status::Error;
}

ChunkedDecoder::Status ChunkedDecoder::end_size_line(std::string& body)
{
    std::string_view line = line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = line.substr(0, line.find(';')); // chunk extensions are ignored
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) return failure(400, "malformed chunked body: empty chunk size");
    std::uint64_t size = 0;
    for (char c : line) {
        const int d = hex_digit_value(c);
        if (d < 0) return failure(400, "malformed chunked body: bad chunk size '" + std::string(line) + "'");
        if (size > (max_body_ >> 4)) return failure(413, body_too_large(max_body_));
        size = size * 16 + static_cast<unsigned>(d);
    }
    line_.clear();
    if (size == 0) {
        state_ = State::Trailer;
        return Status::NeedMore;
    }
    if (size > max_body_ - body.size())
        return failure(413, body_too_large(max_body_));
    remaining_ = size;
    state_ = State::Data;
    return Status::NeedMore;
}

ChunkedDecoder::Status ChunkedDecoder::feed(std::string_view in, std::size_t& consumed, std::string& body)
{
    std::size_t i = 0;
    while (i < in.size()) {
        switch (state_) {
        case State::SizeLine:
        case State::Trailer: {
            const char c = in[i++];
            if (c != '\n') {
                if (state_ == State::Trailer && ++trailer_bytes_ > kMaxTrailerBytes) {
                    consumed = i;
                    return failure(400, "chunked body trailer is too large");
                }
                if (line_.size() >= kMaxLine && state_ == State::SizeLine) {
                    consumed = i;
                    return failure(400, "malformed chunked body: chunk size line too long");
                }
                if (state_ == State::SizeLine) line_ += c;
                else if (c != '\r') line_ = "x"; // a trailer field: only "is the line empty" matters
                continue;
            }
            if (state_ == State::Trailer) {
                if (line_.empty()) {
                    state_ = State::Done;
                    consumed = i;
                    return Status::Done;
                }
                line_.clear();
                continue;
            }
            if (end_size_line(body) == Status::Error) {
                consumed = i;
                return Status::Error;
            }
            break;
        }
        case State::Data: {
            const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, in.size() - i));
            body.append(in.substr(i, take));
            i += take;
            remaining_ -= take;
            if (remaining_ == 0) state_ = State::DataCR;
            break;
        }
        case State::DataCR:
        case State::DataLF: {
            const char c = in[i++];
            if (c == '\r' && state_ == State::DataCR) {
                state_ = State::DataLF;
            } else if (c == '\n') {
                state_ = State::SizeLine;
            } else {
                consumed = i;
                return failure(400, "malformed chunked body: chunk data not followed by CRLF");
            }
            break;
        }
        case State::Done: consumed = i; return Status::Done;
        case State::Failed: consumed = i; return Status::Error;
        }
    }
    consumed = i;
    if (state_ == State::Done) return Status::Done;
    if (state_ == State::Failed) return Status::Error;
    return Status::NeedMore;
}

} // namespace airsight::core
