// ConfigFile: Kismet's key=value syntax, includes, overrides and typed getters.
#include "config/config_file.h"

#include "temp_dir.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>

using airsight::core::ConfigError;
using airsight::core::ConfigFile;
using airsight::test::TempDir;
using Strings = std::vector<std::string>;

namespace {

/// The message of the ConfigError `f` throws; fails the test if none.
template <typename F>
std::string error_of(F&& f)
{
    try {
        f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    FAIL("expected a ConfigError");
    return {};
}

/// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

} // namespace

TEST_CASE("comments, blank lines and whitespace are ignored")
{
    TempDir dir;
    const auto file = dir.write("main.conf",
        "# a comment\n"
        "\n"
        "   \t\n"
        "   # an indented comment=with equals\n"
        "  key  =  value with spaces  \n"
        "\tother\t=\tx\r\n"
        "empty=\n"
        "equation=a=b\n");
    const auto config = ConfigFile::load(file);
    CHECK(config.keys() == Strings{"empty", "equation", "key", "other"});
    CHECK(config.value("key") == "value with spaces");
    CHECK(config.value("other") == "x");
    CHECK(config.value("empty") == "");
    CHECK(config.value("equation") == "a=b");
    CHECK_FALSE(config.value("# a comment").has_value());
    CHECK(config.origin("key") == file.string() + ":5");
}

TEST_CASE("'#' after the start of a line is part of the value")
{
    TempDir dir;
    const auto config = ConfigFile::load(dir.write("main.conf", "httpd_password=ab#cd # not a comment\n"));
    CHECK(config.value("httpd_password") == "ab#cd # not a comment");
}

TEST_CASE("repeated keys accumulate; keys are case-sensitive")
{
    TempDir dir;
    const auto config = ConfigFile::load(dir.write("main.conf",
        "source=wlan0\nSource=upper\nsource=wlan1\nsource=wlan2"));
    CHECK(config.values("source") == Strings{"wlan0", "wlan1", "wlan2"});
    CHECK(config.value("source") == "wlan2");
    CHECK(config.values("Source") == Strings{"upper"});
    CHECK(config.values("SOURCE").empty());
    CHECK_FALSE(config.value("SOURCE").has_value());
}

TEST_CASE("include reads a file in place, relative to the including file")
{
    TempDir dir;
    dir.write("sub/inc.conf", "a=2\ninclude=deeper.conf\n");
    dir.write("sub/deeper.conf", "b=deep\n");
    const auto main = dir.write("main.conf", "a=1\ninclude=sub/inc.conf\na=3\n");
    const auto config = ConfigFile::load(main);
    CHECK(config.values("a") == Strings{"1", "2", "3"});
    CHECK(config.value("b") == "deep");
    CHECK(config.origin("b") == (dir.path() / "sub/deeper.conf").string() + ":1");
    CHECK_FALSE(config.contains("include"));
}

TEST_CASE("include accepts absolute paths and expands %h to $HOME")
{
    TempDir dir;
    dir.write("home/inc.conf", "from_home=yes\n");
    const auto abs = dir.write("elsewhere/abs.conf", "from_abs=yes\n");
    ScopedEnv home("HOME", (dir.path() / "home").string());
    const auto config = ConfigFile::load(dir.write("main.conf",
        "include=%h/inc.conf\ninclude=" + abs.string() + "\n"));
    CHECK(config.value("from_home") == "yes");
    CHECK(config.value("from_abs") == "yes");
}

TEST_CASE("opt_include is read when present and skipped when missing")
{
    TempDir dir;
    dir.write("present.conf", "p=1\n");
    const auto config = ConfigFile::load(dir.write("main.conf",
        "opt_include=present.conf\nopt_include=missing.conf\nafter=1\n"));
    CHECK(config.value("p") == "1");
    CHECK(config.value("after") == "1");
    CHECK(config.keys() == Strings{"after", "p"});
}

TEST_CASE("opt_override replaces every earlier value of the keys it sets")
{
    TempDir dir;
    dir.write("over/over.conf", "a=x\na=y\nd=new\ninclude=more.conf\n");
    dir.write("over/more.conf", "e=from_override_include\n");
    const auto main = dir.write("main.conf",
        "a=1\na=2\nb=1\nopt_override=over/over.conf\nopt_override=absent.conf\nb=2\na=3\ne=1\n");
    const auto config = ConfigFile::load(main);
    CHECK(config.values("a") == Strings{"x", "y"});
    CHECK(config.values("b") == Strings{"1", "2"});
    CHECK(config.value("d") == "new");
    CHECK(config.values("e") == Strings{"from_override_include"});
    CHECK(config.origin("a") == (dir.path() / "over/over.conf").string() + ":2");
    CHECK(config.origin("b") == main.string() + ":6");
}

TEST_CASE("opt_override is applied after later includes too")
{
    TempDir dir;
    dir.write("over.conf", "k=override\n");
    dir.write("late.conf", "k=late\n");
    const auto config = ConfigFile::load(dir.write("main.conf", "opt_override=over.conf\ninclude=late.conf\n"));
    CHECK(config.values("k") == Strings{"override"});
}

TEST_CASE("a missing include is an error naming the including line")
{
    TempDir dir;
    const auto main = dir.write("main.conf", "a=1\ninclude=nope.conf\n");
    const auto msg = error_of([&] { ConfigFile::load(main); });
    CHECK(msg.find(main.string() + ":2:") == 0);
    CHECK(msg.find("nope.conf") != std::string::npos);
    CHECK(msg.find("No such file") != std::string::npos);
}

TEST_CASE("include cycles are errors")
{
    TempDir dir;
    SUBCASE("two files")
    {
        dir.write("b.conf", "b=1\ninclude=a.conf\n");
        const auto a = dir.write("a.conf", "include=b.conf\n");
        const auto msg = error_of([&] { ConfigFile::load(a); });
        CHECK(msg.find("cycle") != std::string::npos);
        CHECK(msg.find((dir.path() / "b.conf").string() + ":2") == 0);
    }
    SUBCASE("a file including itself, via another spelling")
    {
        dir.write("sub/x", "");
        const auto a = dir.write("self.conf", "include=sub/../self.conf\n");
        CHECK(error_of([&] { ConfigFile::load(a); }).find("cycle") != std::string::npos);
    }
    SUBCASE("the same file twice, not nested, is fine")
    {
        dir.write("common.conf", "c=1\n");
        const auto a = dir.write("main.conf", "include=common.conf\ninclude=common.conf\n");
        CHECK(ConfigFile::load(a).values("c") == Strings{"1", "1"});
    }
}

TEST_CASE("includes nested up to 16 levels are fine, deeper is an error")
{
    TempDir dir;
    auto chain = [&](int levels) {
        for (int i = 0; i < levels; ++i)
            dir.write("f" + std::to_string(i) + ".conf", "include=f" + std::to_string(i + 1) + ".conf\n");
        dir.write("f" + std::to_string(levels) + ".conf", "bottom=1\n");
        return dir.path() / "f0.conf";
    };
    CHECK(ConfigFile::load(chain(16)).value("bottom") == "1");
    const auto msg = error_of([&] { ConfigFile::load(chain(17)); });
    CHECK(msg.find("deeper than 16") != std::string::npos);
}

TEST_CASE("malformed lines are errors with file:line")
{
    TempDir dir;
    SUBCASE("no '='")
    {
        const auto main = dir.write("main.conf", "a=1\n\n  novalue  \n");
        CHECK(error_of([&] { ConfigFile::load(main); })
            == main.string() + ":3: expected key=value, got 'novalue'");
    }
    SUBCASE("empty key")
    {
        const auto main = dir.write("main.conf", " = value\n");
        CHECK(error_of([&] { ConfigFile::load(main); }) == main.string() + ":1: expected key=value, got '= value'");
    }
    SUBCASE("in an included file")
    {
        dir.write("inc.conf", "ok=1\nbad line\n");
        const auto main = dir.write("main.conf", "include=inc.conf\n");
        CHECK(error_of([&] { ConfigFile::load(main); }).find((dir.path() / "inc.conf").string() + ":2:") == 0);
    }
    SUBCASE("include without a file name")
    {
        const auto main = dir.write("main.conf", "include=\n");
        CHECK(error_of([&] { ConfigFile::load(main); }) == main.string() + ":1: include needs a file name");
    }
}

TEST_CASE("load() of a missing or unreadable file says which and why")
{
    TempDir dir;
    const auto missing = dir.path() / "missing.conf";
    CHECK(error_of([&] { ConfigFile::load(missing); })
        == "cannot read config file " + missing.string() + ": No such file or directory");
    CHECK(error_of([&] { ConfigFile::load(dir.path()); })
        == "cannot read config file " + dir.path().string() + ": Is a directory");
}

TEST_CASE("an endless or huge include is refused, not read until memory runs out")
{
    TempDir dir;
    const auto main = dir.write("main.conf", "a=1\ninclude=/dev/zero\n");
    const auto msg = error_of([&] { ConfigFile::load(main); });
    CHECK(msg.find(main.string() + ":2: cannot read included file /dev/zero: larger than 16 MiB") == 0);
    const auto big = dir.write("big.conf", std::string(17u << 20, '#'));
    CHECK(error_of([&] { ConfigFile::load(big); }).find("larger than 16 MiB") != std::string::npos);
}

TEST_CASE("a default-constructed ConfigFile is empty and getters return defaults")
{
    const ConfigFile config;
    CHECK(config.keys().empty());
    CHECK_FALSE(config.value("x").has_value());
    CHECK(config.values("x").empty());
    CHECK(config.get_string("x", "dflt") == "dflt");
    CHECK(config.get_bool("x", true) == true);
    CHECK(config.get_bool("x", false) == false);
    CHECK(config.get_uint("x", 2501) == 2501);
    CHECK(config.origin("x") == "built-in default");
}

TEST_CASE("set replaces every value, add appends")
{
    TempDir dir;
    auto config = ConfigFile::load(dir.write("main.conf", "source=a\nsource=b\nport=1\n"));
    config.add("source", "c");
    CHECK(config.values("source") == Strings{"a", "b", "c"});
    CHECK(config.origin("source") == "command line");
    config.set("source", "only");
    CHECK(config.values("source") == Strings{"only"});
    config.set("new", "v");
    CHECK(config.value("new") == "v");
    CHECK(config.value("port") == "1");
}

TEST_CASE("get_string")
{
    ConfigFile config;
    config.set("name", "airsight");
    CHECK(config.get_string("name", "x") == "airsight");
    config.set("name", "");
    CHECK(config.get_string("name", "x") == "");
}

TEST_CASE("get_bool accepts true/false/yes/no/1/0 in any case")
{
    ConfigFile config;
    for (const char* yes : {"true", "TRUE", "Yes", "yes", "1"}) {
        config.set("flag", yes);
        CHECK_MESSAGE(config.get_bool("flag", false) == true, yes);
    }
    for (const char* no : {"false", "False", "NO", "no", "0"}) {
        config.set("flag", no);
        CHECK_MESSAGE(config.get_bool("flag", true) == false, no);
    }
}

TEST_CASE("get_bool rejects anything else, naming the key, origin and value")
{
    TempDir dir;
    const auto main = dir.write("main.conf", "\nhttpd_ssl=maybe\n");
    const auto config = ConfigFile::load(main);
    CHECK(error_of([&] { (void)config.get_bool("httpd_ssl", false); })
        == main.string() + ":2: httpd_ssl: expected true/false/yes/no/1/0, got 'maybe'");
    ConfigFile empty_value;
    empty_value.set("flag", "");
    CHECK(error_of([&] { (void)empty_value.get_bool("flag", true); }).find("flag") != std::string::npos);
}

TEST_CASE("get_uint parses decimal numbers within range")
{
    ConfigFile config;
    config.set("port", "2501");
    CHECK(config.get_uint("port", 1, 1, 65535) == 2501);
    config.set("port", "0");
    CHECK(config.get_uint("port", 7) == 0);
    config.set("port", "18446744073709551615");
    CHECK(config.get_uint("port", 7) == 18446744073709551615ULL);
    config.set("port", "65535");
    CHECK(config.get_uint("port", 1, 1, 65535) == 65535);
}

TEST_CASE("get_uint errors name the key and the problem")
{
    TempDir dir;
    const auto main = dir.write("main.conf", "port=70000\n");
    const auto config = ConfigFile::load(main);
    CHECK(error_of([&] { (void)config.get_uint("port", 2501, 1, 65535); })
        == main.string() + ":1: port: 70000 is out of range, expected a number between 1 and 65535");

    ConfigFile c;
    for (const char* bad : {"", "12abc", "-1", "+1", "1.5", "0x10", " 1"}) {
        c.set("n", bad);
        const auto msg = error_of([&] { (void)c.get_uint("n", 0); });
        CHECK_MESSAGE(msg.find("command line: n: expected a whole number") == 0, bad);
    }
    c.set("n", "99999999999999999999999");
    CHECK(error_of([&] { (void)c.get_uint("n", 0); }).find("out of range") != std::string::npos);
    c.set("n", "0");
    CHECK(error_of([&] { (void)c.get_uint("n", 5, 1, 10); }).find("out of range") != std::string::npos);
}
