#include "http/form_decoding.h"
#include "http/sessions.h"
#include "http/static_files.h"

#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <thread>

using namespace airsight;
using namespace airsight::core;
namespace fs = std::filesystem;

TEST_CASE("form decoding")
{
    CHECK(percent_decode("a%20b+c%2B") == "a b c+");
    CHECK_THROWS_AS(percent_decode("%G1"), std::invalid_argument);
    CHECK_THROWS_AS(percent_decode("abc%4"), std::invalid_argument);
    const FormFields f = parse_form("json=%7B%22a%22%3A1%7D&start=0&&empty=&flag&start=5");
    CHECK(f.at("json") == "{\"a\":1}");
    CHECK(f.at("start") == "5");
    CHECK(f.at("empty").empty());
    CHECK(f.count("flag") == 1);
    CHECK(parse_form("").empty());
}

TEST_CASE("Basic authorization, cookies, constant-time compare")
{
    auto login = parse_basic_authorization("Basic dGVzdGVyOnMzY3JldDp3aXRoOmNvbG9ucw==");
    REQUIRE(login);
    CHECK(login->username == "tester");
    CHECK(login->password == "s3cret:with:colons");
    CHECK_FALSE(parse_basic_authorization("Bearer abc"));
    CHECK_FALSE(parse_basic_authorization("Basic bm9jb2xvbg==")); // "nocolon"
    CHECK_FALSE(parse_basic_authorization("Basic "));

    CHECK(find_cookie("a=1; KISMET=abc; b=2", "KISMET") == "abc");
    CHECK(find_cookie("KISMET=xyz", "KISMET") == "xyz");
    CHECK_FALSE(find_cookie("NOTKISMET=1", "KISMET"));
    CHECK_FALSE(find_cookie("", "KISMET"));

    CHECK(constant_time_equal("abc", "abc"));
    CHECK_FALSE(constant_time_equal("abc", "abd"));
    CHECK_FALSE(constant_time_equal("abc", "abcd"));
    CHECK_FALSE(constant_time_equal("", "a"));
}

TEST_CASE("sessions: random ids, lookup, idle expiry, bounded size")
{
    SessionStore store(std::chrono::seconds(3600), 3);
    const std::string a = store.create("alice");
    CHECK(a.size() == 32);
    CHECK(store.create("bob") != a);
    CHECK(store.lookup(a) == "alice");
    CHECK_FALSE(store.lookup("nope"));
    store.create("carol");
    store.create("dave"); // evicts the least recently used: bob
    CHECK(store.size() == 3);
    CHECK(store.lookup(a) == "alice");

    SessionStore expiring(std::chrono::seconds(0), 10);
    const std::string id = expiring.create("x");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK_FALSE(expiring.lookup(id));
}

TEST_CASE("static files stay inside their root")
{
    const fs::path root = fs::temp_directory_path() / ("airsight-static-" + std::to_string(std::random_device{}()));
    fs::create_directories(root / "sub");
    std::ofstream(root / "index.html") << "<html>root</html>";
    std::ofstream(root / "sub" / "app.js") << "let x = 1;";
    std::ofstream(root / ".hidden") << "secret";
    const fs::path outside = root.parent_path() / (root.filename().string() + "-outside.txt");
    std::ofstream(outside) << "outside";
    fs::create_symlink(outside, root / "escape.txt");

    CHECK(resolve_static(root, "/") == fs::canonical(root / "index.html"));
    CHECK(resolve_static(root, "/sub/app.js") == fs::canonical(root / "sub" / "app.js"));
    CHECK_FALSE(resolve_static(root, "/../" + outside.filename().string()));
    CHECK_FALSE(resolve_static(root, "/sub/../../etc/passwd"));
    CHECK_FALSE(resolve_static(root, "/.hidden"));
    CHECK_FALSE(resolve_static(root, "/escape.txt")); // symlink out of the root
    CHECK_FALSE(resolve_static(root, "/missing.html"));
    CHECK_FALSE(resolve_static(root, std::string("/sub/app.js\0x", 13)));
    CHECK(content_type_for("a.js").find("javascript") != std::string_view::npos);
    CHECK(content_type_for("a.unknown") == "application/octet-stream");

    StaticFiles files(root);
    files.add_plugin_dir("demo", root / "sub");
    auto reply = files.serve("/plugin/demo/app.js");
    REQUIRE(reply);
    CHECK(reply->raw == "let x = 1;");
    CHECK_FALSE(files.serve("/plugin/other/app.js"));
    CHECK_FALSE(files.serve("/plugin/demo/../index.html"));
    CHECK(files.serve("/index.html")->raw == "<html>root</html>");

    fs::remove_all(root);
    fs::remove(outside);
}
