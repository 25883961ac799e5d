// What a test may need that a machine can lack: the shared real captures
// (../shared/captures, via AIRSIGHT_CAPTURES), tshark, and gpsd with gpsfake. Tests that need
// them live in doctest suites named "needs-captures", "needs-tshark" or
// "needs-captures-tshark", and meson runs those suites as tests of their own
// with --needs=...: doctest_main.cc then checks here first and exits 77
// (meson's SKIP) with the reason, or fails when CI=true, so a missing
// prerequisite is never counted as a pass.
#ifndef AIRSIGHT_TESTS_UNIT_PREREQUISITES_H
#define AIRSIGHT_TESTS_UNIT_PREREQUISITES_H

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::test {

/// CI=true in the environment: a missing prerequisite is a failure.
inline bool running_in_ci()
{
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

/// $AIRSIGHT_CAPTURES, or ../shared/captures when it is unset.
inline std::filesystem::path captures_dir()
{
    const char* dir = std::getenv("AIRSIGHT_CAPTURES");
    return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir) : std::filesystem::path("../shared/captures");
}

/// The tshark to run: $TSHARK, or tshark from PATH.
inline std::string tshark_program()
{
    const char* env = std::getenv("TSHARK");
    return env != nullptr && *env != '\0' ? env : "tshark";
}

/// Why each prerequisite in `needs` (comma-separated: captures, tshark) is
/// unavailable; empty when all are there. Throws std::invalid_argument on a
/// name it does not know, so a typo in meson.build cannot skip a test.
inline std::vector<std::string> missing_prerequisites(std::string_view needs)
{
    std::vector<std::string> missing;
    while (!needs.empty()) {
        const std::size_t comma = needs.find(',');
        const std::string_view need = needs.substr(0, comma);
        needs = comma == std::string_view::npos ? std::string_view() : needs.substr(comma + 1);
        if (need == "captures") {
            std::error_code ec;
            const std::filesystem::path dir = captures_dir();
            if (!std::filesystem::is_regular_file(dir / "MANIFEST.tsv", ec))
                missing.push_back("the shared captures are missing: no " + (dir / "MANIFEST.tsv").string() +
                                  " (set AIRSIGHT_CAPTURES to the folder)");
        } else if (need == "tshark") {
            if (std::system((tshark_program() + " -v >/dev/null 2>&1").c_str()) != 0)
                missing.push_back("tshark is not installed (scripts/install-deps.sh --test installs it; or set TSHARK)");
        } else if (need == "gpsd") {
            if (std::system("gpsd -V >/dev/null 2>&1") != 0 || std::system("gpsfake -h >/dev/null 2>&1") != 0)
                missing.push_back("gpsd or gpsfake is not installed (scripts/install-deps.sh --test installs gpsd, "
                                  "gpsd-clients and python3-gps)");
        } else {
            throw std::invalid_argument("unknown test prerequisite '" + std::string(need) +
                                        "' (known: captures, tshark, gpsd)");
        }
    }
    return missing;
}

} // namespace airsight::test

#endif
