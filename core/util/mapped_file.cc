#include "util/mapped_file.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace airsight::core {
namespace {

std::runtime_error failure(const std::filesystem::path& file, const std::string& what)
{
    return std::runtime_error("cannot read " + file.string() + ": " + what);
}

} // namespace

MappedFile::MappedFile(const std::filesystem::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw failure(file, std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        throw failure(file, std::strerror(error));
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        throw failure(file, "not a regular file");
    }
    size_ = static_cast<std::size_t>(info.st_size);
    if (size_ == 0) { // mmap refuses an empty length
        ::close(fd);
        return;
    }
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    const int error = errno;
    ::close(fd); // the mapping keeps the file open
    if (map == MAP_FAILED) throw failure(file, std::string("mmap failed: ") + std::strerror(error));
    data_ = static_cast<const std::uint8_t*>(map);
}

MappedFile::~MappedFile()
{
    if (data_) ::munmap(const_cast<std::uint8_t*>(data_), size_);
}

} // namespace airsight::core
