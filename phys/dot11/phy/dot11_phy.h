// The dot11 PHY: turns 802.11 frames into tracked devices. Its three packet
// handlers run on every packet: decap (radiotap/PPI/plain 802.11 -> radio
// facts and the frame), dissect (the frame and its IEs), track (the devices
// the frame shows: APs, clients, bridged and WDS devices, handshakes).
#ifndef AIRSIGHT_PHYS_DOT11_PHY_DOT11_PHY_H
#define AIRSIGHT_PHYS_DOT11_PHY_DOT11_PHY_H

#include "dissect/decap.h"
#include "dissect/frame.h"
#include "dissect/ie.h"
#include "ids/pending_alerts.h"
#include "phy/advertisement_watch.h"
#include "phy/dot11_device.h"
#include "phy/dot11_events.h"
#include "phy/dot11_fields.h"

#include <airsight/devices.h>
#include <airsight/ieee80211_component.h>
#include <airsight/packet.h>

#include <memory>

namespace airsight::dot11 {

/// One packet's dissection: the packet component "dot11.dissection", attached
/// by decap (which knows the capture header) and completed by dissect. Valid
/// while the packet is in the chain; it points into the packet's bytes.
struct Dissection {
    static constexpr std::string_view kComponentName = "dot11.dissection";
    Frame frame;
    Ies ies;
    bool has_ies = false;
    bool header_padded = false; // radiotap said the 802.11 header is padded
    bool dissected = false;     // dissect() parsed the frame (decap alone leaves it false)
    // What track() learned from the devices, for OBSERVE detectors: Kismet
    // raises some alerts only on an advertisement whose IEs changed, or only
    // when a device shows an SSID it had not shown before.
    bool advert_changed = false; // a beacon/probe response whose IEs differ from its AP's last one of that kind
    bool new_ssid = false;       // the frame added an SSID to its device's advertised, responded or probed list
    PendingAlerts alerts;        // found while tracking, raised in OBSERVE (ids/pending_alerts.h)

    /// Called by PacketComponent::attach once per packet: clears only the
    /// flags. Rebuilding the whole struct (Frame and Ies hold dozens of
    /// members) per packet is waste: dissect() overwrites `frame` before it
    /// sets `dissected`, and `ies` is read only when `has_ies` says it is this
    /// packet's.
    void reset()
    {
        has_ies = false;
        header_padded = false;
        dissected = false;
        advert_changed = false;
        new_ssid = false;
        alerts.clear();
    }
};

class Dot11Phy {
public:
    static constexpr std::string_view kPhyName = kDot11PhyName;

    /// `dissection` is the key PluginHost::register_packet_component gave for
    /// Dissection::kComponentName. The fields are shared with every
    /// Dot11Device made, since devices outlive this object.
    Dot11Phy(DeviceTracker& devices, std::shared_ptr<const Dot11Fields> fields, PacketComponent<Dissection> dissection);

    void decap(Packet& packet) const;
    void prefetch_devices(std::span<const std::uint8_t> frame) const;
    void dissect(Packet& packet) const;
    void track(Packet& packet) const;

    /// Lets `watch` compare each beacon and probe response with what its AP
    /// advertised before (nullptr: nobody). Set before packets flow.
    void watch_advertisements(const AdvertisementWatch* watch) { watch_ = watch; }
    /// Lets dissect() fill the SDK's shared 802.11 component for the frames
    /// other plugins read (phy/frame_component.h). Set before packets flow;
    /// unset (the default), nothing is filled.
    void share_frames(PacketComponent<Ieee80211Frame> key) { shared_frame_ = key; }

    /// Publishes Kismet's dot11 topics (new SSIDs, WPA handshake frames)
    /// through `events` (nullptr: none, the default). Set before packets flow.
    void publish_events(const Dot11Events* events) { events_ = events; }

    std::uint32_t phy_id() const { return phy_id_; }
    const PacketComponent<Dissection>& dissection() const { return dissection_; }
    /// True for devices this PHY tracks as access points.
    static bool is_access_point(const Device& d, const Dot11Fields& fields);

private:
    Dot11Device& component(Device& d) const;
    void track_beacon_or_response(const Packet& p, Dissection& d) const;
    void track_probe_request(const Packet& p, Dissection& d) const;
    void track_management(const Packet& p, const Dissection& d) const;
    void track_mgmt_receivers(const Packet& p, const Dissection& d) const;
    void track_data(const Packet& p, const Dissection& d) const;
    // Joining a client to its BSS, in two steps so that the client's side
    // runs inside the update of the client a data frame makes anyway.
    struct PairNote {
        bool noted = false;        // the client's side ran
        bool new_pair = false;     // the client had not named this BSS before
        std::uint64_t first_time = 0; // when the pair was first seen
    };
    /// The client's side: `bssid` in its client_of (with the client locked).
    static PairNote note_bss(Dot11Device& client, const MacAddr& bssid, std::uint64_t ts, std::uint64_t data_bytes);
    /// The AP's side: the client in its associated clients, when it may be
    /// missing there; `ap_first_time` is the AP's first_time as last seen.
    void offer_client(const MacAddr& bssid, const MacAddr& client, PairNote pair, std::uint64_t ap_first_time) const;
    /// Both sides, for a frame that updated the client without noting its BSS.
    void associate(const Packet& p, const MacAddr& client, const MacAddr& bssid) const;
    void record_eapol(const Packet& p, const Dissection& d, const MacAddr& ap, const MacAddr& client) const;

    DeviceTracker& devices_;
    std::shared_ptr<const Dot11Fields> fields_;
    PacketComponent<Dissection> dissection_;
    PacketComponent<Ieee80211Frame> shared_frame_;
    std::uint32_t phy_id_;
    const AdvertisementWatch* watch_ = nullptr;
    const Dot11Events* events_ = nullptr;
};

} // namespace airsight::dot11

#endif
