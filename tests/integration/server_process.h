// Test harness: runs the real airsight executable on an ephemeral loopback
// port with its own home dir and config, and talks to it over real HTTP.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace airsight::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::string content_type;
    std::multimap<std::string, std::string> headers; // lower-case names
    std::string header(const std::string& name) const;
};

/// A fresh temporary directory, removed with its contents on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

class ServerProcess {
public:
    /// Starts airsight with `config_lines` (httpd_port=0 is added) and waits
    /// until it prints the address it listens on. Throws on failure with the
    /// server's output.
    explicit ServerProcess(const std::vector<std::string>& config_lines,
                           const std::vector<std::string>& extra_args = {});
    ~ServerProcess();

    std::uint16_t port() const { return port_; }
    const std::filesystem::path& homedir() const { return homedir_; }
    /// Everything the server printed so far (stdout and stderr).
    std::string output() const;

    HttpResult get(const std::string& uri, const std::map<std::string, std::string>& headers = {}) const;
    HttpResult post(const std::string& uri, const std::string& body,
                    const std::string& content_type = "application/x-www-form-urlencoded",
                    const std::map<std::string, std::string>& headers = {}) const;
    HttpResult request(const std::string& method, const std::string& uri, const std::string& body,
                       const std::string& content_type, const std::map<std::string, std::string>& headers) const;

    /// Sends `signal` and waits up to `timeout_ms`; returns the exit status
    /// (as from waitpid) or -1 if it did not exit in time.
    int stop(int signal, int timeout_ms);

private:
    TempDir dir_;
    std::filesystem::path homedir_;
    std::filesystem::path log_;
    int pid_ = -1;
    std::uint16_t port_ = 0;
};

/// "Basic base64(user:password)".
std::string basic_auth(const std::string& user, const std::string& password);

/// Path of the airsight binary under test (AIRSIGHT_BIN).
std::filesystem::path airsight_binary();

} // namespace airsight::test
