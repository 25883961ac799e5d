// A file mapped read-only into memory: its bytes as a span without copying
// them, so reading a few headers out of a large file (a plugin's ELF info
// record, out of tens of MB of ASan-built .so) costs only the pages read.
//
// The span is valid while the MappedFile lives. The mapping is private: a
// change to the file by someone else may or may not show, and a file cut
// short while mapped makes reads past its new end fault (SIGBUS), so map
// only files nobody rewrites while they are read (installed plugins).
#ifndef AIRSIGHT_CORE_UTIL_MAPPED_FILE_H
#define AIRSIGHT_CORE_UTIL_MAPPED_FILE_H

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace airsight::core {

class MappedFile {
public:
    /// Maps the whole regular file; throws std::runtime_error naming the file
    /// and the reason when it cannot be opened, is not a regular file, or
    /// cannot be mapped. An empty file gives an empty span.
    explicit MappedFile(const std::filesystem::path& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::uint8_t> bytes() const { return {data_, size_}; }

private:
    const std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace airsight::core

#endif
