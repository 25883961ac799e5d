// The Bluetooth PHY (Kismet's "Bluetooth", key prefix B603E01100000000):
// host-side captures, HCI as a host exchanged it with its controller
// (linktypes 201 and 254, a Linux HCI monitor source included), to tracked
// devices. Its handlers: decap (the capture header: what kind of HCI packet),
// dissect (the event and the reports in it), track (each reported device).
//
// Each report names one device: LE advertising reports with their address
// type, RSSI and AD structures (applied through device_update, as the BTLE
// PHY applies a PDU's), inquiry results with their class of device and EIR
// data, remote names. An LE device gets btle.device beside bluetooth.device,
// since the AD facts (flags, manufacturer data, iBeacon...) live there and
// Kismet's BTLE panels read them there. Commands, ACL, SCO, ISO and other
// events are counted and left alone; a truncated event fails the packet.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_BLUETOOTH_PHY_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_BLUETOOTH_PHY_H

#include "dissect/ad.h"
#include "dissect/hci.h"
#include "phy/btle_device.h"
#include "phy/btle_fields.h"

#include <airsight/btle_component.h>
#include <airsight/devices.h>
#include <airsight/packet.h>

#include <atomic>
#include <memory>

namespace airsight::btle {

/// The PHY's name (Kismet's), and its hash in device keys (B603E01100000000).
inline constexpr std::string_view kBluetoothPhyName = "Bluetooth";
inline constexpr std::uint32_t kBluetoothPhyHash = DeviceKey::hash_phy_name(kBluetoothPhyName);

/// One packet's HCI dissection: the packet component "bluetooth.hci".
struct HciDissection {
    static constexpr std::string_view kComponentName = "bluetooth.hci";
    HciFrame frame;
    HciEvent event;
    AdvertisingData ad; // the report being tracked (reused)
    bool dissected = false; // an event naming devices, parsed

    void reset() { dissected = false; } // the rest is overwritten before `dissected` is set
};

/// What the PHY saw, for /phy/phybluetooth/stats (and tests).
struct BluetoothCounters {
    std::atomic<std::uint64_t> events{0};            // HCI events read (any kind)
    std::atomic<std::uint64_t> le_reports{0};        // LE Advertising Report reports tracked
    std::atomic<std::uint64_t> le_extended_reports{0}; // LE Extended Advertising Report reports tracked
    std::atomic<std::uint64_t> inquiry_reports{0};   // inquiry result responses (all three events) tracked
    std::atomic<std::uint64_t> remote_names{0};      // successful remote name requests tracked
    std::atomic<std::uint64_t> malformed{0};         // capture headers or events shorter than they say
    std::atomic<std::uint64_t> other_events{0};      // well-formed events that name no device
    std::atomic<std::uint64_t> other_hci{0};         // commands, ACL, SCO, ISO, the monitor's own records
    std::atomic<std::uint64_t> malformed_ad{0};      // reports whose AD/EIR structures ran past their end (still tracked)
    std::atomic<std::uint64_t> not_shared{0};        // LE reports past an event's first: the shared component holds one
};

class BluetoothPhy {
public:
    static constexpr std::string_view kPhyName = kBluetoothPhyName;

    BluetoothPhy(DeviceTracker& devices, std::shared_ptr<const BtleFields> fields,
                 PacketComponent<HciDissection> dissection);

    /// The key of the shared advertisement component (airsight/btle_component.h),
    /// filled by dissect for an event's first LE report. Set before packets
    /// flow; without it none is attached.
    void share_advertisements(PacketComponent<BtleAdvertisement> key) { shared_advertisement_ = key; }

    void decap(Packet& packet) const;
    void dissect(Packet& packet) const;
    void track(Packet& packet) const;

    std::uint32_t phy_id() const { return phy_id_; }
    const BluetoothCounters& counters() const { return counters_; }
    const BtleFields& fields() const { return *fields_; }

private:
    void track_report(Packet& packet, HciDissection& d, const HciReport& r) const;

    DeviceTracker& devices_;
    std::shared_ptr<const BtleFields> fields_;
    PacketComponent<HciDissection> dissection_;
    PacketComponent<BtleAdvertisement> shared_advertisement_;
    std::uint32_t phy_id_;
    mutable BluetoothCounters counters_;
};

} // namespace airsight::btle

#endif
