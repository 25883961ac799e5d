// OutputDirectory (airsight/output.h): new files only, under one folder.
#include "util/output_directory.h"

#include "../config/temp_dir.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

using namespace airsight::core;
using airsight::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string reason(const OutputDirectory& out, const std::string& name)
{
    try {
        (void)out.check(name);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(accepted)";
}

std::string contents(const fs::path& file)
{
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("output files: relative names resolve under the folder, created on first use")
{
    TempDir tmp;
    OutputDirectory out(tmp.path() / "logs/");
    CHECK(out.directory() == (tmp.path() / "logs").string());
    CHECK(out.check("a.pcapng") == (tmp.path() / "logs" / "a.pcapng").string());
    CHECK(out.check("x/../b.pcapng") == (tmp.path() / "logs" / "b.pcapng").string());
    CHECK_FALSE(fs::exists(tmp.path() / "logs")); // check() creates nothing

    const int fd = out.create("a.pcapng");
    REQUIRE(fd >= 0);
    CHECK(::write(fd, "data", 4) == 4);
    ::close(fd);
    CHECK(contents(tmp.path() / "logs" / "a.pcapng") == "data");
    CHECK((fs::status(tmp.path() / "logs" / "a.pcapng").permissions() & fs::perms::others_all) == fs::perms::none);

    fs::create_directory(tmp.path() / "logs" / "day1");
    const int in_sub = out.create("day1/b.pcapng");
    CHECK(in_sub >= 0);
    ::close(in_sub);
    CHECK(fs::exists(tmp.path() / "logs" / "day1" / "b.pcapng"));
}

TEST_CASE("output files: absolute names, escapes, folders and taken names are refused with the reason")
{
    TempDir tmp;
    fs::create_directory(tmp.path() / "logs");
    fs::create_directory(tmp.path() / "outside");
    OutputDirectory out(tmp.path() / "logs");
    {
        std::ofstream taken(tmp.path() / "logs" / "taken");
        taken << "precious";
    }
    fs::create_directory_symlink(tmp.path() / "outside", tmp.path() / "logs" / "link");
    fs::create_symlink(tmp.path() / "outside" / "target", tmp.path() / "logs" / "dangling");

    CHECK(reason(out, "/etc/passwd").find("absolute path") != std::string::npos);
    CHECK(reason(out, (tmp.path() / "logs" / "x").string()).find("absolute path") != std::string::npos);
    CHECK(reason(out, "../x").find("leaves the output folder") != std::string::npos);
    CHECK(reason(out, "a/../../x").find("leaves the output folder") != std::string::npos);
    CHECK(reason(out, ".").find("names a folder") != std::string::npos);
    CHECK(reason(out, "sub/").find("names a folder") != std::string::npos);
    CHECK(reason(out, "").find("empty") != std::string::npos);
    CHECK(reason(out, "link/x").find("symbolic link") != std::string::npos);
    CHECK(reason(out, "missing/x").find("does not exist") != std::string::npos);
    CHECK(reason(out, "taken").find("already exists") != std::string::npos);
    CHECK(reason(out, "dangling").find("already exists") != std::string::npos);

    CHECK_THROWS_WITH_AS(out.create("taken"), doctest::Contains("already exists"), std::invalid_argument);
    CHECK_THROWS_AS(out.create("link/x"), std::invalid_argument);
    CHECK_THROWS_AS(out.create("dangling"), std::invalid_argument);
    CHECK(contents(tmp.path() / "logs" / "taken") == "precious");
    CHECK_FALSE(fs::exists(tmp.path() / "outside" / "x"));
    CHECK_FALSE(fs::exists(tmp.path() / "outside" / "target"));
}

TEST_CASE("output files: a folder that cannot be created is a runtime error naming it")
{
    TempDir tmp;
    {
        std::ofstream file(tmp.path() / "file");
        file << "x";
    }
    OutputDirectory out(tmp.path() / "file" / "logs");
    const std::string folder = (tmp.path() / "file" / "logs").string();
    CHECK_THROWS_WITH_AS(out.create("a"), doctest::Contains(folder.c_str()),
                         std::runtime_error);
}
