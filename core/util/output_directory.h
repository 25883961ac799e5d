// The OutputFiles service (airsight/output.h): new files only, under one
// folder. Plugins reach it through PluginHost::outputs(); the core's own
// writers (future log drivers) use it the same way.
#ifndef AIRSIGHT_CORE_UTIL_OUTPUT_DIRECTORY_H
#define AIRSIGHT_CORE_UTIL_OUTPUT_DIRECTORY_H

#include <airsight/output.h>

#include <filesystem>
#include <mutex>

namespace airsight::core {

class OutputDirectory final : public OutputFiles {
public:
    /// `folder` need not exist yet; relative folders are taken from the
    /// working directory now, so a later chdir changes nothing.
    explicit OutputDirectory(std::filesystem::path folder);

    std::string directory() const override;
    std::string check(std::string_view name) const override;
    int create(std::string_view name) override;

private:
    std::filesystem::path resolve(std::string_view name) const;

    std::filesystem::path folder_; // absolute, lexically normal
    std::mutex create_mutex_;      // one mkdir of the folder at a time
};

} // namespace airsight::core

#endif
