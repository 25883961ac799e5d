// Just enough of the server for a PHY plugin's own unit tests (dot11,
// bluetooth): a field registry and a device tracker that keep everything in
// memory, without locking or limits.
#ifndef AIRSIGHT_TESTS_UNIT_FAKE_PHY_HOST_H
#define AIRSIGHT_TESTS_UNIT_FAKE_PHY_HOST_H

#include <airsight/devices.h>
#include <airsight/field.h>

#include <memory>
#include <vector>

namespace airsight::test {

class FakeFields : public FieldRegistry {
public:
    const Field& add(std::string_view name, FieldType type, std::string_view description) override
    {
        if (const Field* f = find(name)) {
            if (f->type != type) throw FieldError("field " + std::string(name) + " registered with another type");
            return *f;
        }
        fields_.push_back(std::make_unique<Field>(
            Field{static_cast<std::uint32_t>(fields_.size() + 1), std::string(name), type, std::string(description)}));
        return *fields_.back();
    }
    const Field* find(std::string_view name) const override
    {
        for (const auto& f : fields_)
            if (f->name == name) return f.get();
        return nullptr;
    }
    std::vector<const Field*> all() const override
    {
        std::vector<const Field*> out;
        for (const auto& f : fields_) out.push_back(f.get());
        return out;
    }

private:
    std::vector<std::unique_ptr<Field>> fields_;
};

class FakeDevices : public DeviceTracker {
public:
    void prefetch(std::uint32_t, const MacAddr&) const noexcept override {} // a hint: nothing to load
    std::uint32_t register_phy(std::string_view name) override
    {
        phy_hash_ = DeviceKey::hash_phy_name(name);
        phy_name_ = std::string(name);
        return 1;
    }
    std::string phy_name(std::uint32_t phy_id) const override { return phy_id == 1 ? phy_name_ : std::string(); }
    bool update(std::uint32_t phy_id, const MacAddr& mac, const Packet& packet, unsigned flags, std::uint64_t,
                FunctionRef<void(Device&)> update) override
    {
        Device* d = find(phy_id, mac);
        if (packet.duplicate) return d != nullptr; // the SDK's contract: counted once, `update` not called
        if (!d) {
            if (flags & DEVICE_EXISTING_ONLY) return false;
            devices_.push_back(std::make_unique<Device>());
            d = devices_.back().get();
            d->phy_id = phy_id;
            d->mac = mac;
            d->key = DeviceKey{phy_hash_, mac};
        }
        // The packet counters the PHY's flags drive, as the real tracker keeps them.
        if (!(flags & DEVICE_NAMED)) {
            ++d->packets.total;
            if (flags & DEVICE_TRANSMITTED) ++d->packets.tx_total;
            if (flags & DEVICE_RECEIVED) ++d->packets.rx_total;
        }
        // The sender's last signal, as the real tracker reads it from the packet.
        if ((flags & DEVICE_TRANSMITTED) && packet.radio.signal_dbm) d->signal.last_signal = *packet.radio.signal_dbm;
        Locked held(locked_);
        update(*d);
        return true;
    }
    void count_packet(std::uint32_t) override {}
    bool with_device(std::uint32_t phy_id, const MacAddr& mac, FunctionRef<void(Device&)> f) override
    {
        Device* d = find(phy_id, mac);
        Locked held(locked_);
        if (d) f(*d);
        return d != nullptr;
    }
    std::string_view manufacturer(const MacAddr&) const override { return "Unknown"; }
    void visit_devices(FunctionRef<void(const Device&)> f) const override
    {
        for (const auto& d : devices_) f(*d);
    }

    std::size_t size() const { return devices_.size(); }
    /// Whether a device is "locked" now: inside update() or with_device(),
    /// where the real tracker holds its lock (events must be published after).
    bool locked() const { return locked_ > 0; }
    Device* find(std::uint32_t phy_id, const MacAddr& mac) const
    {
        for (const auto& d : devices_)
            if (d->phy_id == phy_id && d->mac == mac) return d.get();
        return nullptr;
    }

private:
    struct Locked { // counts, so a with_device inside an update keeps the outer lock
        explicit Locked(int& depth) : depth_(depth) { ++depth_; }
        ~Locked() { --depth_; }
        Locked(const Locked&) = delete;
        Locked& operator=(const Locked&) = delete;
        int& depth_;
    };
    std::vector<std::unique_ptr<Device>> devices_;
    int locked_ = 0;
    std::uint32_t phy_hash_ = 0;
    std::string phy_name_;
};

} // namespace airsight::test

#endif
