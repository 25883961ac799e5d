// MappedFile: a file's bytes, mapped read-only, with reasons for failures.
#include "util/mapped_file.h"

#include "../config/temp_dir.h"

#include <doctest/doctest.h>

#include <string>

using namespace airsight::core;
using airsight::test::TempDir;

namespace {

std::string error_of(const std::filesystem::path& file)
{
    try {
        MappedFile map(file);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(mapped)";
}

} // namespace

TEST_CASE("mapped file: the bytes are the file's, without a copy to make")
{
    TempDir dir;
    std::string text(100'000, 'x');
    text[0] = 'A';
    text.back() = 'Z';
    const auto file = dir.write("data.bin", text);
    MappedFile map(file);
    const auto bytes = map.bytes();
    REQUIRE(bytes.size() == text.size());
    CHECK(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()) == text);
}

TEST_CASE("mapped file: an empty file is an empty span")
{
    TempDir dir;
    MappedFile map(dir.write("empty", ""));
    CHECK(map.bytes().empty());
}

TEST_CASE("mapped file: what cannot be mapped is refused with the file and the reason")
{
    TempDir dir;
    const std::string missing = error_of(dir.path() / "missing.so");
    CHECK(missing.find("missing.so") != std::string::npos);
    CHECK(missing.find("No such file") != std::string::npos);
    const std::string folder = error_of(dir.path());
    CHECK(folder.find("not a regular file") != std::string::npos);
}
