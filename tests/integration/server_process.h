// Test harness: runs the real airsight executable on an ephemeral loopback
// port with its own home dir and config, and talks to it over real HTTP.
#ifndef AIRSIGHT_TESTS_INTEGRATION_SERVER_PROCESS_H
#define AIRSIGHT_TESTS_INTEGRATION_SERVER_PROCESS_H

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

/// Talks to the server like real clients do: every request carries the
/// server's login (HTTP Basic), unless the caller sends its own Authorization
/// or Cookie header, or uses anonymous() to test what a stranger gets.
class ServerProcess {
public:
    /// Starts airsight with `config_lines` (httpd_port=0 is added) and waits
    /// until it prints the address it listens on; then takes its login from
    /// httpd_username/httpd_password in `config_lines`, or else from the
    /// credentials file it generated in its home dir. Throws on failure with
    /// the server's output.
    /// `file_size_limit` (bytes, 0: none) is set as RLIMIT_FSIZE in the
    /// server before exec, as `ulimit -f` would: a full disk for every file it writes.
    explicit ServerProcess(const std::vector<std::string>& config_lines,
                           const std::vector<std::string>& extra_args = {}, std::uint64_t file_size_limit = 0);
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
    /// A request without the login (GET when `body` is empty, else a form POST).
    HttpResult anonymous(const std::string& method, const std::string& uri, const std::string& body = "",
                         const std::map<std::string, std::string>& headers = {}) const;

    const std::string& username() const { return username_; }
    const std::string& password() const { return password_; }
    /// {"Authorization": "Basic ..."} with the server's login.
    std::map<std::string, std::string> login() const;

    /// Sends `signal` and waits up to `timeout_ms`; returns the exit status
    /// (as from waitpid) or -1 if it did not exit in time.
    int stop(int signal, int timeout_ms);

private:
    TempDir dir_;
    std::filesystem::path homedir_;
    std::filesystem::path log_;
    HttpResult send(const std::string& method, const std::string& uri, const std::string& body,
                    const std::string& content_type, const std::map<std::string, std::string>& headers) const;
    void read_login(const std::vector<std::string>& config_lines);

    int pid_ = -1;
    std::uint16_t port_ = 0;
    std::string username_;
    std::string password_;
};

/// "Basic base64(user:password)".
std::string basic_auth(const std::string& user, const std::string& password);

/// Path of the airsight binary under test (AIRSIGHT_BIN).
std::filesystem::path airsight_binary();

} // namespace airsight::test

#endif
