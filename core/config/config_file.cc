#include "config/config_file.h"
#include "util/trim.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace airsight::core {

namespace {

constexpr int kMaxIncludeDepth = 16;
// No configuration is this big; without a bound, include=/dev/zero would
// read until memory runs out.
constexpr std::size_t kMaxConfigBytes = 16u << 20;

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
        [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return out;
}

/// Reads a whole file; on failure returns nothing and sets `error` to strerror.
std::optional<std::string> read_text(const fs::path& path, std::string& error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        error = std::strerror(EISDIR);
        return std::nullopt;
    }
    std::string text;
    char buf[8192];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = std::strerror(errno);
            ::close(fd);
            return std::nullopt;
        }
        text.append(buf, static_cast<std::size_t>(n));
        if (text.size() > kMaxConfigBytes) {
            ::close(fd);
            error = "larger than " + std::to_string(kMaxConfigBytes >> 20) + " MiB; not a configuration file";
            return std::nullopt;
        }
    }
    ::close(fd);
    return text;
}

} // namespace

// Reads one file and, recursively, what it includes. Overrides are queued and
// applied by load() once the main file and its includes are done.
class ConfigFile::Loader {
public:
    struct Pending {
        fs::path path;
        int depth;
        std::string where; // the "file:line" that named it
    };

    /// Reads `path` into `out`. `where` is the "file:line" that included it
    /// (empty for a top-level file) and prefixes errors about the file itself.
    void read(const fs::path& path, Entries& out, int depth, const std::string& where)
    {
        if (depth > kMaxIncludeDepth)
            throw ConfigError(where + ": includes are nested deeper than " + std::to_string(kMaxIncludeDepth)
                + " levels (at " + path.string() + ")");

        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(path, ec);
        const fs::path& id = ec ? path : canonical;
        if (std::find(stack_.begin(), stack_.end(), id) != stack_.end())
            throw ConfigError(where + ": include cycle: " + path.string() + " is already being read");

        std::string error;
        const auto text = read_text(path, error);
        if (!text) {
            if (where.empty())
                throw ConfigError("cannot read config file " + path.string() + ": " + error);
            throw ConfigError(where + ": cannot read included file " + path.string() + ": " + error);
        }

        stack_.push_back(id);
        parse(path, *text, out, depth);
        stack_.pop_back();
    }

    /// Takes the next queued override file, if any.
    std::optional<Pending> next_override()
    {
        if (next_ >= overrides_.size())
            return std::nullopt;
        return overrides_[next_++];
    }

private:
    void parse(const fs::path& path, std::string_view text, Entries& out, int depth)
    {
        std::size_t line_no = 0;
        while (!text.empty()) {
            const auto eol = text.find('\n');
            const std::string_view raw = text.substr(0, eol);
            text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
            ++line_no;

            const std::string_view line = trim(raw);
            if (line.empty() || line.front() == '#')
                continue;
            const std::string where = path.string() + ":" + std::to_string(line_no);
            const auto eq = line.find('=');
            const std::string_view key = eq == std::string_view::npos ? std::string_view{} : trim(line.substr(0, eq));
            if (key.empty())
                throw ConfigError(where + ": expected key=value, got '" + std::string(line) + "'");
            const std::string_view value = trim(line.substr(eq + 1));

            if (key == "include" || key == "opt_include" || key == "opt_override") {
                const fs::path target = resolve(path, value, key, where);
                std::error_code ec;
                const bool exists = fs::exists(target, ec);
                if (key == "include")
                    read(target, out, depth + 1, where);
                else if (!exists)
                    continue;
                else if (key == "opt_include")
                    read(target, out, depth + 1, where);
                else
                    queue_override(target, depth + 1, where);
                continue;
            }
            out[std::string(key)].push_back(Entry{std::string(value), where});
        }
    }

