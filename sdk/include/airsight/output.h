// airsight SDK: files a plugin writes (captures, logs).
//
// Every output goes under one folder the operator chose (config key
// `output_dir`, default <homedir>/logs, Kismet's log_prefix), and is always
// a new file: an output never replaces or appends to a file that exists, and
// never lands outside that folder, whatever name a user typed into a source
// definition or a command.
#ifndef AIRSIGHT_OUTPUT_H
#define AIRSIGHT_OUTPUT_H

#include <string>
#include <string_view>

namespace airsight {

class OutputFiles {
public:
    virtual ~OutputFiles() = default;

    /// The output folder, absolute.
    virtual std::string directory() const = 0;

    /// Where `name` would be created, checked without creating anything:
    /// `name` is relative to directory() (subfolders must exist; "a/../b" is
    /// fine), must not be absolute, must not leave directory() (by ".." or a
    /// symbolic link), and must not exist yet. Returns the absolute path, or
    /// throws std::invalid_argument with the reason, fit for a user (HTTP 400).
    /// Call it when a definition is parsed, to refuse a bad name early.
    virtual std::string check(std::string_view name) const = 0;

    /// Creates `name` (checked as check() does) as a new file, atomically
    /// refusing one that exists (O_CREAT|O_EXCL, symbolic links not followed),
    /// and returns a file descriptor open for writing, which the caller owns
    /// and closes. Creates directory() first when it is missing. Throws
    /// std::invalid_argument as check(), or std::runtime_error with the
    /// system's reason.
    virtual int create(std::string_view name) = 0;
};

} // namespace airsight

#endif
