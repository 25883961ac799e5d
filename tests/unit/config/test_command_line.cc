// parse_command_line and apply_command_line.
#include "config/command_line.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

using airsight::core::CommandLine;
using airsight::core::ConfigFile;
using airsight::core::UsageError;
using Strings = std::vector<std::string>;
using Overrides = std::vector<std::pair<std::string, std::string>>;

namespace {

/// Parses {"airsight", args...} through a real, mutable argv.
CommandLine parse(std::initializer_list<std::string> args)
{
    std::vector<std::string> storage{"airsight"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    return airsight::core::parse_command_line(static_cast<int>(storage.size()), argv.data());
}

std::string usage_error(std::initializer_list<std::string> args)
{
    try {
        parse(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("expected a UsageError");
    return {};
}

} // namespace

TEST_CASE("no arguments: nothing set")
{
    const auto cl = parse({});
    CHECK_FALSE(cl.config_file.has_value());
    CHECK(cl.sources.empty());
    CHECK(cl.overrides.empty());
    CHECK_FALSE(cl.homedir.has_value());
    CHECK_FALSE(cl.help);
    CHECK_FALSE(cl.version);
}

TEST_CASE("every form of the config file option")
{
    CHECK(parse({"-f", "a.conf"}).config_file == "a.conf");
    CHECK(parse({"-fb.conf"}).config_file == "b.conf");
    CHECK(parse({"--config-file", "c.conf"}).config_file == "c.conf");
    CHECK(parse({"--config-file=d.conf"}).config_file == "d.conf");
    CHECK(parse({"--config-file=e=f.conf"}).config_file == "e=f.conf");
}

TEST_CASE("repeated -c keeps every source in order")
{
    const auto cl = parse({"-c", "wlan0", "-cwlan1:name=foo", "-c", "rtl433-0"});
    CHECK(cl.sources == Strings{"wlan0", "wlan1:name=foo", "rtl433-0"});
}

TEST_CASE("--override KEY=VALUE, split at the first '='")
{
    const auto cl = parse({"--override", "httpd_port=2502", "--override=log_types=pcapng,kismet", "--override",
        "expr=a=b", "--override", "empty="});
    CHECK(cl.overrides
        == Overrides{{"httpd_port", "2502"}, {"log_types", "pcapng,kismet"}, {"expr", "a=b"}, {"empty", ""}});
}

TEST_CASE("--homedir, --help, -h and --version")
{
    CHECK(parse({"--homedir", "/tmp/h"}).homedir == "/tmp/h");
    CHECK(parse({"--homedir=/tmp/i"}).homedir == "/tmp/i");
    CHECK(parse({"-h"}).help);
    CHECK(parse({"--help"}).help);
    CHECK_FALSE(parse({"--help"}).version);
    CHECK(parse({"--version"}).version);
    CHECK_FALSE(parse({"--version"}).help);
}

TEST_CASE("options combine")
{
    const auto cl = parse({"--homedir", "h", "-c", "s1", "-f", "x.conf", "--override", "k=v", "-c", "s2"});
    CHECK(cl.config_file == "x.conf");
    CHECK(cl.sources == Strings{"s1", "s2"});
    CHECK(cl.overrides == Overrides{{"k", "v"}});
    CHECK(cl.homedir == "h");
}

TEST_CASE("usage errors are clear")
{
    CHECK(usage_error({"--bogus"}) == "unknown option '--bogus' (try --help)");
    CHECK(usage_error({"-x"}) == "unknown option '-x' (try --help)");
    CHECK(usage_error({"--help=yes"}) == "unknown option '--help=yes' (try --help)");
    CHECK(usage_error({"stray"}) == "unexpected argument 'stray' (try --help)");
    CHECK(usage_error({"-f"}) == "option -f needs a config file name");
    CHECK(usage_error({"--config-file="}) == "option --config-file needs a config file name");
    CHECK(usage_error({"-c"}) == "option -c needs a source definition");
    CHECK(usage_error({"--homedir"}) == "option --homedir needs a directory");
    CHECK(usage_error({"--override"}) == "option --override needs a KEY=VALUE");
    CHECK(usage_error({"-f", "--override", "a=b"})
        == "option -f needs a config file name, got option '--override'");
    CHECK(usage_error({"--override", "novalue"}) == "--override needs KEY=VALUE, got 'novalue'");
    CHECK(usage_error({"--override==v"}) == "--override needs a key before '=', got '=v'");
    CHECK(usage_error({"-f", "a", "-f", "b"}) == "config file given twice ('a' and 'b')");
}

TEST_CASE("usage_text mentions every option")
{
    const auto text = airsight::core::usage_text();
    for (const char* option : {"-f", "--config-file", "-c SOURCE", "--override KEY=VALUE", "--homedir", "-h",
             "--help", "--version"})
        CHECK_MESSAGE(text.find(option) != std::string::npos, option);
}

TEST_CASE("apply_command_line: -c sources replace the config's, overrides replace keys")
{
    ConfigFile config;
    config.add("source", "from_file");
    config.add("httpd_port", "2501");
    config.add("httpd_port", "2503");
    const auto cl = parse({"-c", "wlan0", "-c", "wlan1", "--override", "httpd_port=2502", "--override", "x=1"});
    apply_command_line(cl, config);
    CHECK(config.values("source") == Strings{"wlan0", "wlan1"});
    CHECK(config.values("httpd_port") == Strings{"2502"});
    CHECK(config.value("x") == "1");

    // Without -c, the config's sources stay.
    ConfigFile untouched;
    untouched.add("source", "from_file");
    apply_command_line(parse({"--override", "y=2"}), untouched);
    CHECK(untouched.values("source") == Strings{"from_file"});
}
