#include "errors.h"

#include "mgmt_protocol.h"
#include "rfkill.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace airsight::linuxbluetooth {

namespace {

std::string capability_advice(std::string_view capability, std::string_view binary)
{
    return "this needs " + std::string(capability) +
           ": run the server as root, or grant it once with: sudo setcap cap_net_admin,cap_net_raw+eip " +
           std::string(binary);
}

} // namespace

std::string mgmt_command_name(std::uint16_t opcode)
{
    switch (opcode) {
    case mgmt_op::kReadIndexList: return "Read Controller Index List";
    case mgmt_op::kReadInfo: return "Read Controller Information";
    case mgmt_op::kSetPowered: return "Set Powered";
    case mgmt_op::kSetLe: return "Set Low Energy";
    case mgmt_op::kStartDiscovery: return "Start Discovery";
    case mgmt_op::kStopDiscovery: return "Stop Discovery";
    default: break;
    }
    char text[16];
    std::snprintf(text, sizeof text, "command 0x%04x", opcode);
    return text;
}

std::string missing_controller_message(std::string_view controller)
{
    return "Bluetooth controller " + std::string(controller) +
           " does not exist (unplugged, its driver not loaded, or another number: see /sys/class/bluetooth)";
}

std::string socket_failure_message(Channel channel, std::string_view call, int error, std::string_view controller,
                                   std::string_view binary)
{
    const std::string what = std::string(channel == Channel::control ? "the Bluetooth management socket"
                                                                     : "the Bluetooth monitor socket") +
                             " (" + std::string(call) + ") for " + std::string(controller);
    switch (error) {
    case EAFNOSUPPORT:
    case EPROTONOSUPPORT:
        return "cannot open " + what + ": this kernel has no Bluetooth support; load it with: sudo modprobe bluetooth";
    case EPERM:
    case EACCES:
        return "cannot use " + what + ": " +
               capability_advice(channel == Channel::control ? "CAP_NET_ADMIN" : "CAP_NET_RAW", binary);
    case ENODEV:
    case ENXIO:
        return missing_controller_message(controller);
    case ERFKILL: return rfkill_message(controller, RfkillState::soft_blocked);
    default: return "cannot use " + what + ": " + std::strerror(error);
    }
}

std::string command_failure_message(std::uint16_t opcode, std::uint8_t status, std::string_view controller,
                                    std::string_view binary)
{
    const std::string name(controller);
    const std::string what = mgmt_command_name(opcode) + " on " + name + " failed (" + mgmt_status_name(status) + ")";
    switch (status) {
    case mgmt_status::kInvalidIndex: return missing_controller_message(controller);
    case mgmt_status::kRfKilled: return rfkill_message(controller, RfkillState::soft_blocked);
    case mgmt_status::kPermissionDenied: return what + ": " + capability_advice("CAP_NET_ADMIN", binary);
    case mgmt_status::kNotPowered:
        return what + ": the controller is powered off (rfkill, or another program such as bluetoothctl turned it off)";
    case mgmt_status::kBusy:
        return what + ": another program (bluetoothd, bluetoothctl, btmgmt) is using the controller; stop its scan "
                      "or wait for it to finish";
    case mgmt_status::kNotSupported:
        return what + ": the controller cannot do this (are LE and BR/EDR switched off? see: btmgmt info)";
    default: return what;
    }
}

std::string own_binary()
{
    std::error_code ec;
    std::string binary = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    if (ec || binary.empty()) return "<airsight binary>";
    return binary;
}

bool BluetoothError::no_bluetooth_in_kernel() const { return error_number_ == EAFNOSUPPORT; }

} // namespace airsight::linuxbluetooth
