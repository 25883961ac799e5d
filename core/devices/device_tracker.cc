#include "devices/device_tracker.h"

#include "util/local_clock.h"

#include <algorithm>
#include <chrono>

namespace airsight::core {
namespace {

std::uint64_t local_now() { return static_cast<std::uint64_t>(local_now_sec()); }

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

DeviceTrackerImpl::DeviceTrackerImpl(DeviceTrackerOptions options, MessageBus& log, std::shared_ptr<const OuiTable> oui,
                                     FieldRegistryImpl& fields, std::string server_uuid)
    : options_(options), log_(log), oui_(std::move(oui)), fields_(fields), records_(fields, std::move(server_uuid))
{
}

std::uint32_t DeviceTrackerImpl::register_phy(std::string_view name)
{
    std::lock_guard lock(mutex_);
    for (const PhyInfo& p : phys_)
        if (p.name == name) return p.id;
    if (phys_.size() >= kMaxPhys)
        throw std::length_error("cannot register PHY '" + std::string(name) + "': the tracker takes at most " +
                                std::to_string(kMaxPhys) + " PHYs");
    PhyInfo info;
    info.id = static_cast<std::uint32_t>(phys_.size() + 1);
    info.name = std::string(name);
    info.hash = DeviceKey::hash_phy_name(name);
    phys_.push_back(info);
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

bool DeviceTrackerImpl::update(std::uint32_t phy_id, const MacAddr& mac, const Packet& packet, unsigned flags,
                               std::uint64_t data_bytes, FunctionRef<void(Device&)> update)
{
    const std::uint64_t now = local_now();
    std::lock_guard lock(mutex_);
    if (phy_id == 0 || phy_id > phys_.size()) return false;
    if (options_.idle_timeout_sec && now > last_expiry_) {
        last_expiry_ = now;
        devices_.erase_if([&](const Device& d) { return d.mod_time + options_.idle_timeout_sec < now; });
    }
    const DeviceId id = map_key(phy_id, mac);
    Device* found = devices_.find(id);
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
    if (!found) {
        if (flags & DEVICE_EXISTING_ONLY) return false;
        if (options_.max_devices && devices_.size() >= options_.max_devices) {
            refused_.fetch_add(1, std::memory_order_relaxed);
            if (!limit_reported_) {
                limit_reported_ = true;
                log_.post("Device limit of " + std::to_string(options_.max_devices) +
                              " reached (tracker_max_devices): new devices are not tracked",
                          MSG_ERROR);
            }
            return false;
        }
        auto d = std::make_unique<Device>();
        d->key = DeviceKey{phys_[phy_id - 1].hash, mac};
        d->mac = mac;
        d->phy_id = phy_id;
        d->manuf = manufacturer(mac);
        found = &devices_.insert(id, std::move(d));
    }
    Device& device = *found;
    apply_common(device, packet, flags, data_bytes, now);
    if (update) update(device);
    return true;
}

void DeviceTrackerImpl::count_packet(std::uint32_t phy_id)
{
    if (phy_id >= 1 && phy_id <= kMaxPhys) phy_packets_[phy_id - 1].fetch_add(1, std::memory_order_relaxed);
}

bool DeviceTrackerImpl::with_device(std::uint32_t phy_id, const MacAddr& mac, FunctionRef<void(Device&)> f)
{
    std::lock_guard lock(mutex_);
    Device* d = devices_.find(map_key(phy_id, mac));
    if (!d) return false;
    f(*d);
    return true;
}

bool DeviceTrackerImpl::with_key(const DeviceKey& key, const std::function<void(Device&)>& f)
{
    std::lock_guard lock(mutex_);
    for (const PhyInfo& p : phys_) {
        if (p.hash != key.phy_hash) continue;
        if (Device* d = devices_.find(map_key(p.id, key.mac))) {
            f(*d);
            return true;
        }
    }
    return false;
}

void DeviceTrackerImpl::visit_devices(FunctionRef<void(const Device&)> f) const
{
    std::lock_guard lock(mutex_);
    devices_.for_each([&](DeviceId, const Device& d) { f(d); });
}

std::vector<DeviceTrackerImpl::DeviceId> DeviceTrackerImpl::select_ids(std::uint64_t modified_since,
                                                                       FunctionRef<bool(const Device&)> select) const
{
    std::vector<DeviceId> out;
    std::lock_guard lock(mutex_);
    out.reserve(devices_.size());
    devices_.for_each([&](DeviceId id, const Device& d) {
        if (d.mod_time >= modified_since && (!select || select(d))) out.push_back(id);
    });
    return out;
}

void DeviceTrackerImpl::visit_ids(std::span<const DeviceId> ids,
                                  FunctionRef<void(const Device&, const std::string& phy)> f) const
{
    std::lock_guard lock(mutex_);
    for (const DeviceId id : ids)
        if (const Device* d = devices_.find(id)) f(*d, phys_[d->phy_id - 1].name);
}

Value DeviceTrackerImpl::record(const Device& d) const
{
    return records_.record(d, phys_[d.phy_id - 1].name);
}

std::size_t DeviceTrackerImpl::size() const
{
    std::lock_guard lock(mutex_);
    return devices_.size();
}

std::vector<PhyInfo> DeviceTrackerImpl::phys() const
{
    std::lock_guard lock(mutex_);
    std::vector<PhyInfo> out = phys_;
    for (PhyInfo& p : out) {
        p.devices = 0;
        p.packets = phy_packets_[p.id - 1].load(std::memory_order_relaxed);
    }
    devices_.for_each([&](DeviceId, const Device& d) { ++out[d.phy_id - 1].devices; });
    return out;
}

std::string DeviceTrackerImpl::phy_name(std::uint32_t id) const
{
    std::lock_guard lock(mutex_);
    return id >= 1 && id <= phys_.size() ? phys_[id - 1].name : std::string();
}

void DeviceTrackerImpl::expire_idle(std::uint64_t now_sec)
{
    if (!options_.idle_timeout_sec) return;
    std::lock_guard lock(mutex_);
    devices_.erase_if([&](const Device& d) { return d.mod_time + options_.idle_timeout_sec < now_sec; });
}

} // namespace airsight::core
