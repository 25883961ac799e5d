// How devices are listed over REST: the request's field query and time
// bound, sparse records, and views.
#include "devices/device_tracker.h"
#include "util/local_clock.h"

#include <chrono>
#include <cmath>

namespace airsight::core {

DeviceListOptions DeviceTrackerImpl::list_options(const Request& request) const
{
    DeviceListOptions o;
    o.query = parse_field_query(request, fields_);
    if (const Value* t = request.option("last_time")) {
        if (!t->is_number() || !std::isfinite(t->as_double()))
            throw HttpError(400, "last_time must be a number: seconds since the epoch, or negative seconds before now");
        const double now = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
        const double v = t->as_double() < 0 ? now + t->as_double() : t->as_double();
        o.modified_since = seconds_bound(v);
    }
    return o;
}

Value DeviceTrackerImpl::record(const Device& d) const
{
    return records_.record(d, phys_[d.phy_id - 1].name);
}

std::vector<Value> DeviceTrackerImpl::collect(const DeviceListOptions& options,
                                              const std::function<bool(const Device&)>& select) const
{
    const std::vector<WantedField> wanted = options.query.wanted_fields();
    std::vector<Value> out;
    std::lock_guard lock(mutex_);
    out.reserve(devices_.size());
    for (const auto& [_, d] : devices_) {
        if (options.modified_since && d->mod_time < options.modified_since) continue;
        if (select && !select(*d)) continue;
        const std::string& phy = phys_[d->phy_id - 1].name;
        Value v = wanted.empty() ? records_.record(*d, phy) : records_.sparse_record(*d, phy, wanted);
        if (options.query.accepts(v)) out.push_back(std::move(v));
    }
    return out;
}

Reply DeviceTrackerImpl::device_list_reply(const Request& request, const std::function<bool(const Device&)>& select)
{
    auto options = std::make_shared<DeviceListOptions>(list_options(request));
    auto records = std::make_shared<std::vector<Value>>(collect(*options, select));
    return Reply::stream([options, records](Writer& w) {
        w.begin_array();
        for (const Value& v : *records) options->query.write(w, v);
        w.end_array();
    });
}

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
