#include "logging/device_pass.h"

#include "devices/device_location.h"
#include "json/json_writers.h"

#include <algorithm>

namespace airsight::core {

LoggedDevice logged_device(const Device& d, const std::string& phy_name, const LocationFields* locations)
{
    LoggedDevice l;
    l.key = d.key.str();
    l.phy_name = phy_name;
    l.mac = d.mac;
    l.first_time = d.first_time;
    l.last_time = d.last_time;
    l.strongest_signal = d.signal.valid ? d.signal.max_signal : 0;
    if (locations)
        if (const auto* where = d.find_component<DeviceLocation>(locations->device_location);
            where && where->record().has_box) {
            const LocationRecord& r = where->record();
            l.has_location = true;
            l.min_lat = r.min.lat;
            l.min_lon = r.min.lon;
            l.max_lat = r.max.lat;
            l.max_lon = r.max.lon;
            l.avg_lat = r.avg.lat;
            l.avg_lon = r.avg.lon;
        }
    l.bytes_data = d.datasize;
    l.type = d.type;
    return l;
}

void DevicePass::next(const DeviceTrackerImpl& devices, const DeviceRecord& record, std::uint64_t now_sec,
                      const std::function<void(std::vector<LoggedDevice>&&)>& sink)
{
    std::lock_guard lock(mutex_);
    const std::vector<DeviceTrackerImpl::DeviceId> ids = devices.select_ids(since_, nullptr);
    const LocationFields* locations = devices.locations();
    std::unordered_map<std::string, std::uint64_t> edge;
    for (std::size_t first = 0; first < ids.size(); first += kChunk) {
        const std::span<const DeviceTrackerImpl::DeviceId> chunk(ids.data() + first,
                                                                 std::min(kChunk, ids.size() - first));
        std::vector<LoggedDevice> out;
        std::vector<Value> records;
        out.reserve(chunk.size());
        devices.visit_ids(chunk, [&](const Device& d, const std::string& phy) {
            std::string key = d.key.str();
            const bool sent = since_ > 0 && d.mod_time == since_ && [&] {
                auto it = edge_.find(key);
                return it != edge_.end() && it->second == d.packets.total;
            }();
            if (d.mod_time >= now_sec) edge.emplace(key, d.packets.total); // sent now or before: same count
            if (sent) return;
            out.push_back(logged_device(d, phy, locations));
            if (record) records.push_back(record(d, phy));
        });
        for (std::size_t i = 0; i < records.size(); ++i) out[i].json = to_json(records[i]);
        if (!out.empty()) sink(std::move(out));
    }
    since_ = now_sec;
    edge_ = std::move(edge);
}

} // namespace airsight::core
