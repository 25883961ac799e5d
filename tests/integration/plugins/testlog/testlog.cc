// A log driver for the integration tests: log class "testlog", one JSON line
// per LogFile call ({"call":"packet","id":1,...}), the last one
// {"call":"closed"}. Lines are buffered and written on flush() (and past
// 64 KiB), with write(2), so a failing disk (EFBIG under a file-size limit)
// throws with the system's reason. testlog_fail_after=N makes it throw on
// packet N+1 instead.
#include <airsight/logging.h>
#include <airsight/plugin.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace {

void append_string(std::string& out, std::string_view s)
{
    out += '"';
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

class TestLogFile : public airsight::LogFile {
public:
    TestLogFile(const airsight::LogOpenRequest& request, std::uint64_t fail_after)
        : path_(request.path), fail_after_(fail_after)
    {
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd_ < 0) throw std::runtime_error("cannot create " + path_ + ": " + std::strerror(errno));
        std::string line = "{\"call\":\"open\",\"uuid\":";
        append_string(line, request.uuid);
        line += ",\"title\":";
        append_string(line, request.title);
        line += ",\"sources\":" + std::to_string(request.sources.size()) + "}";
        add(line);
        for (const auto& s : request.sources) source(s);
    }
    ~TestLogFile() override
    {
        if (fd_ >= 0) ::close(fd_);
    }

    void packet(const airsight::LoggedPacket& p) override
    {
        if (fail_after_ && ++packets_ > fail_after_) throw std::runtime_error("testlog_fail_after reached");
        std::string line = "{\"call\":\"packet\",\"id\":" + std::to_string(p.id) + ",\"source\":";
        append_string(line, p.source_uuid);
        line += ",\"phy\":";
        append_string(line, p.phy_name);
        line += ",\"len\":" + std::to_string(p.data.size()) + ",\"dlt\":" + std::to_string(p.dlt) + "}";
        add(line);
    }
    void devices(std::span<const airsight::LoggedDevice> changed) override
    {
        std::string line = "{\"call\":\"devices\",\"keys\":[";
        for (std::size_t i = 0; i < changed.size(); ++i) {
            if (i) line += ',';
            append_string(line, changed[i].key);
        }
        line += "]}";
        add(line);
    }
    void alert(const airsight::LoggedAlert& a) override
    {
        std::string line = "{\"call\":\"alert\",\"header\":";
        append_string(line, a.header);
        line += ",\"json\":" + (a.json.empty() ? std::string("null") : a.json) + "}";
        add(line);
    }
    void message(const airsight::LoggedMessage& m) override
    {
        std::string line = "{\"call\":\"message\",\"flags\":" + std::to_string(m.flags) + ",\"text\":";
        append_string(line, m.text);
        add(line + "}");
    }
    void source(const airsight::LoggedSource& s) override
    {
        std::string line = "{\"call\":\"source\",\"uuid\":";
        append_string(line, s.info.uuid);
        line += ",\"name\":";
        append_string(line, s.info.name);
        line += ",\"running\":" + std::string(s.info.running ? "true" : "false") + "}";
        add(line);
    }
    void snapshot(const airsight::LoggedSnapshot& s) override
    {
        std::string line = "{\"call\":\"snapshot\",\"type\":";
        append_string(line, s.type);
        add(line + "}");
    }
    void flush() override
    {
        add("{\"call\":\"flush\"}");
        write_out();
    }
    void close() override
    {
        add("{\"call\":\"closed\"}");
        write_out();
        if (::close(fd_) != 0) {
            fd_ = -1;
            throw std::runtime_error("closing " + path_ + ": " + std::strerror(errno));
        }
        fd_ = -1;
    }

private:
    void add(const std::string& line)
    {
        buffer_ += line;
        buffer_ += '\n';
        if (buffer_.size() > 64 * 1024) write_out();
    }
    void write_out()
    {
        std::size_t done = 0;
        while (done < buffer_.size()) {
            const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw std::runtime_error("writing " + path_ + ": " + std::strerror(errno));
            }
            done += static_cast<std::size_t>(n);
        }
        buffer_.clear();
    }

    std::string path_;
    int fd_ = -1;
    std::string buffer_;
    std::uint64_t fail_after_ = 0;
    std::uint64_t packets_ = 0;
};

class TestLogDriver : public airsight::LogDriver {
public:
    explicit TestLogDriver(std::uint64_t fail_after) : fail_after_(fail_after) {}
    std::string log_class() const override { return "testlog"; }
    std::string name() const override { return "Test JSON-lines log"; }
    std::string description() const override { return "one JSON line per call (integration tests)"; }
    bool singleton() const override { return true; }
    unsigned contents() const override
    {
        return airsight::LOG_PACKETS | airsight::LOG_DEVICES | airsight::LOG_ALERTS | airsight::LOG_MESSAGES |
               airsight::LOG_SOURCES | airsight::LOG_SNAPSHOTS;
    }
    std::unique_ptr<airsight::LogFile> open(const airsight::LogOpenRequest& request) override
    {
        return std::make_unique<TestLogFile>(request, fail_after_);
    }

private:
    std::uint64_t fail_after_;
};

class TestLog : public airsight::Plugin {
public:
    explicit TestLog(airsight::PluginHost& host)
    {
        std::uint64_t fail_after = 0;
        if (const auto v = host.config().value("testlog_fail_after")) {
            if (std::from_chars(v->data(), v->data() + v->size(), fail_after).ec != std::errc{})
                throw std::invalid_argument("testlog_fail_after=" + *v + " is not a number");
        }
        host.add_log_driver(std::make_unique<TestLogDriver>(fail_after));
    }
};

} // namespace

AIRSIGHT_PLUGIN(TestLog, "testlog", "1.0", "JSON-lines log driver (test plugin)", AIRSIGHT_PLUGIN_LOG)
