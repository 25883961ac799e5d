// Where the real captures recorded by others live (../shared/captures, via
// AIRSIGHT_CAPTURES). Tests that need them are in the doctest suites
// "needs-captures*", which meson runs with --needs=captures: skipped (77) as a
// whole when the captures are missing (failed under CI=true), see
// tests/unit/prerequisites.h. So a capture missing here is a failure.
#ifndef AIRSIGHT_TESTS_INTEGRATION_CAPTURES_H
#define AIRSIGHT_TESTS_INTEGRATION_CAPTURES_H

#include "prerequisites.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace airsight::test {

/// The path of a shared capture, or nothing after failing the test.
inline std::optional<std::filesystem::path> shared_capture(const std::string& name)
{
    const std::filesystem::path path = captures_dir() / name;
    if (std::filesystem::exists(path)) return path;
    FAIL_CHECK("capture " << path << " is missing from the shared captures");
    return std::nullopt;
}

} // namespace airsight::test

#endif
