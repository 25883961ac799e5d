#include "http/body_limits.h"

#include <utility>

namespace airsight::core {

std::string body_too_large(std::size_t max_body)
{
    return "request body is larger than the limit of " + std::to_string(max_body) + " bytes (httpd_max_body)";
}

std::string ByteBudget::exhausted_message() const
{
    return "the server is busy: request bodies in progress already hold " + std::to_string(held()) + " of the " +
           std::to_string(total_) + " bytes allowed (httpd_body_budget); try again shortly";
}

bool ByteBudget::take(std::size_t bytes)
{
    std::size_t held = held_.load();
    do {
        if (bytes > total_ - held) return false;
    } while (!held_.compare_exchange_weak(held, held + bytes));
    return true;
}

ByteBudget::Lease::Lease(Lease&& other) noexcept
    : budget_(std::exchange(other.budget_, nullptr)), bytes_(std::exchange(other.bytes_, 0))
{
}

ByteBudget::Lease& ByteBudget::Lease::operator=(Lease&& other) noexcept
{
    if (this != &other) {
        reset();
        budget_ = std::exchange(other.budget_, nullptr);
        bytes_ = std::exchange(other.bytes_, 0);
    }
    return *this;
}

bool ByteBudget::Lease::resize(std::size_t bytes)
{
    if (budget_) {
        if (bytes > bytes_ && !budget_->take(bytes - bytes_)) return false;
        if (bytes < bytes_) budget_->give(bytes_ - bytes);
    }
    bytes_ = bytes;
    return true;
}

} // namespace airsight::core
