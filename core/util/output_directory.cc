#include "util/output_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace airsight::core {
namespace fs = std::filesystem;
namespace {

// True when `path` is `base` or inside it (both absolute and normal).
bool inside(const fs::path& path, const fs::path& base)
{
    const fs::path rel = path.lexically_relative(base);
    return !rel.empty() && *rel.begin() != "..";
}

} // namespace

OutputDirectory::OutputDirectory(fs::path folder) : folder_(fs::absolute(folder).lexically_normal())
{
    if (!folder_.has_filename() && folder_ != folder_.root_path()) folder_ = folder_.parent_path(); // "logs/"
}

std::string OutputDirectory::directory() const { return folder_.string(); }

fs::path OutputDirectory::resolve(std::string_view name) const
{
    const std::string shown(name);
    if (name.empty()) throw std::invalid_argument("the output file name is empty");
    if (name.find('\0') != std::string_view::npos)
        throw std::invalid_argument("the output file name contains a NUL byte");
    const fs::path relative(shown);
    if (relative.is_absolute())
        throw std::invalid_argument("output " + shown + " is an absolute path; give a name relative to the output folder " +
                                    folder_.string() + " (config key output_dir)");
    const fs::path target = (folder_ / relative).lexically_normal();
    if (!inside(target, folder_) || target == folder_ || !target.has_filename())
        throw std::invalid_argument("output " + shown + " leaves the output folder " + folder_.string() +
                                    " or names a folder; give a file name inside it");
    // Symbolic links in the folders on the way must not lead out either.
    std::error_code ec;
    const fs::path real_base = fs::weakly_canonical(folder_, ec);
    if (ec) throw std::invalid_argument("output folder " + folder_.string() + ": " + ec.message());
    if (target.parent_path() != folder_) {
        const fs::path real_parent = fs::canonical(target.parent_path(), ec);
        if (ec)
            throw std::invalid_argument("output " + shown + ": folder " + target.parent_path().string() +
                                        " does not exist (" + ec.message() + ")");
        if (!inside(real_parent, real_base))
            throw std::invalid_argument("output " + shown + " leaves the output folder " + folder_.string() +
                                        " through a symbolic link");
        if (!fs::is_directory(real_parent))
            throw std::invalid_argument("output " + shown + ": " + target.parent_path().string() + " is not a folder");
    }
    const fs::file_type existing = fs::symlink_status(target, ec).type();
    if (existing == fs::file_type::none)
        throw std::invalid_argument("output " + target.string() + " cannot be checked: " + ec.message());
    if (existing != fs::file_type::not_found)
        throw std::invalid_argument("output " + target.string() +
                                    " already exists; outputs never replace a file: choose another name");
    return target;
}

std::string OutputDirectory::check(std::string_view name) const { return resolve(name).string(); }

int OutputDirectory::create(std::string_view name)
{
    {
        std::lock_guard lock(create_mutex_);
        std::error_code ec;
        fs::create_directories(folder_, ec);
        if (ec) throw std::runtime_error("cannot create the output folder " + folder_.string() + ": " + ec.message());
    }
    const fs::path target = resolve(name);
    // O_EXCL makes "never replace" atomic even if the file appeared since the
    // check; with O_CREAT it also refuses a symbolic link in the last place.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        const int err = errno;
        if (err == EEXIST)
            throw std::invalid_argument("output " + target.string() +
                                        " already exists; outputs never replace a file: choose another name");
        throw std::runtime_error("cannot create output " + target.string() + ": " + std::strerror(err));
    }
    return fd;
}

} // namespace airsight::core
