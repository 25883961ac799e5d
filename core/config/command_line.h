// The airsight command line, parsed into a plain struct.
//
// Parsing is kept apart from acting on the result so main() decides what to
// print and how to exit, and tests can check every option without a process.
#ifndef AIRSIGHT_CORE_CONFIG_COMMAND_LINE_H
#define AIRSIGHT_CORE_CONFIG_COMMAND_LINE_H

#include "config/config_file.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace airsight::core {

/// A command line the user must correct; the message names the option.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the user asked for on the command line.
struct CommandLine {
    std::optional<std::string> config_file;                       // -f, --config-file
    std::vector<std::string> sources;                             // -c, repeatable
    std::vector<std::pair<std::string, std::string>> overrides;   // --override KEY=VALUE
    std::optional<std::string> homedir;                           // --homedir
    bool help = false;                                            // -h, --help
    bool version = false;                                         // --version
};

/// Parses argv (argv[0] is the program name); throws UsageError.
/// Accepted: -f CONFIG, -fCONFIG, --config-file CONFIG, --config-file=CONFIG,
/// -c SOURCE, -cSOURCE, --override KEY=VALUE, --override=KEY=VALUE,
/// --homedir DIR, --homedir=DIR, -h, --help, --version.
CommandLine parse_command_line(int argc, char** argv);

/// The --help text.
std::string usage_text();

/// Applies -c as add("source", ...) and each --override as set(key, value).
void apply_command_line(const CommandLine& command_line, ConfigFile& config);

} // namespace airsight::core

#endif
