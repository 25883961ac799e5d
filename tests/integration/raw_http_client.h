// A raw HTTP/1.x client over one TCP socket, for tests that must control
// every byte on the wire (dribbling, pipelining, malformed requests) and see
// every byte of the answer (status line, chunked framing).
#ifndef AIRSIGHT_TESTS_INTEGRATION_RAW_HTTP_CLIENT_H
#define AIRSIGHT_TESTS_INTEGRATION_RAW_HTTP_CLIENT_H

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace airsight::test {

struct RawResponse {
    std::string status_line; // "HTTP/1.1 404 Not Found"
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;       // decoded when chunked
    bool chunked = false;
    int chunks = 0;
    bool complete = false;  // the body ended as its framing says (final chunk, length, or close)
    std::string header(const std::string& name) const;
};

class RawHttpClient {
public:
    /// Connects to 127.0.0.1:`port`, from `source_address` when given (any
    /// 127.x.y.z works on loopback: it models a different client host).
    explicit RawHttpClient(std::uint16_t port, const char* source_address = nullptr);
    ~RawHttpClient();
    RawHttpClient(const RawHttpClient&) = delete;
    RawHttpClient& operator=(const RawHttpClient&) = delete;

    /// Sends all of `bytes`; false when the server has closed the connection.
    bool send(std::string_view bytes);
    /// Reads one response; `head_request` when it answers a HEAD (no body).
    /// Throws std::runtime_error when nothing complete arrives in `timeout`.
    RawResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds(20), bool head_request = false);
    /// True when the server closes the connection within `timeout` (any bytes it sends are dropped).
    bool closed_within(std::chrono::milliseconds timeout);
    int fd() const { return fd_; }

private:
    bool fill(std::chrono::steady_clock::time_point deadline); // false on EOF
    int fd_ = -1;
    std::string buffer_;
    bool eof_ = false;
};

} // namespace airsight::test

#endif
