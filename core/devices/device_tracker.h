// The device tracker (implements airsight::DeviceTracker): one Device per
// (PHY, MAC), updated by PHY plugins from the packet chain, served by the
// /devices/... endpoints. Bounded by a device limit and an idle timeout.
#ifndef AIRSIGHT_CORE_DEVICES_DEVICE_TRACKER_H
#define AIRSIGHT_CORE_DEVICES_DEVICE_TRACKER_H

#include "devices/device_index.h"
#include "devices/device_records.h"
#include "devices/oui_table.h"
#include "fields/field_registry.h"

#include <airsight/devices.h>
#include <airsight/host.h>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
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
    void visit_devices(FunctionRef<void(const Device&)> f) const override;

    // --- listing, in two steps so no lock is held while a client reads -------
    /// A device's identity in the tracker: (PHY id << 48) | MAC.
    using DeviceId = std::uint64_t;
    /// The ids of the devices changed at or after `modified_since` (local
    /// clock; 0: any) that `select` accepts (nullptr: all), in one locked pass.
    std::vector<DeviceId> select_ids(std::uint64_t modified_since, FunctionRef<bool(const Device&)> select) const;
    /// Calls `f` with each of `ids` still tracked and its PHY's name, locked.
    void visit_ids(std::span<const DeviceId> ids, FunctionRef<void(const Device&, const std::string& phy)> f) const;
    /// The whole record of one device (call it locked, e.g. from with_key).
    Value record(const Device& d) const;
    const DeviceRecords& records() const { return records_; }

    // --- views (device_views.cc) -------------------------------------------------
    void add_view(DeviceView view);
    void remove_views_of(std::string_view owner);
    std::vector<DeviceView> views() const;

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
    static DeviceId map_key(std::uint32_t phy_id, const MacAddr& mac) { return (std::uint64_t{phy_id} << 48) | mac.value(); }
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
    DeviceIndex devices_;
    std::vector<PhyInfo> phys_; // index = id - 1; PhyInfo::packets unused (see phy_packets_)
    // Packets per PHY, counted on the packet path without the lock.
    static constexpr std::size_t kMaxPhys = 32;
    std::array<std::atomic<std::uint64_t>, kMaxPhys> phy_packets_{};
    std::uint64_t last_expiry_ = 0;
    std::atomic<std::uint64_t> refused_{0};
    bool limit_reported_ = false;
};

} // namespace airsight::core

#endif
