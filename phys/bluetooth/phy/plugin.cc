// The bluetooth plugin: the BTLE PHY (BLE link-layer captures: linktypes
// 251, 256, 272 and PPI around BLE), its btle.device / bluetooth.device
// fields, packet handlers and /phy/phybtle/stats.
#include "phy/btle_fields.h"
#include "phy/btle_phy.h"
#include "phy/stats_endpoint.h"

#include <airsight/plugin.h>

namespace airsight::btle {
namespace {

class BluetoothPlugin : public Plugin {
public:
    explicit BluetoothPlugin(PluginHost& host)
        : fields_(std::make_shared<const BtleFields>(host.fields())),
          phy_(host.devices(), fields_,
               host.register_packet_component<Dissection>(std::string(Dissection::kComponentName)))
    {
        host.add_packet_handler(PacketStage::DECAP, "btle decap", [this](Packet& p) { phy_.decap(p); });
        host.add_packet_handler(PacketStage::DISSECT, "btle dissect", [this](Packet& p) { phy_.dissect(p); });
        host.add_packet_handler(PacketStage::TRACK, "btle track", [this](Packet& p) { phy_.track(p); });
        host.add_route(stats_route(host.fields(), phy_));
    }

private:
    std::shared_ptr<const BtleFields> fields_; // shared with the devices, which outlive the plugin
    BtlePhy phy_;
};

} // namespace
} // namespace airsight::btle

AIRSIGHT_PLUGIN(airsight::btle::BluetoothPlugin, "bluetooth", "1.0",
                "Bluetooth LE link-layer captures: advertising PDUs, AD structures, BTLE device tracking",
                AIRSIGHT_PLUGIN_PHY | AIRSIGHT_PLUGIN_FIELDS | AIRSIGHT_PLUGIN_ENDPOINTS)
