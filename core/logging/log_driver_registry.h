// The log drivers plugins registered (PluginHost::add_log_driver), by log
// class. The logging manager opens logs through them; the registry only
// keeps them and knows which plugin owns which.
#ifndef AIRSIGHT_CORE_LOGGING_LOG_DRIVER_REGISTRY_H
#define AIRSIGHT_CORE_LOGGING_LOG_DRIVER_REGISTRY_H

#include <airsight/logging.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

class LogDriverRegistry {
public:
    /// Adds a driver owned by `owner` ("plugin:<name>"). Throws
    /// std::invalid_argument when its log class is empty, not lower-case
    /// letters, digits, '-' or '_' (it is a path segment and a file
    /// extension), or already taken.
    void add(std::string owner, std::unique_ptr<LogDriver> driver);
    /// Removes `owner`'s drivers and returns them (the manager closes their
    /// open logs before they go).
    std::vector<std::shared_ptr<LogDriver>> remove_owner(std::string_view owner);
    /// Every driver, in order of registration.
    std::vector<std::shared_ptr<LogDriver>> list() const;
    /// The driver of `log_class`, or nullptr.
    std::shared_ptr<LogDriver> find(std::string_view log_class) const;

private:
    struct Entry {
        std::string owner;
        std::string log_class;
        std::shared_ptr<LogDriver> driver;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

} // namespace airsight::core

#endif
