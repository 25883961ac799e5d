// Limits on request bodies: each one (httpd_max_body, HTTP 413) and all the
// bodies held at once, read or being read or answered (httpd_body_budget,
// HTTP 503), so N connections times the largest body cannot exhaust memory.
// The same ByteBudget bounds the reply bytes queued for slow readers
// (httpd_reply_budget, socket_output.h).
#ifndef AIRSIGHT_CORE_HTTP_BODY_LIMITS_H
#define AIRSIGHT_CORE_HTTP_BODY_LIMITS_H

#include <atomic>
#include <cstddef>
#include <string>

namespace airsight::core {

/// The 413 message: "request body is larger than the limit of N bytes (httpd_max_body)".
std::string body_too_large(std::size_t max_body);

/// Bytes that many holders (request bodies in progress, queued replies) may
/// hold together. Thread-safe.
class ByteBudget {
public:
    explicit ByteBudget(std::size_t total_bytes) : total_(total_bytes) {}
    ByteBudget(const ByteBudget&) = delete;
    ByteBudget& operator=(const ByteBudget&) = delete;

    /// What one request holds; gives it back when reset or destroyed. Must
    /// not outlive its budget.
    class Lease {
    public:
        Lease() = default;
        explicit Lease(ByteBudget& budget) : budget_(&budget) {}
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        ~Lease() { reset(); }

        /// Holds `bytes` in all: more when the budget has room (false, and
        /// nothing changes, when it has not), less always. A lease without
        /// a budget holds anything.
        bool resize(std::size_t bytes);
        void reset() { resize(0); }
        std::size_t bytes() const { return bytes_; }

    private:
        ByteBudget* budget_ = nullptr;
        std::size_t bytes_ = 0;
    };

    /// "request bodies in progress already hold H of the T bytes allowed (httpd_body_budget)"
    std::string exhausted_message() const;
    std::size_t total() const { return total_; }
    std::size_t held() const { return held_.load(); }

private:
    bool take(std::size_t bytes);
    void give(std::size_t bytes) { held_.fetch_sub(bytes); }

    const std::size_t total_;
    std::atomic<std::size_t> held_{0};
};

} // namespace airsight::core

#endif
