// The BTLE PHY: BLE link-layer captures to tracked devices. Its handlers:
// decap (the capture header: radio facts, the link-layer packet), dissect
// (advertising PDU, CRC, AD structures) and track (the PDU's transmitter and
// addressee, their btle.device and bluetooth.device components).
//
// What is not an advertisement is counted and never tracked: a bad CRC or a
// malformed PDU fails the packet (the source's error count); a packet on
// another access address (a connection's data, or a corrupted advertising
// access address) is left unclaimed, since its CRCInit is unknown here.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_BTLE_PHY_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_BTLE_PHY_H

#include "dissect/ad.h"
#include "dissect/framing.h"
#include "dissect/pdu.h"
#include "phy/btle_device.h"
#include "phy/btle_fields.h"
#include "phy/device_update.h"

#include <airsight/btle_component.h>
#include <airsight/devices.h>
#include <airsight/packet.h>

#include <atomic>
#include <memory>

namespace airsight::btle {

/// One packet's dissection: the packet component "btle.dissection".
struct Dissection {
    static constexpr std::string_view kComponentName = "btle.dissection";
    LinkFrame link;
    ParsedPdu parsed;
    AdvertisingData ad;
    bool dissected = false; // a CRC-valid advertising PDU, parsed

    void reset() { dissected = false; } // the rest is overwritten before `dissected` is set
};

/// What the PHY saw, for /phy/phybtle/stats (and tests).
struct BtleCounters {
    std::atomic<std::uint64_t> advertising{0};   // CRC-valid advertising PDUs tracked
    std::atomic<std::uint64_t> bad_crc{0};       // advertising access address, CRC wrong
    std::atomic<std::uint64_t> malformed{0};     // capture header or PDU too short, reserved PDU type
    std::atomic<std::uint64_t> other_access_address{0}; // data channel or corrupted access address: not tracked
    std::atomic<std::uint64_t> malformed_ad{0};  // AD structures that ran past their end (the PDU is still tracked)
    std::atomic<std::uint64_t> ignored_random{0}; // from a random address, with btle_ignore_random: not tracked
};

class BtlePhy {
public:
    static constexpr std::string_view kPhyName = kBtlePhyName;

    BtlePhy(DeviceTracker& devices, std::shared_ptr<const BtleFields> fields, PacketComponent<Dissection> dissection);

    /// The key of the shared advertisement component (airsight/btle_component.h)
    /// other plugins read, filled by dissect for each CRC-valid PDU with AdvA
    /// and AdvData. Set before packets flow; without it none is attached.
    void share_advertisements(PacketComponent<BtleAdvertisement> key) { shared_advertisement_ = key; }

    /// Kismet's btle_ignore_random: PDUs sent from a random address make no
    /// device (they are still dissected, shared and logged). Set before
    /// packets flow.
    void ignore_random_addresses(bool ignore) { ignore_random_ = ignore; }
    bool ignoring_random() const { return ignore_random_; }

    void decap(Packet& packet) const;
    void dissect(Packet& packet) const;
    void track(Packet& packet) const;

    std::uint32_t phy_id() const { return phy_id_; }
    const BtleCounters& counters() const { return counters_; }
    const BtleFields& fields() const { return *fields_; }

private:
    /// What every packet sets on both its ends; the two components, made on first sight.
    LeComponents common(Device& d, const Dissection& dis, bool random) const;

    DeviceTracker& devices_;
    std::shared_ptr<const BtleFields> fields_;
    PacketComponent<Dissection> dissection_;
    PacketComponent<BtleAdvertisement> shared_advertisement_;
    std::uint32_t phy_id_;
    bool ignore_random_ = false;
    mutable BtleCounters counters_;
};

} // namespace airsight::btle

#endif
