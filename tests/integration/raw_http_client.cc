#include "raw_http_client.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace airsight::test {
namespace {
std::string lower(std::string s)
{
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
} // namespace

std::string RawResponse::header(const std::string& name) const
{
    auto it = headers.find(lower(name));
    return it == headers.end() ? "" : it->second;
}

RawHttpClient::RawHttpClient(std::uint16_t port, const char* source_address)
{
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    if (source_address) {
        sockaddr_in src{};
        src.sin_family = AF_INET;
        ::inet_pton(AF_INET, source_address, &src.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0)
            throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
    }
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd_);
        throw std::runtime_error("connect: " + why);
    }
}

RawHttpClient::~RawHttpClient()
{
    if (fd_ >= 0) ::close(fd_);
}

bool RawHttpClient::send(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool RawHttpClient::fill(std::chrono::steady_clock::time_point deadline)
{
    if (eof_) return false;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) throw std::runtime_error("timed out waiting for the server; got so far: " + buffer_.substr(0, 200));
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready <= 0) continue;
        char buf[65536];
        const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        buffer_.append(buf, static_cast<std::size_t>(n));
        return true;
    }
}

RawResponse RawHttpClient::read_response(std::chrono::milliseconds timeout, bool head_request)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
        if (!fill(deadline)) throw std::runtime_error("connection closed before a response head: " + buffer_);
    RawResponse r;
    const std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t line_end = head.find("\r\n");
    r.status_line = head.substr(0, line_end);
    r.status = std::stoi(r.status_line.substr(9, 3));
    while (line_end != std::string::npos) {
        const std::size_t start = line_end + 2;
        line_end = head.find("\r\n", start);
        const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        r.headers[lower(line.substr(0, colon))] = value;
    }
    if (head_request || r.status < 200 || r.status == 204 || r.status == 304) {
        r.complete = true;
        return r;
    }
    if (lower(r.header("transfer-encoding")) == "chunked") {
        r.chunked = true;
        while (true) {
            std::size_t eol;
            while ((eol = buffer_.find("\r\n")) == std::string::npos)
                if (!fill(deadline)) return r; // cut short
            const std::size_t size = std::stoul(buffer_.substr(0, eol), nullptr, 16);
            while (buffer_.size() < eol + 2 + size + 2)
                if (!fill(deadline)) return r;
            if (size == 0) {
                buffer_.erase(0, eol + 4);
                r.complete = true;
                return r;
            }
            r.body.append(buffer_, eol + 2, size);
            buffer_.erase(0, eol + 2 + size + 2);
            ++r.chunks;
        }
    }
    if (!r.header("content-length").empty()) {
        const std::size_t length = std::stoul(r.header("content-length"));
        while (buffer_.size() < length)
            if (!fill(deadline)) break;
        r.body = buffer_.substr(0, length);
        buffer_.erase(0, std::min(length, buffer_.size()));
        r.complete = r.body.size() == length;
        return r;
    }
    while (fill(deadline)) {
    }
    r.body = std::move(buffer_);
    buffer_.clear();
    r.complete = true;
    return r;
}

bool RawHttpClient::closed_within(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
        while (fill(deadline)) buffer_.clear();
        return true;
    } catch (const std::runtime_error&) {
        return false;
    }
}

} // namespace airsight::test
