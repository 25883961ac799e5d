// What was built: version, git commit, build time (for /system/status).
#ifndef AIRSIGHT_CORE_UTIL_BUILD_INFO_H
#define AIRSIGHT_CORE_UTIL_BUILD_INFO_H

#include <string_view>

namespace airsight::core {
std::string_view build_version();
std::string_view build_git();
std::string_view build_time_string();
} // namespace airsight::core

#endif
