// Where airsight looks for plugins.
//
// Search order (first match of a plugin name wins; later copies are refused
// as duplicates):
//   1. every plugin_dir= value of the configuration, in the order given;
//   2. <homedir>/plugins (the user's own plugins, e.g. ~/.airsight/plugins);
//   3. the build tree's plugin folders, AIRSIGHT_BUILD_ROOT/{plugins,phys,datasources},
//      when the running executable lies inside that build tree;
//      otherwise the installed plugins folder, found relative to the
//      executable (<bindir>/../lib/<arch>/airsight/plugins for the default
//      layout), so an airsight installed into any prefix, or staged with
//      DESTDIR, finds the plugins installed with it.
// Folders that do not exist are skipped when loading. Inside each folder,
// every immediate subfolder holding a manifest.conf is one plugin; they are
// loaded in sorted order.
#ifndef AIRSIGHT_CORE_PLUGINS_PLUGIN_SEARCH_PATH_H
#define AIRSIGHT_CORE_PLUGINS_PLUGIN_SEARCH_PATH_H

#include <airsight/host.h>

#include <filesystem>
#include <vector>

namespace airsight::core {

/// The folders to scan, in search order, without repeats. `homedir` may be
/// empty (no user folder); `executable` should be the absolute path of the
/// running binary (/proc/self/exe), symlinks allowed.
std::vector<std::filesystem::path> plugin_search_path(const airsight::ConfigView& config,
                                                      const std::filesystem::path& homedir,
                                                      const std::filesystem::path& executable);

/// True when `path` is `root` or lies below it, compared component by
/// component after resolving symlinks ("/b/build-x" is not under "/b/build").
bool path_is_under(const std::filesystem::path& path, const std::filesystem::path& root);

} // namespace airsight::core

#endif
