// Runs records through the dot11 PHY's three handlers against an in-memory
// tracker, as the packet chain would, lending the packet a Dissection and
// the shared 802.11 component the PHY fills for other plugins.
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_PHY_HARNESS_H
#define AIRSIGHT_PHYS_DOT11_TESTS_PHY_HARNESS_H

#include "fake_phy_host.h"
#include "phy/dot11_phy.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace airsight::dot11::test {

using airsight::test::FakeDevices;
using airsight::test::FakeFields;

struct Harness {
    FakeFields registry;
    FakeDevices devices;
    std::shared_ptr<const Dot11Fields> shared_fields = std::make_shared<const Dot11Fields>(registry);
    const Dot11Fields& fields = *shared_fields;
    PacketComponent<Dissection> dissection{0};
    PacketComponent<Ieee80211Frame> shared_frame{1};
    Dot11Phy phy{devices, shared_fields, dissection};
    Dissection storage;            // what the chain would lend the packet
    Ieee80211Frame shared_storage; // likewise

    Harness() { phy.share_frames(shared_frame); }

    // Runs one record through decap, dissect and track, as the chain does.
    // The packet's views point into `record`, which the caller keeps.
    Packet run(const std::vector<std::uint8_t>& record, std::uint32_t dlt, std::int64_t sec = 100, std::uint32_t usec = 0,
               bool duplicate = false)
    {
        Packet p;
        p.duplicate = duplicate; // as the chain marks it before TRACK
        p.ts_sec = sec;
        p.ts_usec = usec;
        p.dlt = dlt;
        p.source_number = 7;
        p.data = record;
        p.original_length = static_cast<std::uint32_t>(record.size());
        dissection.bind(p, storage);
        shared_frame.bind(p, shared_storage);
        phy.decap(p);
        phy.dissect(p);
        phy.track(p);
        return p;
    }
    const Dot11Device* component(const MacAddr& m) const
    {
        const Device* d = devices.find(phy.phy_id(), m);
        return d ? d->find_component<Dot11Device>(fields.device) : nullptr;
    }
};

} // namespace airsight::dot11::test

#endif
