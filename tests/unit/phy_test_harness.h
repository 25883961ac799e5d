// Runs records through a PHY's three handlers (decap, dissect, track)
// against the in-memory host of fake_phy_host.h, as the packet chain would,
// lending each packet the PHY's Dissection. Each PHY's tests/phy_harness.h
// names its types and adds lookups of its own device components.
#ifndef AIRSIGHT_TESTS_UNIT_PHY_TEST_HARNESS_H
#define AIRSIGHT_TESTS_UNIT_PHY_TEST_HARNESS_H

#include "fake_phy_host.h"

#include <airsight/packet.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace airsight::test {

template <typename Phy, typename Fields, typename Dissection>
struct PhyHarness {
    FakeFields registry;
    FakeDevices devices;
    std::shared_ptr<const Fields> shared_fields = std::make_shared<const Fields>(registry);
    const Fields& fields = *shared_fields;
    PacketComponent<Dissection> dissection{0};
    Phy phy{devices, shared_fields, dissection};
    Dissection storage; // what the chain would lend the packet
    // Binds whatever else a PHY's chain lends each packet (dot11's shared
    // 802.11 component, say); set by the PHY's own harness.
    std::function<void(Packet&)> lend_more;

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
        if (lend_more) lend_more(p);
        phy.decap(p);
        phy.dissect(p);
        phy.track(p);
        return p;
    }

    Device* device(const MacAddr& m) const { return devices.find(phy.phy_id(), m); }
};

} // namespace airsight::test

#endif
