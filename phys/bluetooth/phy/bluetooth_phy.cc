#include "phy/bluetooth_phy.h"

#include "dissect/pdu.h"
#include "phy/advertisement_component.h"
#include "phy/device_update.h"

#include <airsight/printable.h>

namespace airsight::btle {
namespace {

void bump(std::atomic<std::uint64_t>& c) { c.fetch_add(1, std::memory_order_relaxed); }

// Kismet's Bluetooth PHY: every device on "FHSS" at 2.4 GHz (a report says
// nothing of the channel it was heard on).
constexpr std::string_view kChannel = "FHSS";
constexpr std::uint64_t kFreqKhz = 2400000;

// kismet.device.base.type by Kismet's bt_device_type.
std::string_view type_name(std::uint8_t type)
{
    switch (type) {
    case BluetoothDevice::kTypeBrEdr: return "BR/EDR";
    case BluetoothDevice::kTypeBtle: return kBtleDeviceType;
    default: return "BT";
    }
}

std::atomic<std::uint64_t>& counter_of(BluetoothCounters& c, ReportKind k)
{
    switch (k) {
    case ReportKind::le_advertising: return c.le_reports;
    case ReportKind::le_extended_advertising: return c.le_extended_reports;
    case ReportKind::remote_name: return c.remote_names;
    default: return c.inquiry_reports;
    }
}

} // namespace

BluetoothPhy::BluetoothPhy(DeviceTracker& devices, std::shared_ptr<const BtleFields> fields,
                           PacketComponent<HciDissection> dissection)
    : devices_(devices), fields_(std::move(fields)), dissection_(dissection), phy_id_(devices.register_phy(kPhyName))
{
}

void BluetoothPhy::decap(Packet& packet) const
{
    if (packet.payload_dlt != 0) return; // another PHY's capture header
    if (packet.dlt != dlt::hci_h4_with_phdr && packet.dlt != dlt::linux_monitor) return;
    HciDissection& d = dissection_.attach(packet);
    d.frame = parse_hci_frame(packet.dlt, packet.data);
    if (!d.frame.error.empty()) {
        bump(counters_.malformed);
        packet.fail(d.frame.error);
        return;
    }
    // The HCI packet, without the capture header and type, as the duplicate
    // filter compares it.
    packet.payload = d.frame.packet;
    packet.payload_dlt = packet.dlt;
}

void BluetoothPhy::dissect(Packet& packet) const
{
    if (packet.error) return;
    HciDissection* found = dissection_.find(packet);
    if (!found || !found->frame.ours) return;
    HciDissection& d = *found;
    if (d.frame.kind != HciKind::event) {
        bump(counters_.other_hci);
        return;
    }
    bump(counters_.events);
    parse_hci_event(d.frame.packet, d.event);
    if (d.event.verdict == HciEventVerdict::malformed) {
        bump(counters_.malformed);
        packet.fail(d.event.error);
        return;
    }
    if (d.event.verdict == HciEventVerdict::other) {
        bump(counters_.other_events);
        return;
    }
    d.dissected = true;
    packet.phy_id = phy_id_;
    packet.kind = PacketKind::management;
    const HciReport& first = d.event.reports.front();
    packet.addresses.source = packet.addresses.transmitter = first.address;
    packet.radio.freq_khz = kFreqKhz;
    packet.radio.signal_dbm = first.rssi;
    if (!shared_advertisement_.registered()) return;
    // The component holds one advertisement; controllers put one report in
    // an event nearly always, and the rest are counted.
    bool shared = false;
    for (const HciReport& r : d.event.reports) {
        if (!r.le()) continue;
        if (shared) {
            bump(counters_.not_shared);
            continue;
        }
        // An extended report's data came over the secondary PHY when there was one.
        const LePhy radio = r.kind == ReportKind::le_advertising ? LePhy::le_1m
                            : r.secondary_phy != LePhy::unknown  ? r.secondary_phy
                                                                 : r.primary_phy;
        fill_advertisement({.advertiser = r.address, .random = r.random(), .extended = r.extended(), .radio = radio, .ad = r.data},
                           shared_advertisement_.attach(packet));
        shared = true;
    }
}

void BluetoothPhy::track(Packet& packet) const
{
    HciDissection* found = dissection_.find(packet);
    if (packet.phy_id != phy_id_ || !found || !found->dissected) return;
    if (!packet.duplicate) devices_.count_packet(phy_id_);
    for (const HciReport& r : found->event.reports) track_report(packet, *found, r);
    packet.radio.signal_dbm = found->event.reports.front().rssi;
}

void BluetoothPhy::track_report(Packet& packet, HciDissection& d, const HciReport& r) const
{
    if (!packet.duplicate) bump(counter_of(counters_, r.kind));
    // AD or EIR data: its facts live in btle.device, as the BTLE PHY keeps them.
    const bool advertised = r.le() || !r.data.empty();
    parse_advertising_data(r.data, d.ad);
    if (d.ad.malformed && !packet.duplicate) bump(counters_.malformed_ad);
    const std::optional<std::uint8_t> pdu = pdu_type_of_report(r);
    // Each report is its device's signal; the tracker reads it from the packet.
    packet.radio.signal_dbm = r.rssi;
    devices_.update(phy_id_, r.address, packet, DEVICE_TRANSMITTED | DEVICE_LLC, 0, [&](Device& dev) {
        const std::uint8_t transport = r.le() ? BluetoothDevice::kTypeBtle : BluetoothDevice::kTypeBrEdr;
        const bool fresh = dev.find_component<BluetoothDevice>(fields_->bluetooth_device) == nullptr;
        BluetoothDevice& bt = bluetooth_component(dev, fields_);
        if (fresh) bt.type = transport;
        else if (bt.type != transport) bt.type = BluetoothDevice::kTypeBoth;
        dev.type.assign(type_name(bt.type));
        dev.channel.assign(kChannel);
        if (r.le()) bt.address_type = r.address_type;
        if (r.class_of_device) bt.class_of_device = r.class_of_device;
        if (!r.name.empty()) {
            dev.name.clear();
            append_printable(dev.name, r.name);
        }
        if (!advertised) return;
        const LeComponents c = le_components(dev, fields_, r.random());
        if (pdu) {
            c.le.pdu_type = *pdu;
            c.le.pdu_types_seen |= 1u << *pdu;
        }
        apply_advertisement(dev, c.le, c.bt,
                            {.data = d.ad,
                             .raw = r.data,
                             .scan_response = pdu == pdu_type::scan_rsp,
                             .connectable = connectable_of_report(r),
                             .signal_dbm = r.rssi});
    });
}

} // namespace airsight::btle
