// A PHY plugin that leaves its code in the server: devices whose component
// (and its vtable) lives in this .so, a route and a device view into it.
// Built with -fno-gnu-unique, so nothing but the loader keeps it mapped: a
// server that dlclose()d it before destroying those devices would crash at
// shutdown. tests/integration/test_plugin_unload.cc runs it.
#include <airsight/plugin.h>

#include <array>
#include <memory>

namespace {

constexpr int kDevices = 5;

// The component the tracker owns; destroyed with its device, after the plugin.
class UnloadComponent : public airsight::DeviceComponent {
public:
    UnloadComponent(const airsight::Field& serial_field, unsigned serial)
        : serial_field_(serial_field), serial_(serial)
    {
    }
    airsight::Value to_value() const override
    {
        airsight::Value v = airsight::Value::object();
        v.set(serial_field_, serial_);
        return v;
    }

private:
    const airsight::Field& serial_field_; // owned by the server's field registry
    unsigned serial_;
};

class UnloadPhy : public airsight::Plugin {
public:
    explicit UnloadPhy(airsight::PluginHost& host)
        : host_(host),
          phy_id_(host.devices().register_phy("UnloadTestPHY")),
          component_field_(host.fields().add("unload.device", airsight::FieldType::Object, "the unload test PHY's part")),
          serial_field_(host.fields().add("unload.device.serial", airsight::FieldType::UInt32, "creation order"))
    {
        host.add_route({
            .methods = airsight::GET,
            .path = "/unload/devices",
            .formats = airsight::LIST_FORMATS,
            .login_required = false,
            .handler = [this](const airsight::Request& r) {
                return host_.device_lists().list(r, [this](const airsight::Device& d) { return d.phy_id == phy_id_; });
            },
            .description = "the devices of the unload test PHY",
        });
        host.add_device_view("unload_devices", "devices of the unload test PHY",
                             [phy = phy_id_](const airsight::Device& d) { return d.phy_id == phy; });
    }

    // Creates the devices from synthetic packets, as a PHY's track stage would.
    void start() override
    {
        for (unsigned i = 0; i < kDevices; ++i) {
            airsight::Packet packet;
            packet.ts_sec = 1700000000 + i;
            const std::array<std::uint8_t, 6> mac_bytes{0x02, 0x00, 0x5e, 0x10, 0x00, static_cast<std::uint8_t>(i)};
            const airsight::MacAddr mac = airsight::MacAddr::from_bytes(mac_bytes.data());
            host_.devices().update(phy_id_, mac, packet, airsight::DEVICE_TRANSMITTED, 0, [&](airsight::Device& d) {
                d.type = "Unload test device";
                d.component<UnloadComponent>(component_field_,
                                             [&] { return std::make_unique<UnloadComponent>(serial_field_, i); });
            });
        }
    }

private:
    airsight::PluginHost& host_;
    std::uint32_t phy_id_;
    const airsight::Field& component_field_;
    const airsight::Field& serial_field_;
};

} // namespace

AIRSIGHT_PLUGIN(UnloadPhy, "unload_phy", "1.0", "leaves devices with its components in the server",
                AIRSIGHT_PLUGIN_PHY | AIRSIGHT_PLUGIN_ENDPOINTS)
