// Runs records through the BTLE PHY's three handlers against an in-memory
// tracker, as the packet chain would, lending the packet a Dissection.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_TESTS_PHY_HARNESS_H
#define AIRSIGHT_PHYS_BLUETOOTH_TESTS_PHY_HARNESS_H

#include "fake_phy_host.h"
#include "phy/btle_phy.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace airsight::btle::test {

using airsight::test::FakeDevices;
using airsight::test::FakeFields;

struct Harness {
    FakeFields registry;
    FakeDevices devices;
    std::shared_ptr<const BtleFields> shared_fields = std::make_shared<const BtleFields>(registry);
    const BtleFields& fields = *shared_fields;
    PacketComponent<Dissection> dissection{0};
    BtlePhy phy{devices, shared_fields, dissection};
    Dissection storage;

    Packet run(const std::vector<std::uint8_t>& record, std::uint32_t dlt, std::int64_t sec = 100)
    {
        Packet p;
        p.ts_sec = sec;
        p.dlt = dlt;
        p.source_number = 3;
        p.data = record;
        p.original_length = static_cast<std::uint32_t>(record.size());
        dissection.bind(p, storage);
        phy.decap(p);
        phy.dissect(p);
        phy.track(p);
        return p;
    }
    Device* device(const MacAddr& m) const { return devices.find(phy.phy_id(), m); }
    BtleDevice* btle(const MacAddr& m) const
    {
        Device* d = device(m);
        return d ? d->find_component<BtleDevice>(fields.btle_device) : nullptr;
    }
    BluetoothDevice* bluetooth(const MacAddr& m) const
    {
        Device* d = device(m);
        return d ? d->find_component<BluetoothDevice>(fields.bluetooth_device) : nullptr;
    }
};

} // namespace airsight::btle::test

#endif
