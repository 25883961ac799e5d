#include "linuxbluetooth_type.h"

#include "linuxbluetooth_source.h"
#include "mgmt_socket.h"
#include "options.h"

#include <optional>

namespace airsight::linuxbluetooth {

std::string LinuxBluetoothType::description() const
{
    return "Linux Bluetooth controllers scanning through BlueZ's management socket (LE and BR/EDR discovery), "
           "HCI events from the kernel's monitor channel";
}

DatasourceCapabilities LinuxBluetoothType::capabilities() const
{
    return {.list_interfaces = true, .probe = true, .local = true, .tune = false, .hop = false};
}

bool LinuxBluetoothType::probe(const SourceDefinition& definition) const
{
    if (auto type = definition.option("type")) return *type == name();
    return controller_index(definition.interface).has_value();
}

std::vector<InterfaceInfo> LinuxBluetoothType::list_interfaces() const
{
    std::optional<MgmtSocket> control;
    try {
        control.emplace("any controller");
    } catch (const BluetoothError& e) {
        if (e.no_bluetooth_in_kernel()) return {}; // no controllers to offer
        throw; // permissions, a kernel refusing the bind: the caller reports them
    }
    // Past this point a failure is an error the caller reports, not an empty
    // list. Both commands are allowed without CAP_NET_ADMIN.
    const auto list = decode_index_list(control->checked(mgmt_op::kReadIndexList, kNoController));
    if (!list) throw BluetoothError("Read Controller Index List: the kernel's reply is too short");
    std::vector<InterfaceInfo> out;
    for (const std::uint16_t index : *list) {
        const std::string interface = "hci" + std::to_string(index);
        const MgmtAnswer answer = control->command(mgmt_op::kReadInfo, index);
        if (answer.status == mgmt_status::kInvalidIndex) continue; // removed between the two commands
        const auto info = decode_controller_info(answer.parameters);
        out.push_back(InterfaceInfo{
            .interface = interface,
            .flags = "",
            .hardware = info && answer.status == mgmt_status::kSuccess
                            ? info->description()
                            : "Bluetooth controller (" + mgmt_status_name(answer.status) + " reading its information)",
        });
    }
    return out;
}

std::unique_ptr<Datasource> LinuxBluetoothType::create(const SourceDefinition& definition) const
{
    const std::uint16_t index = parse_definition(definition);
    return std::make_unique<LinuxBluetoothSource>(definition.interface, index);
}

} // namespace airsight::linuxbluetooth
