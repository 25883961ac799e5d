#include "plugins/plugin_search_path.h"

#include "airsight_paths.h"
#include "fakes.h"

#include <doctest/doctest.h>

namespace fs = std::filesystem;
using airsight::core::path_is_under;
using airsight::core::plugin_search_path;
using airsight::test::FakeConfig;

namespace {
const fs::path build_root = AIRSIGHT_BUILD_ROOT;
}

TEST_CASE("search path: config dirs in order, then homedir, then the build tree")
{
    FakeConfig config;
    config.entries.emplace("plugin_dir", "/opt/first");
    config.entries.emplace("plugin_dir", "/opt/second/");
    config.entries.emplace("unrelated", "/opt/nope");

    const auto dirs = plugin_search_path(config, "/home/me/.airsight", build_root / "core" / "airsight");
    REQUIRE(dirs.size() == 6);
    CHECK(dirs[0] == "/opt/first");
    CHECK(dirs[1] == "/opt/second");
    CHECK(dirs[2] == "/home/me/.airsight/plugins");
    CHECK(dirs[3] == (build_root / "plugins").lexically_normal());
    CHECK(dirs[4] == (build_root / "phys").lexically_normal());
    CHECK(dirs[5] == (build_root / "datasources").lexically_normal());
}

TEST_CASE("search path: an installed executable finds the plugins installed beside it")
{
    FakeConfig config;
    const auto dirs = plugin_search_path(config, "", "/stage/usr/local/bin/airsight");
    REQUIRE(dirs.size() == 1); // no homedir, not in the build tree
    CHECK(dirs[0] == (fs::path("/stage/usr/local/bin") / AIRSIGHT_PLUGIN_DIR_FROM_BINDIR).lexically_normal());
    // The relative part must climb out of bindir: a prefix-independent layout.
    CHECK(std::string(AIRSIGHT_PLUGIN_DIR_FROM_BINDIR).rfind("..", 0) == 0);
    CHECK(dirs[0].string().find("airsight/plugins") != std::string::npos);
}

TEST_CASE("search path: a sibling of the build root is not the build tree")
{
    FakeConfig config;
    const fs::path sibling = build_root.string() + "-other";
    const auto dirs = plugin_search_path(config, "", sibling / "core" / "airsight");
    REQUIRE(dirs.size() == 1);
    CHECK(dirs[0] != (build_root / "plugins").lexically_normal());
    CHECK_FALSE(path_is_under(sibling / "core" / "airsight", build_root));
    CHECK(path_is_under(build_root / "core" / "airsight", build_root));
    CHECK(path_is_under(build_root, build_root));
}

TEST_CASE("search path: repeats are dropped, first position kept")
{
    FakeConfig config;
    config.entries.emplace("plugin_dir", "/home/me/.airsight/plugins");
    config.entries.emplace("plugin_dir", "/opt/x");
    config.entries.emplace("plugin_dir", "/opt/./x/");
    const auto dirs = plugin_search_path(config, "/home/me/.airsight", "");
    REQUIRE(dirs.size() == 2);
    CHECK(dirs[0] == "/home/me/.airsight/plugins");
    CHECK(dirs[1] == "/opt/x");
}
