// Device views: named subsets of devices that plugins add
// (/devices/views/<id>/devices serves them).
#include "devices/device_tracker.h"

namespace airsight::core {

void DeviceTrackerImpl::add_view(DeviceView view)
{
    std::lock_guard lock(views_mutex_);
    for (const DeviceView& v : views_)
        if (v.id == view.id) throw std::invalid_argument("device view '" + view.id + "' already exists (" + v.owner + ")");
    views_.push_back(std::move(view));
}

void DeviceTrackerImpl::remove_views_of(std::string_view owner)
{
    std::lock_guard lock(views_mutex_);
    std::erase_if(views_, [&](const DeviceView& v) { return v.owner == owner; });
}

std::vector<DeviceView> DeviceTrackerImpl::views() const
{
    std::lock_guard lock(views_mutex_);
    return views_;
}

} // namespace airsight::core
