// The device tracker (implements airsight::DeviceTracker): one Device per
// (PHY, MAC), updated by PHY plugins from the packet chain, served by the
// /devices/... endpoints. Bounded by a device limit and an idle timeout.
#pragma once

#include "devices/device_records.h"
#include "devices/oui_table.h"
#include "fields/field_registry.h"
#include "query/field_query.h"

#include <airsight/devices.h>
#include <airsight/host.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace airsight::core {

struct DeviceTrackerOptions {
    std::size_t max_devices = 0;        // 0: no limit
    std::uint64_t idle_timeout_sec = 0; // 0: devices never expire
};

/// A named subset of devices (/devices/views/<id>/devices).
struct DeviceView {
    std::string id;
    std::string description;
    std::function<bool(const Device&)> select;
    std::string owner;
};

/// What a device list request asks for: a field query and a time bound.
struct DeviceListOptions {
    FieldQuery query;
    std::uint64_t modified_since = 0; // local-clock seconds; 0: every device
};

struct PhyInfo {
    std::uint32_t id = 0;
    std::string name;
    std::uint32_t hash = 0;
    std::uint64_t devices = 0;
    std::uint64_t packets = 0;
};

class DeviceTrackerImpl : public DeviceTracker {
public:
    DeviceTrackerImpl(DeviceTrackerOptions options, MessageBus& log, std::shared_ptr<const OuiTable> oui,
                      FieldRegistryImpl& fields, std::string server_uuid);

    std::uint32_t register_phy(std::string_view name) override;
    bool update(std::uint32_t phy_id, const MacAddr& mac, const Packet& packet, unsigned flags,
                std::uint64_t data_bytes, FunctionRef<void(Device&)> update) override;
    void count_packet(std::uint32_t phy_id) override;
    bool with_device(std::uint32_t phy_id, const MacAddr& mac, FunctionRef<void(Device&)> f) override;
    std::string_view manufacturer(const MacAddr& mac) const override;
    Reply device_list_reply(const Request& request, const std::function<bool(const Device&)>& select) override;

    // --- listing (device_lists.cc) --------------------------------------------
    /// Reads `fields`, `regex` and `last_time` from a request (400 on errors).
    DeviceListOptions list_options(const Request& request) const;
    /// The records of the devices `select` accepts that pass the options' time
    /// bound and regex; sparse when the field spec allows.
    std::vector<Value> collect(const DeviceListOptions& options, const std::function<bool(const Device&)>& select) const;
    /// The whole record of one device.
    Value record(const Device& d) const;
    const DeviceRecords& records() const { return records_; }

    // --- views ------------------------------------------------------------------
    void add_view(DeviceView view);
    void remove_views_of(std::string_view owner);
    std::vector<DeviceView> views() const;

    /// Runs `f` on every device (locked, in no particular order).
    void for_each(const std::function<void(const Device&)>& f) const;
    /// Runs `f` on the device with that key; false when there is none.
    bool with_key(const DeviceKey& key, const std::function<void(Device&)>& f);
    std::size_t size() const;
    std::vector<PhyInfo> phys() const;
    /// The name of a PHY id ("" when unknown).
    std::string phy_name(std::uint32_t id) const;
    std::uint64_t refused_devices() const { return refused_.load(); }

    /// Removes devices idle for longer than the timeout (also done while updating).
    void expire_idle(std::uint64_t now_sec);

private:
    static std::uint64_t map_key(std::uint32_t phy_id, const MacAddr& mac) { return (std::uint64_t{phy_id} << 48) | mac.value(); }
    void apply_common(Device& d, const Packet& packet, unsigned flags, std::uint64_t data_bytes, std::uint64_t now);
    static void record_seen_by(Device& d, const Packet& packet, std::uint64_t ts);

    const DeviceTrackerOptions options_;
    MessageBus& log_;
    std::shared_ptr<const OuiTable> oui_;
    FieldRegistryImpl& fields_;
    DeviceRecords records_;
    mutable std::mutex views_mutex_;
    std::vector<DeviceView> views_;

    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, std::unique_ptr<Device>> devices_;
    std::vector<PhyInfo> phys_; // index = id - 1
    std::uint64_t last_expiry_ = 0;
    std::atomic<std::uint64_t> refused_{0};
    bool limit_reported_ = false;
};

} // namespace airsight::core
