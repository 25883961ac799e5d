// The linuxwifi plugin: registers the linuxwifi datasource type.
#include "linuxwifi_type.h"

#include <airsight/plugin.h>

#include <memory>

namespace {

class LinuxWifiPlugin : public airsight::Plugin {
public:
    explicit LinuxWifiPlugin(airsight::PluginHost& host)
    {
        host.add_datasource_type(std::make_unique<airsight::linuxwifi::LinuxWifiType>());
    }
};

} // namespace

AIRSIGHT_PLUGIN(LinuxWifiPlugin, "linuxwifi", "1.0", "Captures from Linux Wi-Fi cards in monitor mode (Kismet's linuxwifi source)",
                AIRSIGHT_PLUGIN_DATASOURCE)
