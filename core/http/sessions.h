// Logins and sessions: HTTP Basic credentials are checked against the
// configured login; a valid login creates a session whose id travels in the
// KISMET cookie, as Kismet clients expect.
#ifndef AIRSIGHT_CORE_HTTP_SESSIONS_H
#define AIRSIGHT_CORE_HTTP_SESSIONS_H

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace airsight::core {

struct Login {
    std::string username;
    std::string password;
};

/// The 401 message for a KISMET cookie that names no live session: a client
/// (the web UI) tells its user the session expired by it.
inline constexpr std::string_view kSessionExpired =
    "session expired or unknown (idle past httpd_session_timeout, logged out, or the server restarted): "
    "log in again";

/// Decodes an "Authorization: Basic ..." header value into user and password;
/// nothing when it is not Basic or not well-formed.
std::optional<Login> parse_basic_authorization(std::string_view header);

/// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

/// Finds the value of cookie `name` in a Cookie header ("a=1; KISMET=abc").
std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name);

class SessionStore {
public:
    using Clock = std::chrono::steady_clock;

    SessionStore(std::chrono::seconds idle_timeout, std::size_t max_sessions = 4096);

    /// Creates a session for `user` and returns its id (128 random bits, hex).
    std::string create(std::string user);
    /// The user of a live session, refreshing its idle timer; nothing if the
    /// id is unknown or expired.
    std::optional<std::string> lookup(std::string_view id);
    /// Ends a session (a logout); false when it was unknown or expired.
    bool remove(std::string_view id);
    std::size_t size() const;

private:
    struct Session {
        std::string user;
        Clock::time_point last_used;
    };
    void expire_locked(Clock::time_point now);

    const std::chrono::seconds idle_timeout_;
    const std::size_t max_sessions_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Session> sessions_;
};

} // namespace airsight::core

#endif
