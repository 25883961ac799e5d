// The bluetooth plugin: two PHYs, as Kismet names them. BTLE reads BLE
// link-layer captures (linktypes 251, 256, 272 and PPI around BLE);
// Bluetooth reads host-side HCI captures (201, 254: advertising reports,
// inquiry results, remote names). Their btle.device / bluetooth.device
// fields, packet handlers, /phy/phybtle/stats and /phy/phybluetooth/stats,
// and the shared advertisement component both fill
// (airsight/btle_component.h).
#include "phy/bluetooth_phy.h"
#include "phy/btle_fields.h"
#include "phy/btle_phy.h"
#include "phy/stats_endpoint.h"

#include <airsight/config_flag.h>
#include <airsight/plugin.h>

namespace airsight::btle {
namespace {

class BluetoothPlugin : public Plugin {
public:
    explicit BluetoothPlugin(PluginHost& host)
        : fields_(std::make_shared<const BtleFields>(host.fields())),
          phy_(host.devices(), fields_,
               host.register_packet_component<Dissection>(std::string(Dissection::kComponentName))),
          hci_(host.devices(), fields_,
               host.register_packet_component<HciDissection>(std::string(HciDissection::kComponentName)))
    {
        // What other plugins (the UAV PHY) read of advertisements, filled by both PHYs' dissect.
        const auto shared =
            host.register_packet_component<BtleAdvertisement>(std::string(BtleAdvertisement::kComponentName));
        phy_.share_advertisements(shared);
        phy_.ignore_random_addresses(config_flag(host.config(), "btle_ignore_random", false));
        if (phy_.ignoring_random())
            host.messages().post("BTLE: ignoring devices with random addresses (btle_ignore_random=true)", MSG_INFO);
        hci_.share_advertisements(shared);
        host.add_packet_handler(PacketStage::DECAP, "btle decap", [this](Packet& p) { phy_.decap(p); });
        host.add_packet_handler(PacketStage::DISSECT, "btle dissect", [this](Packet& p) { phy_.dissect(p); });
        host.add_packet_handler(PacketStage::TRACK, "btle track", [this](Packet& p) { phy_.track(p); });
        host.add_packet_handler(PacketStage::DECAP, "bluetooth hci decap", [this](Packet& p) { hci_.decap(p); });
        host.add_packet_handler(PacketStage::DISSECT, "bluetooth hci dissect", [this](Packet& p) { hci_.dissect(p); });
        host.add_packet_handler(PacketStage::TRACK, "bluetooth hci track", [this](Packet& p) { hci_.track(p); });
        host.add_route(stats_route(host.fields(), phy_));
        host.add_route(stats_route(host.fields(), hci_));
    }

private:
    std::shared_ptr<const BtleFields> fields_; // shared with the devices, which outlive the plugin
    BtlePhy phy_;    // BTLE: link-layer captures
    BluetoothPhy hci_; // Bluetooth: host-side HCI captures
};

} // namespace
} // namespace airsight::btle

AIRSIGHT_PLUGIN(airsight::btle::BluetoothPlugin, "bluetooth", "1.0",
                "Bluetooth: LE link-layer captures (BTLE PHY) and host-side HCI captures (Bluetooth PHY)",
                AIRSIGHT_PLUGIN_PHY | AIRSIGHT_PLUGIN_FIELDS | AIRSIGHT_PLUGIN_ENDPOINTS)
