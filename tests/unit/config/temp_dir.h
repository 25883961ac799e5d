// A scratch directory for one test, removed when the test ends, so config
// tests read and write real files without touching anything else.
#ifndef AIRSIGHT_TESTS_UNIT_CONFIG_TEMP_DIR_H
#define AIRSIGHT_TESTS_UNIT_CONFIG_TEMP_DIR_H

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

#include <unistd.h>

namespace airsight::test {

class TempDir {
public:
    TempDir()
    {
        std::random_device rd;
        for (int attempt = 0; attempt < 100; ++attempt) {
            path_ = std::filesystem::temp_directory_path()
                / ("airsight-test-config-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
            if (std::filesystem::create_directory(path_))
                return;
        }
        FAIL("cannot create a unique temp directory");
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    /// Writes `text` to a file under the directory (creating folders) and returns its path.
    std::filesystem::path write(const std::filesystem::path& relative, const std::string& text) const
    {
        const auto file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        REQUIRE(out.good());
        return file;
    }

private:
    std::filesystem::path path_;
};

} // namespace airsight::test

#endif
