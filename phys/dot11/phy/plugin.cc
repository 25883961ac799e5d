// The dot11 plugin: registers the IEEE802.11 PHY's fields, packet handlers,
// the access-point view, Kismet's /phy/phy80211/ endpoints (clients of an
// AP, its handshake pcap), its 802.11 alerts and event bus topics, and the
// shared 802.11 component other plugins read (airsight/ieee80211_component.h).
#include "ids/dot11_alerts.h"
#include "phy/dot11_fields.h"
#include "phy/dot11_phy.h"
#include "phy/handshake_endpoint.h"

#include <airsight/plugin.h>

#include <algorithm>

namespace airsight::dot11 {
namespace {

class Dot11Plugin : public Plugin {
public:
    explicit Dot11Plugin(PluginHost& host)
        : fields_(std::make_shared<const Dot11Fields>(host.fields())),
          events_(host.events(), host.device_lists()),
          phy_(host.devices(), fields_,
               host.register_packet_component<Dissection>(std::string(Dissection::kComponentName))),
          alerts_(host.alerts(), phy_, ids::frame_alert_options(host.config(), host.messages()),
                  apspoof_rules(host.config(), host.messages()))
    {
        // What other plugins (the UAV PHY) read of beacons and action frames, filled by our dissect.
        phy_.publish_events(&events_); // Kismet's DOT11_*_SSID and DOT11_WPA_HANDSHAKE topics
        phy_.share_frames(host.register_packet_component<Ieee80211Frame>(std::string(Ieee80211Frame::kComponentName)));
        host.add_packet_handler(PacketStage::DECAP, "dot11 decap", [this](Packet& p) { phy_.decap(p); });
        host.add_packet_handler(PacketStage::DISSECT, "dot11 dissect", [this](Packet& p) { phy_.dissect(p); });
        host.add_packet_handler(PacketStage::TRACK, "dot11 track", [this](Packet& p) { phy_.track(p); });
        host.add_packet_handler(PacketStage::OBSERVE, "dot11 alerts", [this](Packet& p) { alerts_.observe(p); });

        host.add_device_view("phydot11_accesspoints", "Wi-Fi access points",
                             [this](const Device& d) { return Dot11Phy::is_access_point(d, *fields_); });

        DeviceTracker& devices = host.devices();
        DeviceLists& lists = host.device_lists();
        host.add_route(Route{
            .methods = GET | POST,
            .path = "/phy/phy80211/clients-of/[KEY]/clients",
            .formats = LIST_FORMATS,
            .handler = [this, &devices, &lists](const Request& r) { return clients_of(devices, lists, r); },
            .description = "the clients associated with an access point",
        });
        host.add_route(handshake_pcap_route(devices, phy_, *fields_));
    }

private:
    Reply clients_of(DeviceTracker& devices, DeviceLists& lists, const Request& r) const
    {
        auto key = DeviceKey::parse(r.param("KEY"));
        if (!key) throw HttpError(400, "'" + r.param("KEY") + "' is not a device key");
        MacSet clients;
        const bool found = devices.with_device(phy_.phy_id(), key->mac, [&](Device& d) {
            if (const auto* c = d.find_component<Dot11Device>(fields_->device))
                clients = c->associated_clients; // a copy: the list is filtered unlocked
        });
        if (!found || key->phy_hash != kDot11PhyHash)
            throw HttpError(404, "no Wi-Fi device with key " + r.param("KEY"));
        const std::uint32_t phy = phy_.phy_id();
        return lists.list(r, [&clients, phy](const Device& d) {
            return d.phy_id == phy && clients.contains(d.mac);
        });
    }

    std::shared_ptr<const Dot11Fields> fields_; // shared with the devices, which outlive the plugin
    Dot11Events events_; // before phy_, which publishes through it
    Dot11Phy phy_;
    ids::Dot11Alerts alerts_; // after phy_, which it watches
};

} // namespace
} // namespace airsight::dot11

AIRSIGHT_PLUGIN(airsight::dot11::Dot11Plugin, "dot11", "1.0",
                "IEEE 802.11 Wi-Fi: radiotap/PPI decapsulation, frame and IE dissection, device tracking",
                AIRSIGHT_PLUGIN_PHY | AIRSIGHT_PLUGIN_FIELDS | AIRSIGHT_PLUGIN_ENDPOINTS)
