#include "app/paths.h"

#include "airsight_paths.h"

#include <algorithm>

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
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(AIRSIGHT_BUILD_ROOT, ec);
    const fs::path exe = fs::weakly_canonical(executable, ec);
    auto [root_end, _] = std::mismatch(root.begin(), root.end(), exe.begin(), exe.end());
    return !root.empty() && root_end == root.end();
}

fs::path default_webroot(const fs::path& executable)
{
    if (running_from_build_tree(executable)) return fs::path(AIRSIGHT_SOURCE_ROOT) / "webroot";
    return (executable.parent_path() / AIRSIGHT_WEBROOT_FROM_BINDIR).lexically_normal();
}

} // namespace airsight::core
