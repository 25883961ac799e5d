#include "logging/log_driver_registry.h"

#include <algorithm>
#include <stdexcept>

namespace airsight::core {

namespace {

bool valid_class(std::string_view c)
{
    return !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    });
}

} // namespace

void LogDriverRegistry::add(std::string owner, std::unique_ptr<LogDriver> driver)
{
    if (!driver) throw std::invalid_argument("log driver is null");
    std::string log_class = driver->log_class();
    if (!valid_class(log_class))
        throw std::invalid_argument("log class '" + log_class +
                                    "' must be lower-case letters, digits, '-' or '_' (it names files and paths)");
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_)
        if (e.log_class == log_class)
            throw std::invalid_argument("log class '" + log_class + "' is already registered by " + e.owner);
    entries_.push_back(Entry{std::move(owner), std::move(log_class), std::shared_ptr<LogDriver>(std::move(driver))});
}

std::vector<std::shared_ptr<LogDriver>> LogDriverRegistry::remove_owner(std::string_view owner)
{
    std::vector<std::shared_ptr<LogDriver>> removed;
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](const Entry& e) {
        if (e.owner != owner) return false;
        removed.push_back(e.driver);
        return true;
    });
    return removed;
}

std::vector<std::shared_ptr<LogDriver>> LogDriverRegistry::list() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<LogDriver>> out;
    for (const Entry& e : entries_) out.push_back(e.driver);
    return out;
}

std::shared_ptr<LogDriver> LogDriverRegistry::find(std::string_view log_class) const
{
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_)
        if (e.log_class == log_class) return e.driver;
    return nullptr;
}

} // namespace airsight::core
