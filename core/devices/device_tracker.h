// The device tracker (implements airsight::DeviceTracker): one Device per
// (PHY, MAC), updated by PHY plugins from the packet chain, served by the
// /devices/... endpoints. Bounded by a device limit and an idle timeout.
//
// Devices live in 256 shards, each an index under its own mutex, chosen by a
// hash of the device's id: two sources' threads (and a REST listing) rarely
// want the same shard at once, where one tracker-wide mutex made two sources
// slower than one. (With 16, the shards of the few devices every frame
// touches, the access points, were shared by both threads.) Nothing ever
// holds two shard locks.
#ifndef AIRSIGHT_CORE_DEVICES_DEVICE_TRACKER_H
#define AIRSIGHT_CORE_DEVICES_DEVICE_TRACKER_H

#include "devices/device_index.h"
#include "devices/location_fields.h"
#include "devices/oui_table.h"
#include "util/adaptive_mutex.h"

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

/// A watched device the tracker saw appear: its first packet, or its first
/// after a silence (see PresenceWatch).
struct DeviceAppearance {
    std::uint32_t phy_id = 0;
    MacAddr mac;
    std::string name;    // the device's name, else its MAC (Kismet's common name)
    std::string channel;
};

/// Told by the tracker when a device it watches appears: Kismet's
/// devicefound=/devicelost= (core/alerts/device_presence). The tracker asks
/// watches() only for a new device or one silent for longer than quiet_sec(),
/// under the device's shard lock (so it must not call the tracker), and calls
/// appeared() after releasing that lock.
class PresenceWatch {
public:
    virtual ~PresenceWatch() = default;
    /// Packet seconds without a packet after which a device appears again.
    virtual std::uint64_t quiet_sec() const = 0;
    virtual bool watches(const MacAddr& mac) const = 0;
    virtual void appeared(const DeviceAppearance& device) = 0;
};

/// Told of each device the tracker creates, while someone wants to know
/// (the event bus's NEW_DEVICE). wanted() is asked per new device, so it
/// must be cheap; describe() runs with the device locked (no tracker
/// calls), created() right after, unlocked, on the packet's thread.
class NewDeviceWatch {
public:
    virtual ~NewDeviceWatch() = default;
    virtual bool wanted() const = 0;
    virtual Value describe(const Device& device) = 0;
    virtual void created(Value record) = 0;
};

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
    DeviceTrackerImpl(DeviceTrackerOptions options, MessageBus& log, std::shared_ptr<const OuiTable> oui);

    std::uint32_t register_phy(std::string_view name) override;
    bool update(std::uint32_t phy_id, const MacAddr& mac, const Packet& packet, unsigned flags,
                std::uint64_t data_bytes, FunctionRef<void(Device&)> update) override;
    void count_packet(std::uint32_t phy_id) override;
    bool with_device(std::uint32_t phy_id, const MacAddr& mac, FunctionRef<void(Device&)> f) override;
    void prefetch(std::uint32_t phy_id, const MacAddr& mac) const noexcept override
    {
        const DeviceId id = map_key(phy_id, mac);
        shard(id).devices.prefetch(id);
    }
    std::string_view manufacturer(const MacAddr& mac) const override;
    void visit_devices(FunctionRef<void(const Device&)> f) const override;

    // --- listing, in two steps so no lock is held while a client reads -------
    /// A device's identity in the tracker: (PHY id << 48) | MAC.
    using DeviceId = std::uint64_t;
    static DeviceId id_of(const Device& d) { return map_key(d.phy_id, d.mac); }
    /// The ids of the devices changed at or after `modified_since` (local
    /// clock; 0: any) that `select` accepts (nullptr: all), in one locked pass.
    std::vector<DeviceId> select_ids(std::uint64_t modified_since, FunctionRef<bool(const Device&)> select) const;
    /// Calls `f` with each device `select_ids` would select, its id and its
    /// PHY's name, in one pass with each shard locked in turn (for work that
    /// needs a few values of every device, e.g. sorting a table).
    void visit_selected(std::uint64_t modified_since, FunctionRef<bool(const Device&)> select,
                        FunctionRef<void(DeviceId, const Device&, const std::string& phy)> f) const;
    /// Calls `f` with each of `ids` still tracked and its PHY's name, locked.
    void visit_ids(std::span<const DeviceId> ids, FunctionRef<void(const Device&, const std::string& phy)> f) const;

    // --- views (device_views.cc) -------------------------------------------------
    void add_view(DeviceView view);
    void remove_views_of(std::string_view owner);
    std::vector<DeviceView> views() const;

    /// Runs `f` on the device with that key; false when there is none.
    bool with_key(const DeviceKey& key, const std::function<void(Device&)>& f);
    std::size_t size() const { return total_devices_.load(std::memory_order_relaxed); }
    std::vector<PhyInfo> phys() const;
    std::string phy_name(std::uint32_t id) const override;
    std::uint64_t refused_devices() const { return refused_.load(); }

    /// Keeps kismet.device.base.location for devices that send packets
    /// carrying a fix (Packet::location); call before packets flow. Without
    /// it (a test's tracker) locations are not kept.
    void keep_locations(const LocationFields& fields) { locations_ = &fields; }
    /// The fields keep_locations() was given (nullptr: locations are not kept).
    const LocationFields* locations() const { return locations_; }

    /// Removes devices idle for longer than the timeout (also done while updating).
    void expire_idle(std::uint64_t now_sec);

    /// Tells `watch` of the devices it watches as they appear (nullptr:
    /// nobody). Set before packets flow; `watch` outlives the tracker's use.
    void watch_presence(PresenceWatch* watch)
    {
        presence_ = watch;
        presence_quiet_sec_ = watch ? watch->quiet_sec() : 0;
    }

    /// Tells `watch` of new devices (nullptr: nobody). Set before packets flow.
    void watch_new_devices(NewDeviceWatch* watch) { new_devices_ = watch; }

