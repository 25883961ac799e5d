// resolve_http_credentials: from the config, from the stored file, generated.
#include "config/credentials.h"

#include "config/config_file.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

using airsight::core::ConfigError;
using airsight::core::ConfigFile;
using airsight::core::resolve_http_credentials;
using airsight::test::TempDir;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& path)
{
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace

TEST_CASE("credentials from the config win and touch no file")
{
    TempDir dir;
    ConfigFile config;
    config.set("httpd_username", "admin");
    config.set("httpd_password", "s3cret#1");
    const auto home = dir.path() / "home";
    const auto creds = resolve_http_credentials(config, home);
    CHECK(creds.username == "admin");
    CHECK(creds.password == "s3cret#1");
    CHECK(creds.stored_in.empty());
    CHECK_FALSE(creds.generated);
    CHECK(creds.warning.empty());
    CHECK_FALSE(fs::exists(home));
}

TEST_CASE("generated credentials: private file, 24 characters, stable across calls")
{
    TempDir dir;
    ConfigFile config;
    config.set("httpd_username", "only-a-username"); // not enough: both are needed
    const auto home = dir.path() / "a" / "b" / "home";
    const auto first = resolve_http_credentials(config, home);
    CHECK(first.generated);
    CHECK(first.username == "airsight");
    CHECK(first.password.size() == 24);
    for (char c : first.password)
        CHECK_MESSAGE(is_alnum(c), c);
    CHECK(first.stored_in == home / "airsight_httpd.conf");
    CHECK(first.warning.empty());
    REQUIRE(fs::is_regular_file(first.stored_in));
    CHECK(mode_of(first.stored_in) == 0600);
    CHECK(mode_of(home) == 0700);
    CHECK(fs::directory_iterator(home) != fs::directory_iterator()); // no temp file left:
    CHECK(std::distance(fs::directory_iterator(home), fs::directory_iterator()) == 1);

    const auto stored = ConfigFile::load(first.stored_in);
    CHECK(stored.value("httpd_username") == "airsight");
    CHECK(stored.value("httpd_password") == first.password);

    const auto second = resolve_http_credentials(config, home);
    CHECK_FALSE(second.generated);
    CHECK(second.username == first.username);
    CHECK(second.password == first.password);
    CHECK(second.stored_in == first.stored_in);
    CHECK(second.warning.empty());
}

TEST_CASE("two homedirs get different passwords")
{
    TempDir dir;
    const ConfigFile config;
    const auto a = resolve_http_credentials(config, dir.path() / "a");
    const auto b = resolve_http_credentials(config, dir.path() / "b/");
    CHECK(a.password != b.password);
    CHECK(mode_of(dir.path() / "b") == 0700);
}

TEST_CASE("a stored file readable by others is read and tightened to 0600")
{
    TempDir dir;
    const auto file = dir.write("home/airsight_httpd.conf", "httpd_username=bob\nhttpd_password=pa#ss\n");
    REQUIRE(::chmod(file.c_str(), 0644) == 0);
    const auto creds = resolve_http_credentials(ConfigFile{}, dir.path() / "home");
    CHECK(creds.username == "bob");
    CHECK(creds.password == "pa#ss");
    CHECK_FALSE(creds.generated);
    CHECK(creds.stored_in == file);
    CHECK(mode_of(file) == 0600);
    CHECK(creds.warning.find(file.string()) != std::string::npos);
    CHECK(creds.warning.find("0600") != std::string::npos);
}

TEST_CASE("a stored file without both keys is an error, not silently replaced")
{
    TempDir dir;
    const auto file = dir.write("home/airsight_httpd.conf", "httpd_username=bob\n");
    REQUIRE(::chmod(file.c_str(), 0600) == 0);
    try {
        resolve_http_credentials(ConfigFile{}, dir.path() / "home");
        FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find(file.string()) == 0);
        CHECK(std::string(e.what()).find("httpd_password") != std::string::npos);
    }
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == "httpd_username=bob\n");
}

TEST_CASE("a homedir that cannot be created is an error naming the path and reason")
{
    TempDir dir;
    const auto blocker = dir.write("regular_file", "not a directory\n");
    const auto home = blocker / "home";
    try {
        resolve_http_credentials(ConfigFile{}, home);
        FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
        const std::string msg = e.what();
        CHECK(msg.find(blocker.string()) != std::string::npos);
        CHECK(msg.find("Not a directory") != std::string::npos);
    }
}

TEST_CASE("a homedir that is a regular file is an error")
{
    TempDir dir;
    const auto home = dir.write("home", "");
    try {
        resolve_http_credentials(ConfigFile{}, home);
        FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find(home.string()) != std::string::npos);
    }
}

TEST_CASE("generate_password: length and alphabet")
{
    CHECK(airsight::core::generate_password(0).empty());
    const auto p = airsight::core::generate_password(1000);
    CHECK(p.size() == 1000);
    bool upper = false, lower = false, digit = false;
    for (char c : p) {
        REQUIRE(is_alnum(c));
        upper |= c >= 'A' && c <= 'Z';
        lower |= c >= 'a' && c <= 'z';
        digit |= c >= '0' && c <= '9';
    }
    CHECK((upper && lower && digit));
    CHECK(airsight::core::generate_password() != airsight::core::generate_password());
}

TEST_CASE("default_homedir is $HOME/.airsight, else /root/.airsight")
{
    const char* old = std::getenv("HOME");
    const std::string saved = old ? old : "";
    ::setenv("HOME", "/some/where", 1);
    CHECK(airsight::core::default_homedir() == fs::path("/some/where/.airsight"));
    ::unsetenv("HOME");
    CHECK(airsight::core::default_homedir() == fs::path("/root/.airsight"));
    if (old)
        ::setenv("HOME", saved.c_str(), 1);
}
