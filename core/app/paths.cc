#include "app/paths.h"

#include "airsight_paths.h"
#include "plugins/plugin_search_path.h"


namespace airsight::core {
namespace fs = std::filesystem;

fs::path current_executable()
{
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

bool running_from_build_tree(const fs::path& executable)
{
    return path_is_under(executable, AIRSIGHT_BUILD_ROOT);
}

fs::path default_webroot(const fs::path& executable)
{
    if (running_from_build_tree(executable)) return fs::path(AIRSIGHT_SOURCE_ROOT) / "webroot";
    return (executable.parent_path() / AIRSIGHT_WEBROOT_FROM_BINDIR).lexically_normal();
}

} // namespace airsight::core
