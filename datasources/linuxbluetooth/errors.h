// What a user reads when a Bluetooth socket or a management command fails:
// each message names the controller, what went wrong and what to do. Pure
// functions of the error, so every mapping is tested without a kernel.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_ERRORS_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_ERRORS_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace airsight::linuxbluetooth {

/// A failure of a socket call or a management command, with the message a
/// user can act on.
class BluetoothError : public std::runtime_error {
public:
    explicit BluetoothError(const std::string& message, int error_number = 0)
        : std::runtime_error(message), error_number_(error_number)
    {
    }
    /// The errno of a failed socket call; 0 for other failures.
    int error_number() const { return error_number_; }
    /// The kernel has no Bluetooth at all (the socket family is unknown to it):
    /// a machine without controllers, not an error to report.
    bool no_bluetooth_in_kernel() const;

private:
    int error_number_;
};

/// Which socket failed: the management (control) channel needs CAP_NET_ADMIN
/// for the commands that change a controller, the monitor channel CAP_NET_RAW.
enum class Channel { control, monitor };

/// The name the management API gives a command ("Start Discovery"), or "command 0xNNNN".
std::string mgmt_command_name(std::uint16_t opcode);

/// A socket call (`call`: "bind", "read", ...) on `channel` failed with errno
/// `error`, for controller `controller` ("hci0"); `binary` is the server's
/// path for the setcap advice.
std::string socket_failure_message(Channel channel, std::string_view call, int error, std::string_view controller,
                                   std::string_view binary);

/// A management command for `controller` was answered with `status`
/// (never Success).
std::string command_failure_message(std::uint16_t opcode, std::uint8_t status, std::string_view controller,
                                    std::string_view binary);

/// The message when `controller` is not (or no longer) in the kernel's list.
std::string missing_controller_message(std::string_view controller);

/// The path of this process's binary, for setcap advice ("<airsight binary>"
/// when /proc cannot tell).
std::string own_binary();

} // namespace airsight::linuxbluetooth

#endif
