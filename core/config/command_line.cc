#include "config/command_line.h"

#include <string_view>

namespace airsight::core {

namespace {

// Walks argv, handing out option values; knows how to complain about them.
class ArgReader {
public:
    ArgReader(int argc, char** argv) : argc_(argc), argv_(argv) {}

    bool done() const { return index_ >= argc_; }
    std::string_view next() { return argv_[index_++]; }

    /// The value of `option`: the text after '=' or the attached short form
    /// when `attached` is set, else the next argument.
    std::string value(std::string_view option, std::string_view what, std::optional<std::string_view> attached)
    {
        if (attached) {
            if (attached->empty())
                throw UsageError("option " + std::string(option) + " needs a " + std::string(what));
            return std::string(*attached);
        }
        if (done())
            throw UsageError("option " + std::string(option) + " needs a " + std::string(what));
        const std::string_view v = argv_[index_];
        if (v.size() > 1 && v.front() == '-')
            throw UsageError("option " + std::string(option) + " needs a " + std::string(what) + ", got option '"
                + std::string(v) + "'");
        ++index_;
        return std::string(v);
    }

private:
    int argc_;
    char** argv_;
    int index_ = 1; // argv[0] is the program name
};

std::pair<std::string, std::string> split_override(const std::string& text)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos)
        throw UsageError("--override needs KEY=VALUE, got '" + text + "'");
    if (eq == 0)
        throw UsageError("--override needs a key before '=', got '" + text + "'");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

} // namespace

CommandLine parse_command_line(int argc, char** argv)
{
    CommandLine cl;
    ArgReader args(argc, argv);
    while (!args.done()) {
        const std::string_view arg = args.next();

        // Long options may carry their value after '='.
        std::string_view name = arg;
        std::optional<std::string_view> attached;
        if (arg.starts_with("--")) {
            if (const auto eq = arg.find('='); eq != std::string_view::npos) {
                name = arg.substr(0, eq);
                attached = arg.substr(eq + 1);
            }
        } else if (arg.size() > 2 && arg.front() == '-') {
            // Short options may carry their value attached: -cwlan0.
            name = arg.substr(0, 2);
            attached = arg.substr(2);
        }

        if (name == "-f" || name == "--config-file") {
            std::string file = args.value(name, "config file name", attached);
            if (cl.config_file)
                throw UsageError("config file given twice ('" + *cl.config_file + "' and '" + file + "')");
            cl.config_file = std::move(file);
        } else if (name == "-c") {
            cl.sources.push_back(args.value(name, "source definition", attached));
        } else if (name == "--override") {
            cl.overrides.push_back(split_override(args.value(name, "KEY=VALUE", attached)));
        } else if (name == "--homedir") {
            cl.homedir = args.value(name, "directory", attached);
        } else if ((name == "-h" || name == "--help" || name == "--version") && !attached) {
            (name == "--version" ? cl.version : cl.help) = true;
        } else if (arg.size() > 1 && arg.front() == '-') {
            throw UsageError("unknown option '" + std::string(arg) + "' (try --help)");
        } else {
            throw UsageError("unexpected argument '" + std::string(arg) + "' (try --help)");
        }
    }
    return cl;
}

std::string usage_text()
{
    return "Usage: airsight [OPTION]...\n"
           "A wireless intrusion detection server with a Kismet-compatible REST API.\n"
           "\n"
           "  -f, --config-file CONFIG   read configuration from CONFIG\n"
           "  -c SOURCE                  add a capture source (repeatable; like source=SOURCE)\n"
           "      --override KEY=VALUE   set KEY to VALUE, replacing the config files (repeatable)\n"
           "      --homedir DIR          keep per-user state (credentials) in DIR\n"
           "                             (default: $HOME/.airsight)\n"
           "  -h, --help                 show this help and exit\n"
           "      --version              show the version and exit\n";
}

void apply_command_line(const CommandLine& command_line, ConfigFile& config)
{
    // As in Kismet, sources named on the command line replace the config's.
    for (std::size_t i = 0; i < command_line.sources.size(); ++i) {
        if (i == 0)
            config.set("source", command_line.sources[i]);
        else
            config.add("source", command_line.sources[i]);
    }
    for (const auto& [key, value] : command_line.overrides)
        config.set(key, value);
}

} // namespace airsight::core
