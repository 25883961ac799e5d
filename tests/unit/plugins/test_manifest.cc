#include "plugins/manifest.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using airsight::core::is_valid_plugin_name;
using airsight::core::Manifest;
using airsight::core::ManifestError;
using airsight::core::parse_manifest;
using airsight::core::read_manifest;

namespace {

// The ManifestError message parsing `text` throws, or "" when it parses.
std::string error_of(std::string_view text)
{
    try {
        parse_manifest(text);
    } catch (const ManifestError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("manifest: Kismet's keys, comments, blank lines and spaces")
{
    const Manifest m = parse_manifest("# a comment\n"
                                      "\n"
                                      "name = hello\n"
                                      "  description=Says hello # not a comment\r\n"
                                      "author=Someone <s@example.org>\n"
                                      "version=1.0\n"
                                      "object=hello.so\n"
                                      "js=hello,/plugin/hello/js/hello.js\n"
                                      "some_future_key=ignored\n");
    CHECK(m.name == "hello");
    CHECK(m.description == "Says hello # not a comment");
    CHECK(m.author == "Someone <s@example.org>");
    CHECK(m.version == "1.0");
    CHECK(m.object == "hello.so");
    CHECK(m.js == "hello,/plugin/hello/js/hello.js");
}

TEST_CASE("manifest: web-only plugins have no object")
{
    const Manifest m = parse_manifest("name=webdemo\njs=webdemo,/plugin/webdemo/js/webdemo.js");
    CHECK(m.object.empty());
    CHECK(m.js == "webdemo,/plugin/webdemo/js/webdemo.js");
}

TEST_CASE("manifest: errors say what is wrong")
{
    CHECK(error_of("description=no name\n") == "no name= in manifest");
    CHECK(error_of("name=\n") == "no name= in manifest");
    CHECK(error_of("name=bad name\n").find("invalid plugin name 'bad name'") == 0);
    CHECK(error_of("name=a/b\n").find("invalid plugin name") == 0);
    CHECK(error_of("name=ok\njust words\n") == "line 2: expected key=value");
    CHECK(error_of("name=ok\n=value\n") == "line 2: expected key=value");
    CHECK(error_of("name=ok\nname=again\n") == "line 2: name= given twice");
    CHECK(error_of("name=ok\nobject=/usr/lib/evil.so\n").find("must be relative") != std::string::npos);
    CHECK(error_of("name=ok\nobject=../other/x.so\n").find("must not leave") != std::string::npos);
    CHECK(error_of("name=ok\nobject=lib/ok.so\n").empty());
}

TEST_CASE("manifest: plugin names")
{
    CHECK(is_valid_plugin_name("hello"));
    CHECK(is_valid_plugin_name("Hello_World-2.0"));
    CHECK_FALSE(is_valid_plugin_name(""));
    CHECK_FALSE(is_valid_plugin_name("."));
    CHECK_FALSE(is_valid_plugin_name(".."));
    CHECK_FALSE(is_valid_plugin_name("a b"));
    CHECK_FALSE(is_valid_plugin_name("a/b"));
    CHECK_FALSE(is_valid_plugin_name("caf\xc3\xa9"));
    CHECK_FALSE(is_valid_plugin_name(std::string(65, 'a')));
}

TEST_CASE("manifest: reading files")
{
    namespace fs = std::filesystem;
    std::string tmpl = (fs::temp_directory_path() / "airsight-manifest-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    const fs::path dir = tmpl;

    std::ofstream(dir / "manifest.conf") << "name=fromfile\nversion=3\n";
    CHECK(read_manifest(dir / "manifest.conf").version == "3");
    CHECK_THROWS_WITH_AS(read_manifest(dir / "missing.conf"), doctest::Contains("cannot read"), ManifestError);
    CHECK_THROWS_WITH_AS(read_manifest(dir), doctest::Contains("not a regular file"), ManifestError);
    std::ofstream(dir / "huge.conf") << "name=huge\n# " << std::string(70 * 1024, 'x') << "\n";
    CHECK_THROWS_WITH_AS(read_manifest(dir / "huge.conf"), doctest::Contains("too large"), ManifestError);

    fs::remove_all(dir);
}
