// Runs records through the dot11 PHY's three handlers against an in-memory
// tracker, as the packet chain would, lending the packet a Dissection and
// the shared 802.11 component the PHY fills for other plugins.
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_PHY_HARNESS_H
#define AIRSIGHT_PHYS_DOT11_TESTS_PHY_HARNESS_H

#include "phy/dot11_phy.h"
#include "phy_test_harness.h"

namespace airsight::dot11::test {

using airsight::test::FakeDevices;
using airsight::test::FakeFields;

struct Harness : airsight::test::PhyHarness<Dot11Phy, Dot11Fields, Dissection> {
    PacketComponent<Ieee80211Frame> shared_frame{1};
    Ieee80211Frame shared_storage; // what the chain would lend the packet

    Harness()
    {
        phy.share_frames(shared_frame);
        lend_more = [this](Packet& p) { shared_frame.bind(p, shared_storage); };
    }

    const Dot11Device* component(const MacAddr& m) const
    {
        const Device* d = device(m);
        return d ? d->find_component<Dot11Device>(fields.device) : nullptr;
    }
};

} // namespace airsight::dot11::test

#endif
