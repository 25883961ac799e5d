// Incremental decoder of a chunked request body (RFC 9112 7.1): fed the
// bytes as they arrive, so a body dribbled in one byte at a time costs
// linear work. Chunk extensions and trailer fields are read and dropped.
#ifndef AIRSIGHT_CORE_HTTP_CHUNKED_BODY_H
#define AIRSIGHT_CORE_HTTP_CHUNKED_BODY_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace airsight::core {

class ChunkedDecoder {
public:
    enum class Status { NeedMore, Done, Error };

    explicit ChunkedDecoder(std::size_t max_body) : max_body_(max_body) {}

    /// Decodes from `in`, appending chunk data to `body`. Sets `consumed` to
    /// the bytes used (after Done, the rest belongs to the next request).
    Status feed(std::string_view in, std::size_t& consumed, std::string& body);

    /// After Error: 400 (malformed) or 413 (over max_body), and why.
    int error_status() const { return error_status_; }
    const std::string& error() const { return error_; }

private:
    enum class State { SizeLine, Data, DataCR, DataLF, Trailer, Done, Failed };
    Status failure(int status, std::string message);
    Status end_size_line(std::string& body);

    std::size_t max_body_;
    State state_ = State::SizeLine;
    std::string line_;
    std::uint64_t remaining_ = 0;
    std::size_t trailer_bytes_ = 0;
    int error_status_ = 0;
    std::string error_;
};

} // namespace airsight::core

#endif
