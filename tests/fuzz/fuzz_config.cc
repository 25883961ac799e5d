// libFuzzer target: a configuration file (Kismet's key=value syntax with
// includes) read by ConfigFile::load, then every key through the typed
// getters the server uses. A bad file must end in ConfigError, nothing else.
//
// The file is written to a private temporary folder, so relative includes
// find only the file itself (a cycle) or nothing. Inputs naming /dev or
// /proc are skipped: a harness must not read the terminal or the process's
// own descriptors (an oversized include is covered by the unit tests).
#include "config/config_file.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace {

const std::filesystem::path& folder()
{
    static const std::filesystem::path dir = [] {
        char templ[] = "/tmp/airsight-fuzz-config-XXXXXX";
        if (!::mkdtemp(templ)) {
            std::perror("mkdtemp");
            std::abort();
        }
        return std::filesystem::path(templ);
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (text.find("/dev") != std::string_view::npos || text.find("/proc") != std::string_view::npos ||
        text.find("%h") != std::string_view::npos)
        return 0;
    const std::filesystem::path file = folder() / "airsight.conf";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) std::abort();
    }
    try {
        const airsight::core::ConfigFile config = airsight::core::ConfigFile::load(file);
        for (const std::string& key : config.keys()) {
            (void)config.values(key);
            (void)config.origin(key);
            (void)config.get_string(key, "");
            try {
                (void)config.get_bool(key, false);
            } catch (const airsight::core::ConfigError&) {
            }
            try {
                (void)config.get_uint(key, 0, 1, 65535);
            } catch (const airsight::core::ConfigError&) {
            }
        }
    } catch (const airsight::core::ConfigError&) {
    }
    return 0;
}
