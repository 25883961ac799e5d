#include "phy/uav_phy.h"

namespace airsight::uav {

UavPhy::UavPhy(DeviceTracker& devices, std::shared_ptr<const UavFields> fields, PacketComponent<Ieee80211Frame> frame,
               PacketComponent<BtleAdvertisement> advertisement, UavMatchers matchers)
    : devices_(devices), fields_(std::move(fields)), frame_(frame), advertisement_(advertisement),
      matchers_(std::move(matchers)), phy_id_(devices.register_phy(kPhyName))
{
}

void UavPhy::track(const Packet& packet)
{
    // Another source's copy was read already (Kismet skips duplicates too).
    if (packet.error || packet.duplicate) return;
    if (const Ieee80211Frame* frame = frame_.find(packet)) {
        if (!frame->transmitter.is_zero()) record(packet, frame->transmitter, read_frame(*frame, matchers_), true);
    } else if (const BtleAdvertisement* ad = advertisement_.find(packet)) {
        if (!ad->advertiser.is_zero()) record(packet, ad->advertiser, read_advertisement(*ad), !ad->random_address);
    }
}

void UavPhy::record(const Packet& packet, const MacAddr& sender, const UavSighting& s, bool public_address)
{
    counters_.truncated.fetch_add(s.truncated, std::memory_order_relaxed);
    counters_.impossible.fetch_add(s.impossible, std::memory_order_relaxed);
    counters_.unknown.fetch_add(s.unknown, std::memory_order_relaxed);
    if (s.empty()) return;
    counters_.sightings.fetch_add(1, std::memory_order_relaxed);
    // The record goes on the device of the PHY that filled the component
    // (dot11's or a Bluetooth PHY's, keyed by the sender); DEVICE_NAMED
    // counts no packet twice, and creates the device if that PHY's TRACK has
    // not run yet. Only a Remote ID report without a maker name reads the
    // OUI's (apply_sighting), and only a public address has one.
    const std::string_view manufacturer =
        s.remote_id && public_address ? devices_.manufacturer(sender) : std::string_view();
    devices_.update(packet.phy_id, sender, packet, DEVICE_NAMED, 0, [&](Device& d) {
        UavDevice& dev = d.component<UavDevice>(fields_->device, [&] { return std::make_unique<UavDevice>(fields_); });
        apply_sighting(s, dev, packet.ts_sec, packet.ts_usec, manufacturer);
    });
}

Value UavPhy::stats() const
{
    Value v = Value::map();
    v.put("sightings", counters_.sightings.load(std::memory_order_relaxed));
    v.put("truncated", counters_.truncated.load(std::memory_order_relaxed));
    v.put("impossible", counters_.impossible.load(std::memory_order_relaxed));
    v.put("unknown_type", counters_.unknown.load(std::memory_order_relaxed));
    return v;
}

} // namespace airsight::uav