private:
    static DeviceId map_key(std::uint32_t phy_id, const MacAddr& mac) { return (std::uint64_t{phy_id} << 48) | mac.value(); }
    void apply_common(Device& d, const Packet& packet, unsigned flags, std::uint64_t data_bytes, std::uint64_t now);
    static void record_seen_by(Device& d, const Packet& packet, std::uint64_t ts);
    /// The registered PHYs, published by count: an entry is never changed once counted.
    std::span<const PhyInfo> registered_phys() const { return {phys_.data(), phy_count_.load(std::memory_order_acquire)}; }
    bool admit_new_device();

    static constexpr std::size_t kShards = 256;
    struct alignas(64) Shard {
        mutable AdaptiveMutex mutex;
        DeviceIndex devices;
        std::uint64_t last_expiry = 0; // local second of the last idle sweep
    };
    // Another multiplier than DeviceIndex's, so a shard's ids still spread over its whole index.
    static std::size_t shard_of(DeviceId id) { return static_cast<std::size_t>((id * 0xD6E8FEB86659FD93ULL) >> 56); }
    Shard& shard(DeviceId id) const { return shards_[shard_of(id)]; }
    void expire_shard(Shard& s, std::uint64_t now_sec);

    const DeviceTrackerOptions options_;
    MessageBus& log_;
    std::shared_ptr<const OuiTable> oui_;
    mutable std::mutex views_mutex_;
    std::vector<DeviceView> views_;

    mutable std::array<Shard, kShards> shards_;
    std::atomic<std::size_t> total_devices_{0};
    static constexpr std::size_t kMaxPhys = 32;
    std::mutex register_mutex_; // serializes register_phy
    std::array<PhyInfo, kMaxPhys> phys_{}; // index = id - 1; PhyInfo::packets unused (see phy_packets_)
    std::atomic<std::size_t> phy_count_{0};
    // Packets per PHY, counted on the packet path without a lock; striped by
    // thread so two sources do not fight over one cache line.
    static constexpr std::size_t kStripes = 4;
    struct alignas(64) PhyPackets {
        std::array<std::atomic<std::uint64_t>, kMaxPhys> count{};
    };
    std::array<PhyPackets, kStripes> phy_packets_{};
    PresenceWatch* presence_ = nullptr;
    NewDeviceWatch* new_devices_ = nullptr;
    std::uint64_t presence_quiet_sec_ = 0;
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<bool> limit_reported_{false};
    const LocationFields* locations_ = nullptr;
};

} // namespace airsight::core

#endif
