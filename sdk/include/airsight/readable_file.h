// airsight SDK: why a file a source would replay cannot be read, said before
// the source starts, so a bad definition fails with a reason a user can act on.
#ifndef AIRSIGHT_READABLE_FILE_H
#define AIRSIGHT_READABLE_FILE_H

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace airsight {

/// Why `path` is no readable regular file ("No such file or directory",
/// "Is a directory", "not a regular file", "Permission denied"), or "" when
/// it is one.
inline std::string unreadable_file_reason(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::strerror(errno);
    if (S_ISDIR(st.st_mode)) return std::strerror(EISDIR);
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    if (::access(path.c_str(), R_OK) != 0) return std::strerror(errno);
    return {};
}

} // namespace airsight

#endif
