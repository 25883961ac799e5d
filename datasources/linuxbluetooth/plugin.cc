// The linuxbluetooth plugin: registers the linuxbluetooth datasource type.
#include "linuxbluetooth_type.h"

#include <airsight/plugin.h>

#include <memory>

namespace {

class LinuxBluetoothPlugin : public airsight::Plugin {
public:
    explicit LinuxBluetoothPlugin(airsight::PluginHost& host)
    {
        host.add_datasource_type(std::make_unique<airsight::linuxbluetooth::LinuxBluetoothType>());
    }
};

} // namespace

AIRSIGHT_PLUGIN(LinuxBluetoothPlugin, "linuxbluetooth", "1.0",
                "Scans with Linux Bluetooth controllers through BlueZ's management socket (Kismet's linuxbluetooth source)",
                AIRSIGHT_PLUGIN_DATASOURCE)
