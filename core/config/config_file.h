// The server configuration, read from Kismet-style key=value files.
//
// Kismet users already know this syntax (comments, repeated keys, include /
// opt_include / opt_override), so airsight reads it unchanged. A ConfigFile is
// built once at start-up, adjusted from the command line, then only read;
// const access is safe from any thread.
#ifndef AIRSIGHT_CORE_CONFIG_CONFIG_FILE_H
#define AIRSIGHT_CORE_CONFIG_CONFIG_FILE_H

#include <airsight/host.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

/// A configuration problem the user must fix; the message says where
/// ("file:line: ...") and what is wrong.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Key=value configuration (implements airsight::ConfigView).
///
/// Syntax: one `key=value` per line, both trimmed; blank lines and lines
/// starting with '#' are ignored ('#' later in a line is part of the value).
/// Repeated keys accumulate. `include=PATH` reads PATH in place (it must
/// exist), `opt_include=PATH` does so only if PATH exists, `opt_override=PATH`
/// reads PATH after everything else and each key it sets replaces all earlier
/// values. Relative paths resolve against the including file's folder; `%h`
/// expands to $HOME.
class ConfigFile : public airsight::ConfigView {
public:
    /// An empty configuration: every getter returns its default.
    ConfigFile() = default;

    /// Reads `path` and everything it includes; throws ConfigError.
    static ConfigFile load(const std::filesystem::path& path);

    std::optional<std::string> value(std::string_view key) const override;
    std::vector<std::string> values(std::string_view key) const override;
    bool contains(std::string_view key) const;
    /// Every key that has at least one value, sorted.
    std::vector<std::string> keys() const;

    /// Replaces every value of `key` (the command line's --override).
    void set(std::string_view key, std::string value);
    /// Appends a value to `key` (the command line's -c SOURCE).
    void add(std::string_view key, std::string value);

    /// Typed getters: `fallback` when the key is absent; ConfigError naming
    /// the key and where it was set when the value is not acceptable.
    std::string get_string(std::string_view key, std::string_view fallback) const;
    /// Accepts true/false/yes/no/1/0 in any case.
    bool get_bool(std::string_view key, bool fallback) const;
    /// A decimal integer within [min, max].
    std::uint64_t get_uint(std::string_view key, std::uint64_t fallback, std::uint64_t min = 0,
        std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) const;

    /// Where the value in force came from: "file:line", "command line", or
    /// "built-in default" when the key is not set.
    std::string origin(std::string_view key) const;

private:
    struct Entry {
        std::string value;
        std::string origin; // "file:line" or "command line"
    };
    using Entries = std::map<std::string, std::vector<Entry>, std::less<>>;

    class Loader;

    const Entry* last(std::string_view key) const;

    Entries entries_;
};

} // namespace airsight::core

#endif
