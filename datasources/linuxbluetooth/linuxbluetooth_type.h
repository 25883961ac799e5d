// The linuxbluetooth datasource type (Kismet's "linuxbluetooth"): definitions
// naming a Linux Bluetooth controller, "hci0" or "hci0:name=foo,type=linuxbluetooth".
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_LINUXBLUETOOTH_TYPE_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_LINUXBLUETOOTH_TYPE_H

#include <airsight/datasource.h>

#include <memory>
#include <string>
#include <vector>

namespace airsight::linuxbluetooth {

class LinuxBluetoothType final : public airsight::DatasourceType {
public:
    std::string name() const override { return "linuxbluetooth"; }
    std::string description() const override;
    airsight::DatasourceCapabilities capabilities() const override;
    /// True when the definition names type=linuxbluetooth, or (without type=)
    /// its interface is named like a controller ("hci0"), present or not:
    /// no other type claims such a name, and a missing controller is then
    /// reported by open(), which succeeds once it appears.
    bool probe(const airsight::SourceDefinition& definition) const override;
    /// Every controller the kernel lists, hardware as "Bluetooth 5.0, LE
    /// only, address 00:AA:01:00:00:00"; none when the kernel has no Bluetooth.
    std::vector<airsight::InterfaceInfo> list_interfaces() const override;
    /// Throws std::invalid_argument when the interface is no "hciN" or an
    /// option is bad (options.h).
    std::unique_ptr<airsight::Datasource> create(const airsight::SourceDefinition& definition) const override;
};

} // namespace airsight::linuxbluetooth

#endif
