#include "http/sessions.h"

#include "util/random_ids.h"

#include <Poco/Base64Decoder.h>

#include <algorithm>
#include <sstream>

namespace airsight::core {

std::optional<Login> parse_basic_authorization(std::string_view header)
{
    constexpr std::string_view prefix = "Basic ";
    if (header.size() <= prefix.size() || header.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::string encoded(header.substr(prefix.size()));
    std::string decoded;
    try {
        std::istringstream in(encoded);
        Poco::Base64Decoder decoder(in);
        decoded.assign(std::istreambuf_iterator<char>(decoder), {});
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const auto colon = decoded.find(':');
    if (colon == std::string::npos) return std::nullopt;
    return Login{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

bool constant_time_equal(std::string_view a, std::string_view b)
{
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0;
}

std::optional<std::string> find_cookie(std::string_view header, std::string_view name)
{
    std::size_t i = 0;
    while (i < header.size()) {
        std::size_t end = header.find(';', i);
        if (end == std::string_view::npos) end = header.size();
        std::string_view pair = header.substr(i, end - i);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
        i = end + 1;
    }
    return std::nullopt;
}

SessionStore::SessionStore(std::chrono::seconds idle_timeout, std::size_t max_sessions)
    : idle_timeout_(idle_timeout), max_sessions_(max_sessions)
{
}

std::string SessionStore::create(std::string user)
{
    std::string id = random_hex(16);
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    expire_locked(now);
    if (sessions_.size() >= max_sessions_) {
        // Full: drop the least recently used session rather than refuse a login.
        auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
            return a.second.last_used < b.second.last_used;
        });
        sessions_.erase(oldest);
    }
    sessions_[id] = Session{std::move(user), now};
    return id;
}

std::optional<std::string> SessionStore::lookup(std::string_view id)
{
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(std::string(id));
    if (it == sessions_.end()) return std::nullopt;
    if (now - it->second.last_used > idle_timeout_) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_used = now;
    return it->second.user;
}

bool SessionStore::remove(std::string_view id)
{
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(std::string(id));
    if (it == sessions_.end()) return false;
    const bool live = now - it->second.last_used <= idle_timeout_;
    sessions_.erase(it);
    return live;
}

std::size_t SessionStore::size() const
{
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void SessionStore::expire_locked(Clock::time_point now)
{
    std::erase_if(sessions_, [&](const auto& kv) { return now - kv.second.last_used > idle_timeout_; });
}

} // namespace airsight::core
