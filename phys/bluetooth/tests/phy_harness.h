// Runs records through one of the plugin's PHYs (BTLE, Bluetooth) and its
// three handlers against an in-memory tracker, as the packet chain would,
// lending the packet the PHY's dissection and the shared advertisement
// component the PHY fills for other plugins.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_TESTS_PHY_HARNESS_H
#define AIRSIGHT_PHYS_BLUETOOTH_TESTS_PHY_HARNESS_H

#include "phy/bluetooth_phy.h"
#include "phy/btle_phy.h"
#include "phy_test_harness.h"

namespace airsight::btle::test {

template <typename Phy, typename Dissection>
struct PluginHarness : airsight::test::PhyHarness<Phy, BtleFields, Dissection> {
    using Base = airsight::test::PhyHarness<Phy, BtleFields, Dissection>;
    PacketComponent<BtleAdvertisement> shared_advertisement{1};
    BtleAdvertisement shared_storage; // what the chain would lend the packet

    PluginHarness()
    {
        this->phy.share_advertisements(shared_advertisement);
        this->lend_more = [this](Packet& p) { shared_advertisement.bind(p, shared_storage); };
    }

    BtleDevice* btle(const MacAddr& m) const
    {
        Device* d = this->device(m);
        return d ? d->template find_component<BtleDevice>(this->fields.btle_device) : nullptr;
    }
    BluetoothDevice* bluetooth(const MacAddr& m) const
    {
        Device* d = this->device(m);
        return d ? d->template find_component<BluetoothDevice>(this->fields.bluetooth_device) : nullptr;
    }
};

using Harness = PluginHarness<BtlePhy, Dissection>;
using HciHarness = PluginHarness<BluetoothPhy, HciDissection>;

} // namespace airsight::btle::test

#endif
