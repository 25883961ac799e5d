#include "stats/channel_tracker.h"

namespace airsight::core {

void ChannelTracker::tick(std::int64_t now_sec, const DeviceTracker& devices)
{
    const std::map<std::uint32_t, FrequencyCounts::Totals> totals = counts_.snapshot();
    // Devices per frequency: one pass, each shard locked in turn; a device
    // counts where it was last heard (Device::frequency), if within the decay.
    std::map<std::uint32_t, std::uint64_t> active;
    devices.visit_devices([&](const Device& d) {
        if (d.frequency > 0 && static_cast<std::int64_t>(d.mod_time) + kDeviceDecaySec >= now_sec)
            ++active[static_cast<std::uint32_t>(d.frequency)];
    });
    std::lock_guard lock(mutex_);
    for (const auto& [khz, t] : totals) {
        Rates& r = rates_[khz];
        r.packets.add_total(t.packets, now_sec);
        r.bytes.add_total(t.bytes, now_sec);
        const auto found = active.find(khz);
        r.devices.add_value(found == active.end() ? 0.0 : static_cast<double>(found->second), now_sec);
    }
}

std::vector<ChannelTracker::Channel> ChannelTracker::channels() const
{
    const std::map<std::uint32_t, FrequencyCounts::Totals> totals = counts_.snapshot();
    std::vector<Channel> out;
    out.reserve(totals.size());
    std::lock_guard lock(mutex_);
    for (const auto& [khz, t] : totals) {
        Channel c{.khz = khz, .packets = t.packets, .bytes = t.bytes, .signal = t.signal};
        if (auto r = rates_.find(khz); r != rates_.end()) {
            c.packets_rrd = r->second.packets.snapshot();
            c.data_rrd = r->second.bytes.snapshot();
            c.device_rrd = r->second.devices.snapshot();
        }
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace airsight::core
