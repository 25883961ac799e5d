// Where an airsight executable finds its web content: the build tree's when
// it runs from the build tree, else the files installed beside it (relative
// to the binary, so any prefix and DESTDIR staging work).
#ifndef AIRSIGHT_CORE_APP_PATHS_H
#define AIRSIGHT_CORE_APP_PATHS_H

#include <filesystem>

namespace airsight::core {

/// The running executable (/proc/self/exe).
std::filesystem::path current_executable();
/// True when `executable` lies inside the meson build tree it was built in.
bool running_from_build_tree(const std::filesystem::path& executable);
/// The default web root for `executable` (httpd_home overrides it).
std::filesystem::path default_webroot(const std::filesystem::path& executable);

} // namespace airsight::core

#endif
