#include <airsight/readable_file.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace airsight;
namespace fs = std::filesystem;

TEST_CASE("unreadable_file_reason: a readable file has none; a missing file, a folder and a FIFO each say why")
{
    const fs::path dir = fs::temp_directory_path() / ("airsight-sdk-readable-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "capture.pcap";
    std::ofstream(file) << "x";
    CHECK(unreadable_file_reason(file.string()).empty());
    CHECK(unreadable_file_reason((dir / "missing.pcap").string()) == "No such file or directory");
    CHECK(unreadable_file_reason(dir.string()) == "Is a directory");
    const fs::path fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(unreadable_file_reason(fifo.string()) == "not a regular file");
    fs::remove_all(dir);
}
