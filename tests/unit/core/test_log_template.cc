// log_template expansion (Kismet's % codes) and the logging settings.
#include "logging/log_template.h"
#include "logging/logging_options.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <unistd.h>

using namespace airsight::core;
namespace fs = std::filesystem;

namespace {

LogNameParts parts()
{
    return LogNameParts{"/var/log/air", "Survey", "pcapng", "/home/me", 1764620107}; // 2025-12-01 20:15:07 UTC
}

std::string expand(std::string_view t, unsigned i = 7) { return expand_log_template(t, parts(), i).string(); }

} // namespace

TEST_CASE("every log_template code expands as Kismet's does")
{
    CHECK(expand("%p/%n-%D-%t-%i.%l", 1) == "/var/log/air/Survey-20251201-20-15-07-1.pcapng");
    CHECK(expand("/x/%d") == "/x/Dec-01-2025");
    CHECK(expand("/x/%T") == "/x/201507");
    CHECK(expand("/x/%I") == "/x/000007");
    CHECK(expand("%h/%n.%l") == "/home/me/Survey.pcapng");
    CHECK(expand("/x/100%%-%i") == "/x/100%-7");
    // "%p/" doubles the slash in Kismet (its prefix ends with one): normalised here.
    CHECK(expand("%p//%n") == "/var/log/air/Survey");
    // Relative results are taken from the working directory.
    CHECK(expand("logs/%n") == (fs::current_path() / "logs/Survey").string());
}

TEST_CASE("a malformed log_template is refused, quoted")
{
    CHECK_THROWS_WITH_AS(check_log_template("%p/%n-%q.%l"), doctest::Contains("%p/%n-%q.%l"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(check_log_template("%p/%n-%q.%l"), doctest::Contains("unknown code %q"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(check_log_template("%p/%n%"), doctest::Contains("lone '%'"), std::invalid_argument);
    CHECK_THROWS_AS(check_log_template("%S/x"), std::invalid_argument); // Kismet's install folders: none here
    CHECK_NOTHROW(check_log_template("%p/%n-%D-%t-%i.%l"));
    CHECK_NOTHROW(check_log_template("%%i"));
}

TEST_CASE("the increment is the first number whose file (or .gz, .bz2) does not exist")
{
    std::set<std::string> existing{"/l/T-1.kismet", "/l/T-2.kismet.gz", "/l/T-3.kismet.bz2", "/l/T-5.kismet"};
    const auto exists = [&](const fs::path& p) { return existing.count(p.string()) > 0; };
    LogNameParts p{"/l", "T", "kismet", "", 0};
    CHECK(free_log_path("%p/%n-%i.%l", p, exists) == "/l/T-4.kismet");
    existing.insert("/l/T-4.kismet");
    CHECK(free_log_path("%p/%n-%i.%l", p, exists) == "/l/T-6.kismet");
    // Without %i a taken name is an error, never a replaced file.
    CHECK(free_log_path("%p/%n.%l", p, exists) == "/l/T.kismet");
    existing.insert("/l/T.kismet");
    CHECK_THROWS_WITH_AS(free_log_path("%p/%n.%l", p, exists), doctest::Contains("/l/T.kismet already exists"),
                         std::runtime_error);
    // "%%i" is a '%' and an 'i', not an increment.
    CHECK(free_log_path("%p/%%i", p, exists) == "/l/%i");
    CHECK_THROWS_AS(free_log_path("%p/%n-%i", p, [](const fs::path&) { return true; }), std::runtime_error);
}

TEST_CASE("logging settings: Kismet's keys and defaults")
{
    ConfigFile empty;
    const LoggingOptions d = LoggingOptions::from_config(empty, "/out");
    CHECK(d.enabled);
    CHECK(d.prefix == "/out");
    CHECK(d.title == "Kismet");
    CHECK(d.log_template == "%p/%n-%D-%t-%i.%l");
    CHECK(d.types == std::vector<std::string>{"kismet"});
    CHECK_FALSE(d.types_configured);
    CHECK(d.device_rate == std::chrono::seconds(30));

    ConfigFile c;
    c.set("enable_logging", "false");
    c.set("log_prefix", "/p");
    c.set("log_title", "Walk");
    c.add("log_types", "Kismet, pcapng");
    c.add("log_types", "pcapng,testlog");
    c.set("kis_log_device_rate", "5");
    const LoggingOptions o = LoggingOptions::from_config(c, "/out");
    CHECK_FALSE(o.enabled);
    CHECK(o.prefix == "/p");
    CHECK(o.title == "Walk");
    CHECK(o.types == std::vector<std::string>{"kismet", "pcapng", "testlog"});
    CHECK(o.types_configured);
    CHECK(o.device_rate == std::chrono::seconds(5));

    ConfigFile bad;
    bad.set("log_template", "%p/%x");
    CHECK_THROWS_WITH_AS(LoggingOptions::from_config(bad, "/out"), doctest::Contains("%p/%x"), ConfigError);
}

TEST_CASE("a log_prefix that cannot take logs is refused with the path and the reason")
{
    char dir_template[] = "/tmp/airsight-prefix-XXXXXX";
    REQUIRE(mkdtemp(dir_template));
    const fs::path dir = dir_template;
    std::ofstream(dir / "file") << "x";
    CHECK_THROWS_WITH_AS(ensure_log_prefix(dir / "file" / "logs"), doctest::Contains((dir / "file/logs").c_str()),
                         ConfigError);
    CHECK_THROWS_WITH_AS(ensure_log_prefix(dir / "file" / "logs"), doctest::Contains("Not a directory"), ConfigError);
    CHECK_THROWS_WITH_AS(ensure_log_prefix(dir / "file"), doctest::Contains("is not a folder"), ConfigError);
    CHECK_NOTHROW(ensure_log_prefix(dir / "new" / "logs"));
    CHECK(fs::is_directory(dir / "new" / "logs"));
    fs::remove_all(dir);
}
