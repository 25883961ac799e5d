#include "server_process.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace airsight::test {
namespace fs = std::filesystem;

std::string HttpResult::header(const std::string& name) const
{
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

TempDir::TempDir()
{
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = fs::temp_directory_path() / ("airsight-test-" + std::to_string(rd()));
        if (fs::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path airsight_binary()
{
    const char* bin = std::getenv("AIRSIGHT_BIN");
    if (!bin) throw std::runtime_error("AIRSIGHT_BIN is not set (run the tests with meson test)");
    return bin;
}

std::string basic_auth(const std::string& user, const std::string& password)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << user << ":" << password;
    encoder.close();
    return "Basic " + out.str();
}

// The port in the server's "airsight: listening on http://ADDR:PORT/" line.
static std::optional<std::uint16_t> listening_port(const std::string& output)
{
    const std::string marker = "airsight: listening on http://";
    const auto start = output.find(marker);
    if (start == std::string::npos) return std::nullopt;
    const auto colon = output.find(':', start + marker.size());
    const auto slash = output.find('/', colon);
    if (colon == std::string::npos || slash == std::string::npos) return std::nullopt;
    return static_cast<std::uint16_t>(std::stoi(output.substr(colon + 1, slash - colon - 1)));
}

ServerProcess::ServerProcess(const std::vector<std::string>& config_lines, const std::vector<std::string>& extra_args,
                             std::uint64_t file_size_limit)
{
    homedir_ = dir_.path() / "home";
    log_ = dir_.path() / "server.log";
    const fs::path config = dir_.path() / "airsight.conf";
    {
        std::ofstream out(config);
        out << "httpd_port=0\n";
        for (const std::string& line : config_lines) out << line << "\n";
    }

    std::vector<std::string> args{airsight_binary().string(), "-f", config.string(), "--homedir", homedir_.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());

    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        if (file_size_limit > 0) {
            const rlimit limit{file_size_limit, file_size_limit};
            if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(126);
        }
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }

    // Wait for "airsight: listening on http://ADDR:PORT/" (sanitizer builds start slowly).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string out = output();
        if (auto port = listening_port(out)) {
            port_ = *port;
            read_login(config_lines);
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("airsight exited before listening:\n" + out);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop(SIGKILL, 5000);
    throw std::runtime_error("airsight did not start listening within 60 s:\n" + output());
}

ServerProcess::~ServerProcess()
{
    if (pid_ > 0 && stop(SIGTERM, 10000) == -1) stop(SIGKILL, 5000);
}

std::string ServerProcess::output() const
{
    std::ifstream in(log_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int ServerProcess::stop(int signal, int timeout_ms)
{
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return status;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
}

HttpResult ServerProcess::get(const std::string& uri, const std::map<std::string, std::string>& headers) const
{
    return request("GET", uri, "", "", headers);
}

HttpResult ServerProcess::post(const std::string& uri, const std::string& body, const std::string& content_type,
                               const std::map<std::string, std::string>& headers) const
{
    return request("POST", uri, body, content_type, headers);
}

// The value of `key=` in Kismet-syntax lines, or "".
static std::string config_value(const std::vector<std::string>& lines, const std::string& key)
{
    std::string value;
    for (const std::string& line : lines)
        if (line.rfind(key + "=", 0) == 0) value = line.substr(key.size() + 1);
    return value;
}

void ServerProcess::read_login(const std::vector<std::string>& config_lines)
{
    username_ = config_value(config_lines, "httpd_username");
    password_ = config_value(config_lines, "httpd_password");
    if (!username_.empty() && !password_.empty()) return;
    std::vector<std::string> stored;
    std::ifstream in(homedir_ / "airsight_httpd.conf");
    for (std::string line; std::getline(in, line);) stored.push_back(line);
    username_ = config_value(stored, "httpd_username");
    password_ = config_value(stored, "httpd_password");
    if (username_.empty() || password_.empty())
        throw std::runtime_error("the server started without a configured login and left none in " +
                                 (homedir_ / "airsight_httpd.conf").string() + ":\n" + output());
}

std::map<std::string, std::string> ServerProcess::login() const
{
    return {{"Authorization", basic_auth(username_, password_)}};
}

HttpResult ServerProcess::request(const std::string& method, const std::string& uri, const std::string& body,
                                  const std::string& content_type,
                                  const std::map<std::string, std::string>& headers) const
{
    if (headers.count("Authorization") || headers.count("Cookie")) return send(method, uri, body, content_type, headers);
    std::map<std::string, std::string> with_login = headers;
    with_login.merge(login());
    return send(method, uri, body, content_type, with_login);
}

HttpResult ServerProcess::anonymous(const std::string& method, const std::string& uri, const std::string& body,
                                    const std::map<std::string, std::string>& headers) const
{
    return send(method, uri, body, body.empty() ? "" : "application/x-www-form-urlencoded", headers);
}

HttpResult ServerProcess::send(const std::string& method, const std::string& uri, const std::string& body,
                               const std::string& content_type, const std::map<std::string, std::string>& headers) const
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (method == "POST") {
        if (!content_type.empty()) req.setContentType(content_type);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
    } else {
        session.sendRequest(req);
    }
    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    HttpResult result;
    result.status = resp.getStatus();
    result.content_type = resp.getContentType();
    for (const auto& [name, value] : resp) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers.emplace(lower, value);
    }
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

} // namespace airsight::test
