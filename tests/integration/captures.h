// Where the real captures recorded by others live (../shared/captures, via
// AIRSIGHT_CAPTURES). A test that needs them fails when CI=true and they are
// missing, and is skipped with a clear message otherwise.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace airsight::test {

inline bool running_in_ci()
{
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

/// The path of a shared capture, or nothing (after failing in CI / saying why otherwise).
inline std::optional<std::filesystem::path> shared_capture(const std::string& name)
{
    const char* dir = std::getenv("AIRSIGHT_CAPTURES");
    const std::filesystem::path path = std::filesystem::path(dir ? dir : "../shared/captures") / name;
    if (std::filesystem::exists(path)) return path;
    if (running_in_ci()) {
        FAIL_CHECK("capture " << path << " is missing: CI must have ../shared/captures beside the checkout");
    } else {
        MESSAGE("SKIPPED: capture " << path << " not found (set AIRSIGHT_CAPTURES); this test only runs with the shared captures");
    }
    return std::nullopt;
}

} // namespace airsight::test
