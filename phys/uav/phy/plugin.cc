// The UAV plugin: Kismet's "UAV" PHY. It reads drones from what dot11 and the
// Bluetooth PHYs dissected (DJI DroneID and ASTM Remote ID in beacons, Remote
// ID in Wi-Fi NAN action frames and in BLE advertisements, Kismet's
// uav_match= manufacturer matchers), keeps a uav.device record on the
// sender's device, and serves the phyuav view,
// /phy/phyuav/manuf_matchers and /phy/phyuav/decode_stats.
#include "phy/uav_phy.h"

#include <airsight/plugin.h>

#include <stdexcept>

namespace airsight::uav {
namespace {

// Kismet's defaults, then the config's uav_match= lines; a line Kismet would
// refuse is reported and skipped, as Kismet does.
UavMatchers load_matchers(const ConfigView& config, MessageBus& messages)
{
    UavMatchers m;
    for (std::string_view line : kismet_default_uav_matches()) m.add(parse_uav_match(line));
    for (const std::string& line : config.values("uav_match")) {
        try {
            m.add(parse_uav_match(line));
        } catch (const std::invalid_argument& e) {
            messages.post(std::string("Invalid 'uav_match=' configuration line, skipped: ") + e.what(), MSG_ERROR);
        }
    }
    return m;
}

class UavPlugin : public Plugin {
public:
    explicit UavPlugin(PluginHost& host)
        : fields_(std::make_shared<const UavFields>(host.fields())),
          phy_(host.devices(), fields_,
               host.register_packet_component<Ieee80211Frame>(std::string(Ieee80211Frame::kComponentName)),
               host.register_packet_component<BtleAdvertisement>(std::string(BtleAdvertisement::kComponentName)),
               load_matchers(host.config(), host.messages()))
    {
        host.add_packet_handler(PacketStage::TRACK, "uav track", [this](Packet& p) { phy_.track(p); });
        host.add_device_view("phyuav", "UAV / drone devices", [this](const Device& d) { return phy_.is_uav(d); });
        host.add_route(Route{
            .methods = GET | POST,
            .path = "/phy/phyuav/manuf_matchers",
            .formats = LIST_FORMATS,
            .handler = [this](const Request&) { return Reply::value(phy_.matchers().to_value(*fields_)); },
            .description = "the UAV manufacturer matchers (uav_match=)",
            .field_query = true,
        });
        host.add_route(Route{
            .methods = GET,
            .path = "/phy/phyuav/decode_stats",
            .formats = OBJECT_FORMATS,
            .handler = [this](const Request&) { return Reply::value(phy_.stats()); },
            .description = "UAV frames read, and the truncated, impossible and unknown messages among them",
        });
    }

private:
    std::shared_ptr<const UavFields> fields_; // shared with the records, which outlive the plugin
    UavPhy phy_;
};

} // namespace
} // namespace airsight::uav

AIRSIGHT_PLUGIN(airsight::uav::UavPlugin, "uav", "1.0",
                "UAV: DJI DroneID, ASTM F3411 Remote ID in Wi-Fi beacons, NAN frames and BLE advertising, drone manufacturer matchers",
                AIRSIGHT_PLUGIN_PHY | AIRSIGHT_PLUGIN_FIELDS | AIRSIGHT_PLUGIN_ENDPOINTS)
