#include "devices/device_tracker.h"

#include "devices/device_location.h"

#include "util/local_clock.h"

#include <algorithm>
#include <optional>
#include <chrono>
#include <cstddef>

namespace airsight::core {
namespace {

std::uint64_t local_now() { return static_cast<std::uint64_t>(local_now_sec()); }

// Asks the memory system for a device (and its components) ahead of use: at
// 100,000 devices nearly every line a device spans is a cache miss. Asked
// for together, the misses overlap; met one by one in the code, each waits
// in turn.
void prefetch_lines(const void* p, std::size_t bytes)
{
    const auto* c = static_cast<const char*>(p);
    for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(c + at);
}
// What a packet updates: the members before the identity ones (devices.h).
constexpr std::size_t kPacketPathBytes = offsetof(Device, key);
// What a listing usually reads: the counters, type and signal at the start,
// and the identity at the end (not the seen-by list and rate history between).
void prefetch_for_listing(const Device& device)
{
    prefetch_lines(&device, offsetof(Device, seenby));
    prefetch_lines(&device.key, sizeof(Device) - offsetof(Device, key));
}
// The first lines of a PHY component, where its counters are: asking for
// more only queues behind the misses already in flight.
constexpr std::size_t kComponentBytes = 256;

// The lines an update of `device` will touch, its first component's and its
// signal RRD's included.
void prefetch_for_update(const Device& device)
{
    prefetch_lines(&device, kPacketPathBytes);
    // Every line asked for before any is waited on: keeps the compiler from
    // hoisting the read of the component's address above the prefetches.
    asm volatile("" ::: "memory");
    if (!device.components.empty()) prefetch_lines(device.components[0].second.get(), kComponentBytes);
    if (const void* ring = device.signal_rrd.storage()) prefetch_lines(ring, SignalRrd::storage_bytes());
}

void add_signal(SignalStats& s, const RadioInfo& radio)
{
    if (radio.signal_dbm) {
        const int v = *radio.signal_dbm;
        if (!s.valid) {
            s.valid = true;
            s.min_signal = s.max_signal = v;
        }
        s.last_signal = v;
        s.min_signal = std::min(s.min_signal, v);
        s.max_signal = std::max(s.max_signal, v);
    }
    if (radio.noise_dbm) {
        const int v = *radio.noise_dbm;
        if (!s.has_noise) {
            s.has_noise = true;
            s.min_noise = s.max_noise = v;
        }
        s.last_noise = v;
        s.min_noise = std::min(s.min_noise, v);
        s.max_noise = std::max(s.max_noise, v);
    }
    s.max_seen_rate = std::max(s.max_seen_rate, radio.data_rate_mbps);
    s.encoding_set |= radio.encoding_set;
}

} // namespace

DeviceTrackerImpl::DeviceTrackerImpl(DeviceTrackerOptions options, MessageBus& log, std::shared_ptr<const OuiTable> oui)
    : options_(options), log_(log), oui_(std::move(oui))
{
}

std::uint32_t DeviceTrackerImpl::register_phy(std::string_view name)
{
    std::lock_guard lock(register_mutex_);
    for (const PhyInfo& p : registered_phys())
        if (p.name == name) return p.id;
    const std::size_t count = phy_count_.load(std::memory_order_relaxed);
    if (count >= kMaxPhys)
        throw std::length_error("cannot register PHY '" + std::string(name) + "': the tracker takes at most " +
                                std::to_string(kMaxPhys) + " PHYs");
    PhyInfo& info = phys_[count];
    info.id = static_cast<std::uint32_t>(count + 1);
    info.name = std::string(name);
    info.hash = DeviceKey::hash_phy_name(name);
    phy_count_.store(count + 1, std::memory_order_release); // readers see the entry complete
    return info.id;
}

std::string_view DeviceTrackerImpl::manufacturer(const MacAddr& mac) const
{
    return oui_ ? oui_->lookup(mac.oui()) : std::string_view("Unknown");
}

void DeviceTrackerImpl::apply_common(Device& d, const Packet& packet, unsigned flags, std::uint64_t data_bytes,
                                     std::uint64_t now)
{
    const auto ts = static_cast<std::uint64_t>(packet.ts_sec < 0 ? 0 : packet.ts_sec);
    if (d.first_time == 0 || ts < d.first_time) d.first_time = ts;
    d.last_time = std::max(d.last_time, ts);
    d.mod_time = now;
    if (flags & DEVICE_NAMED) return; // kept alive, nothing counted
    ++d.packets.total;
    d.packets_rrd.add(1, static_cast<std::int64_t>(now));
    if (flags & DEVICE_TRANSMITTED) ++d.packets.tx_total;
    if (flags & DEVICE_RECEIVED) ++d.packets.rx_total;
    if (flags & DEVICE_LLC) ++d.packets.llc;
    if (flags & DEVICE_DATA) {
        ++d.packets.data;
        d.datasize += data_bytes;
    }
    if (flags & DEVICE_CRYPT) ++d.packets.crypt;
    if (flags & DEVICE_ERROR) ++d.packets.error;

    // Only what the device itself transmitted tells us about its radio.
    if (!(flags & DEVICE_TRANSMITTED) || (flags & DEVICE_RELAYED)) return;
    add_signal(d.signal, packet.radio);
    if (packet.radio.signal_dbm) d.signal_rrd.add(*packet.radio.signal_dbm, static_cast<std::int64_t>(now));
    if (packet.radio.freq_khz) {
        d.frequency = packet.radio.freq_khz;
        auto it = std::find_if(d.freq_khz_map.begin(), d.freq_khz_map.end(),
                               [&](const auto& e) { return e.first == packet.radio.freq_khz; });
        if (it == d.freq_khz_map.end())
            d.freq_khz_map.emplace_back(packet.radio.freq_khz, 1);
        else
            ++it->second;
    }
    record_seen_by(d, packet, ts);
}

void DeviceTrackerImpl::record_seen_by(Device& d, const Packet& packet, std::uint64_t ts)
{
    auto seen = std::find_if(d.seenby.begin(), d.seenby.end(),
                             [&](const SeenBy& s) { return s.source_number == packet.source_number; });
    if (seen == d.seenby.end()) {
        d.seenby.push_back(SeenBy{packet.source_number, ts, ts, 0, {}});
        seen = d.seenby.end() - 1;
    }
    seen->last_time = std::max(seen->last_time, ts);
    ++seen->packets;
    add_signal(seen->signal, packet.radio);
}

bool DeviceTrackerImpl::admit_new_device()
{
    if (!options_.max_devices) {
        total_devices_.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    // Reserve a place first, so two threads cannot both take the last one.
    if (total_devices_.fetch_add(1, std::memory_order_relaxed) < options_.max_devices) return true;
    total_devices_.fetch_sub(1, std::memory_order_relaxed);
    refused_.fetch_add(1, std::memory_order_relaxed);
    if (!limit_reported_.exchange(true))
        log_.post("Device limit of " + std::to_string(options_.max_devices) +
                      " reached (tracker_max_devices): new devices are not tracked",
                  MSG_ERROR);
    return false;
}

void DeviceTrackerImpl::expire_shard(Shard& s, std::uint64_t now_sec)
{
    const std::size_t gone =
        s.devices.erase_if([&](const Device& d) { return d.mod_time + options_.idle_timeout_sec < now_sec; });
    total_devices_.fetch_sub(gone, std::memory_order_relaxed);
}

bool DeviceTrackerImpl::update(std::uint32_t phy_id, const MacAddr& mac, const Packet& packet, unsigned flags,
                               std::uint64_t data_bytes, FunctionRef<void(Device&)> update)
{
    const std::span<const PhyInfo> phys = registered_phys();
    if (phy_id == 0 || phy_id > phys.size()) return false;
    const std::uint64_t now = packet.local_sec > 0 ? static_cast<std::uint64_t>(packet.local_sec) : local_now();
    const DeviceId id = map_key(phy_id, mac);
    Shard& s = shard(id);
    std::unique_lock lock(s.mutex);
    if (options_.idle_timeout_sec && now > s.last_expiry) {
        s.last_expiry = now;
        expire_shard(s, now);
    }
    Device* found = s.devices.find(id);
    if (packet.duplicate) {
        // Counted when the first source delivered it: only note that this
        // source heard the transmitter too.
        if (!found) return false;
        if ((flags & DEVICE_TRANSMITTED) && !(flags & (DEVICE_RELAYED | DEVICE_NAMED))) {
            found->mod_time = now;
            record_seen_by(*found, packet, static_cast<std::uint64_t>(std::max<std::int64_t>(packet.ts_sec, 0)));
        }
        return true;
    }
    bool appeared = !found; // for a PresenceWatch: new, or back from a silence
    const bool created = !found;
    if (found) {
        prefetch_for_update(*found); // a new device is in cache already
        if (presence_) [[unlikely]] {
            const auto ts = static_cast<std::uint64_t>(std::max<std::int64_t>(packet.ts_sec, 0));
            appeared = found->last_time < ts && ts - found->last_time > presence_quiet_sec_;
        }
    } else {
        if (flags & DEVICE_EXISTING_ONLY) return false;
        if (!admit_new_device()) return false;
        auto d = std::make_unique<Device>();
        d->key = DeviceKey{phys[phy_id - 1].hash, mac};
        d->mac = mac;
        d->phy_id = phy_id;
        d->manuf = manufacturer(mac);
        found = &s.devices.insert(id, std::move(d));
    }
    Device& device = *found;
    const bool watched = appeared && presence_ && presence_->watches(mac);
    apply_common(device, packet, flags, data_bytes, now);
    if (update) update(device);
    // After the PHY's update, so a new device's first component is the PHY's
    // (the one the tracker prefetches).
    if (packet.location && locations_ && (flags & DEVICE_TRANSMITTED) && !(flags & (DEVICE_NAMED | DEVICE_RELAYED)))
        device.component<DeviceLocation>(locations_->device_location, [&] {
            return std::make_unique<DeviceLocation>(*locations_);
        }).add(*packet.location, static_cast<std::int64_t>(now));
    // A new device's record, when someone listens (NEW_DEVICE): built
    // locked, after the PHY's update, and handed over unlocked.
    std::optional<Value> announced;
    if (created && new_devices_ && new_devices_->wanted()) [[unlikely]]
        announced = new_devices_->describe(device);
    if (watched) [[unlikely]] {
        // Named after the PHY's update, which sets the name and channel; told unlocked.
        DeviceAppearance seen{phy_id, mac, device.name.empty() ? mac.str() : device.name, device.channel};
        lock.unlock();
        presence_->appeared(seen);
    }
    if (announced) [[unlikely]] {
        if (lock.owns_lock()) lock.unlock();
        new_devices_->created(std::move(*announced));
    }
    return true;
}

void DeviceTrackerImpl::count_packet(std::uint32_t phy_id)
{
    // Each thread keeps to one stripe, picked once.
    static std::atomic<std::size_t> next_stripe{0};
    thread_local const std::size_t stripe = next_stripe.fetch_add(1, std::memory_order_relaxed) % kStripes;
    if (phy_id >= 1 && phy_id <= kMaxPhys)
        phy_packets_[stripe].count[phy_id - 1].fetch_add(1, std::memory_order_relaxed);
}

bool DeviceTrackerImpl::with_device(std::uint32_t phy_id, const MacAddr& mac, FunctionRef<void(Device&)> f)
{
    const DeviceId id = map_key(phy_id, mac);
    Shard& s = shard(id);
    std::lock_guard lock(s.mutex);
    Device* d = s.devices.find(id);
    if (!d) return false;
    f(*d);
    return true;
}

bool DeviceTrackerImpl::with_key(const DeviceKey& key, const std::function<void(Device&)>& f)
{
    for (const PhyInfo& p : registered_phys()) {
        if (p.hash != key.phy_hash) continue;
        const DeviceId id = map_key(p.id, key.mac);
        Shard& s = shard(id);
        std::lock_guard lock(s.mutex);
        if (Device* d = s.devices.find(id)) {
            f(*d);
            return true;
        }
    }
    return false;
}

void DeviceTrackerImpl::visit_devices(FunctionRef<void(const Device&)> f) const
{
    for (const Shard& s : shards_) {
        std::lock_guard lock(s.mutex);
        s.devices.for_each([&](DeviceId, const Device& d) { f(d); });
    }
}

std::vector<DeviceTrackerImpl::DeviceId> DeviceTrackerImpl::select_ids(std::uint64_t modified_since,
                                                                       FunctionRef<bool(const Device&)> select) const
{
    std::vector<DeviceId> out;
    out.reserve(size());
    visit_selected(modified_since, select, [&](DeviceId id, const Device&, const std::string&) { out.push_back(id); });
    return out;
}

void DeviceTrackerImpl::visit_selected(std::uint64_t modified_since, FunctionRef<bool(const Device&)> select,
                                       FunctionRef<void(DeviceId, const Device&, const std::string& phy)> f) const
{
    const std::span<const PhyInfo> phys = registered_phys();
    for (const Shard& s : shards_) {
        std::lock_guard lock(s.mutex);
        s.devices.for_each([&](DeviceId id, const Device& d) {
            if (d.mod_time >= modified_since && (!select || select(d))) f(id, d, phys[d.phy_id - 1].name);
        });
    }
}

void DeviceTrackerImpl::visit_ids(std::span<const DeviceId> ids,
                                  FunctionRef<void(const Device&, const std::string& phy)> f) const
{
    const std::span<const PhyInfo> phys = registered_phys();
    std::vector<const Device*> run;
    // Ids from select_ids come shard by shard: take each shard's lock once per run.
    std::size_t i = 0;
    while (i < ids.size()) {
        const std::size_t index = shard_of(ids[i]);
        const Shard& s = shards_[index];
        std::lock_guard lock(s.mutex);
        run.clear();
        for (; i < ids.size() && shard_of(ids[i]) == index; ++i)
            if (const Device* d = s.devices.find(ids[i])) run.push_back(d);
        // The device 8 ahead, then (its pointers loaded by now) its components 4 ahead.
        // A listing visits devices in an order unrelated to where they lie in memory.
        constexpr std::size_t kDeviceAhead = 8, kComponentsAhead = 4;
        for (std::size_t k = 0; k < std::min(kDeviceAhead, run.size()); ++k) prefetch_for_listing(*run[k]);
        for (std::size_t k = 0; k < run.size(); ++k) {
            if (k + kDeviceAhead < run.size()) prefetch_for_listing(*run[k + kDeviceAhead]);
            if (k + kComponentsAhead < run.size())
                for (const auto& component : run[k + kComponentsAhead]->components)
                    prefetch_lines(component.second.get(), kComponentBytes);
            f(*run[k], phys[run[k]->phy_id - 1].name);
        }
    }
}

std::vector<PhyInfo> DeviceTrackerImpl::phys() const
{
    const std::span<const PhyInfo> registered = registered_phys();
    std::vector<PhyInfo> out(registered.begin(), registered.end());
    for (PhyInfo& p : out) {
        p.devices = 0;
        p.packets = 0;
        for (const PhyPackets& stripe : phy_packets_) p.packets += stripe.count[p.id - 1].load(std::memory_order_relaxed);
    }
    for (const Shard& s : shards_) {
        std::lock_guard lock(s.mutex);
        s.devices.for_each([&](DeviceId, const Device& d) { ++out[d.phy_id - 1].devices; });
    }
    return out;
}

std::string DeviceTrackerImpl::phy_name(std::uint32_t id) const
{
    const std::span<const PhyInfo> phys = registered_phys();
    return id >= 1 && id <= phys.size() ? phys[id - 1].name : std::string();
}

void DeviceTrackerImpl::expire_idle(std::uint64_t now_sec)
{
    if (!options_.idle_timeout_sec) return;
    for (Shard& s : shards_) {
        std::lock_guard lock(s.mutex);
        expire_shard(s, now_sec);
    }
}

} // namespace airsight::core
