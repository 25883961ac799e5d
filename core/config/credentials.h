// The web UI's login, found in the config or generated on first start.
//
// Like Kismet, airsight never runs its REST API without a password: when the
// user set none, it generates one and keeps it in a private file in the home
// directory, so the same login works on the next start.
#ifndef AIRSIGHT_CORE_CONFIG_CREDENTIALS_H
#define AIRSIGHT_CORE_CONFIG_CREDENTIALS_H

#include <airsight/host.h>

#include <filesystem>
#include <string>

namespace airsight::core {

/// The file, inside the home directory, that keeps generated credentials.
inline constexpr const char* kHttpCredentialsFile = "airsight_httpd.conf";

struct HttpCredentials {
    std::string username;
    std::string password;
    std::filesystem::path stored_in; // the credentials file; empty when from the config
    bool generated = false;          // true when created by this call
    std::string warning;             // non-empty when something needs the user's attention
};

/// Uses httpd_username/httpd_password from `config` when both are set; else
/// reads <homedir>/airsight_httpd.conf (tightening its mode to 0600 if group
/// or others may read it); else creates homedir (0700) and that file (0600)
/// with user "airsight" and a random 24-character password.
/// Throws ConfigError naming the path and the system's reason.
HttpCredentials resolve_http_credentials(const airsight::ConfigView& config, const std::filesystem::path& homedir);

/// $HOME/.airsight, or /root/.airsight when HOME is unset.
std::filesystem::path default_homedir();

/// A random alphanumeric string from std::random_device, each character
/// drawn uniformly from [A-Za-z0-9].
std::string generate_password(std::size_t length = 24);

} // namespace airsight::core

#endif
