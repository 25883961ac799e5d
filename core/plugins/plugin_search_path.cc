#include "plugins/plugin_search_path.h"

#include "airsight_paths.h"

#include <algorithm>

namespace airsight::core {

namespace fs = std::filesystem;

namespace {

// Resolves what exists of `p` (symlinks, "..") and keeps the rest as written.
fs::path resolved(const fs::path& p)
{
    std::error_code ec;
    fs::path r = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : r;
}

} // namespace

bool path_is_under(const fs::path& path, const fs::path& root)
{
    const fs::path p = resolved(path);
    const fs::path r = resolved(root);
    auto pi = p.begin();
    for (auto ri = r.begin(); ri != r.end(); ++ri, ++pi) {
        if (ri->empty()) continue; // a trailing separator
        if (pi == p.end() || *pi != *ri) return false;
    }
    return true;
}

std::vector<fs::path> plugin_search_path(const airsight::ConfigView& config, const fs::path& homedir,
                                         const fs::path& executable)
{
    std::vector<fs::path> dirs;
    auto add = [&dirs](const fs::path& dir) {
        if (dir.empty()) return;
        fs::path normal = dir.lexically_normal();
        if (!normal.has_filename() && normal.has_parent_path()) normal = normal.parent_path(); // "a/b/" -> "a/b"
        if (std::find(dirs.begin(), dirs.end(), normal) == dirs.end()) dirs.push_back(std::move(normal));
    };

    for (const std::string& dir : config.values("plugin_dir")) add(dir);
    if (!homedir.empty()) add(homedir / "plugins");

    if (executable.empty()) return dirs;
    const fs::path exe = resolved(executable);
    if (path_is_under(exe, AIRSIGHT_BUILD_ROOT)) {
        // The build tree keeps plugins where their sources are: plugins/, phys/, datasources/.
        for (const char* folder : {"plugins", "phys", "datasources"}) add(fs::path(AIRSIGHT_BUILD_ROOT) / folder);
    }
    else
        add(exe.parent_path() / AIRSIGHT_PLUGIN_DIR_FROM_BINDIR);
    return dirs;
}

} // namespace airsight::core
