// Runs records through the BTLE PHY's three handlers against an in-memory
// tracker, as the packet chain would, lending the packet a Dissection.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_TESTS_PHY_HARNESS_H
#define AIRSIGHT_PHYS_BLUETOOTH_TESTS_PHY_HARNESS_H

#include "phy/btle_phy.h"
#include "phy_test_harness.h"

namespace airsight::btle::test {

struct Harness : airsight::test::PhyHarness<BtlePhy, BtleFields, Dissection> {
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