    static fs::path resolve(const fs::path& including, std::string_view value, std::string_view key,
        const std::string& where)
    {
        if (value.empty())
            throw ConfigError(where + ": " + std::string(key) + " needs a file name");
        std::string expanded;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '%' && i + 1 < value.size() && value[i + 1] == 'h') {
                const char* home = std::getenv("HOME");
                if (!home || !*home)
                    throw ConfigError(where + ": '" + std::string(value) + "' uses %h but $HOME is not set");
                expanded += home;
                ++i;
            } else {
                expanded += value[i];
            }
        }
        fs::path target(expanded);
        if (target.is_relative())
            target = including.parent_path() / target;
        return target;
    }

    void queue_override(const fs::path& path, int depth, const std::string& where)
    {
        std::error_code ec;
        fs::path id = fs::weakly_canonical(path, ec);
        if (ec)
            id = path;
        // The same override file named twice (or naming itself) is read once.
        if (!queued_.insert(id).second)
            return;
        overrides_.push_back(Pending{path, depth, where});
    }

    std::vector<fs::path> stack_;      // files being read, for cycle detection
    std::vector<Pending> overrides_;   // opt_override files, in order found
    std::size_t next_ = 0;
    std::set<fs::path> queued_;
};

ConfigFile ConfigFile::load(const fs::path& path)
{
    ConfigFile config;
    Loader loader;
    loader.read(path, config.entries_, 0, "");
    while (auto pending = loader.next_override()) {
        Entries overrides;
        loader.read(pending->path, overrides, pending->depth, pending->where);
        for (auto& [key, entries] : overrides)
            config.entries_[key] = std::move(entries);
    }
    return config;
}

const ConfigFile::Entry* ConfigFile::last(std::string_view key) const
{
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.empty())
        return nullptr;
    return &it->second.back();
}

std::optional<std::string> ConfigFile::value(std::string_view key) const
{
    if (const Entry* e = last(key))
        return e->value;
    return std::nullopt;
}

std::vector<std::string> ConfigFile::values(std::string_view key) const
{
    std::vector<std::string> out;
    if (const auto it = entries_.find(key); it != entries_.end())
        for (const Entry& e : it->second)
            out.push_back(e.value);
    return out;
}

bool ConfigFile::contains(std::string_view key) const
{
    return last(key) != nullptr;
}

std::vector<std::string> ConfigFile::keys() const
{
    std::vector<std::string> out;
    for (const auto& [key, entries] : entries_)
        if (!entries.empty())
            out.push_back(key);
    return out;
}

void ConfigFile::set(std::string_view key, std::string value)
{
    auto& entries = entries_[std::string(key)];
    entries.clear();
    entries.push_back(Entry{std::move(value), "command line"});
}

void ConfigFile::add(std::string_view key, std::string value)
{
    entries_[std::string(key)].push_back(Entry{std::move(value), "command line"});
}

std::string ConfigFile::get_string(std::string_view key, std::string_view fallback) const
{
    if (const Entry* e = last(key))
        return e->value;
    return std::string(fallback);
}

bool ConfigFile::get_bool(std::string_view key, bool fallback) const
{
    const Entry* e = last(key);
    if (!e)
        return fallback;
    const std::string v = lower(e->value);
    if (v == "true" || v == "yes" || v == "1")
        return true;
    if (v == "false" || v == "no" || v == "0")
        return false;
    throw ConfigError(e->origin + ": " + std::string(key) + ": expected true/false/yes/no/1/0, got '" + e->value
        + "'");
}

std::uint64_t ConfigFile::get_uint(std::string_view key, std::uint64_t fallback, std::uint64_t min,
    std::uint64_t max) const
{
    const Entry* e = last(key);
    if (!e)
        return fallback;
    const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
    std::uint64_t n = 0;
    const char* begin = e->value.data();
    const char* end = begin + e->value.size();
    const auto [ptr, ec] = std::from_chars(begin, end, n);
    if (e->value.empty() || ec == std::errc::invalid_argument || ptr != end)
        throw ConfigError(e->origin + ": " + std::string(key) + ": expected a whole number " + range + ", got '"
            + e->value + "'");
    if (ec == std::errc::result_out_of_range || n < min || n > max)
        throw ConfigError(e->origin + ": " + std::string(key) + ": " + e->value + " is out of range, expected a number "
            + range);
    return n;
}

std::string ConfigFile::origin(std::string_view key) const
{
    if (const Entry* e = last(key))
        return e->origin;
    return "built-in default";
}

} // namespace airsight::core
