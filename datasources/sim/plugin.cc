// The sim plugin: registers the sim datasource type (a simulated RF world).
#include "sim_type.h"

#include <airsight/plugin.h>

#include <memory>

namespace {

class SimPlugin : public airsight::Plugin {
public:
    explicit SimPlugin(airsight::PluginHost& host)
    {
        host.add_datasource_type(std::make_unique<airsight::sim::SimType>(&host.outputs()));
    }
};

} // namespace

AIRSIGHT_PLUGIN(SimPlugin, "sim", "1.0",
                "Simulated RF environment (802.11 access points and clients, BLE advertisers, Remote ID drones)",
                AIRSIGHT_PLUGIN_DATASOURCE)
