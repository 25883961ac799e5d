// A BlueZ management socket: commands written, their replies and the
// kernel's events read (mgmt_protocol.h has the encoding).
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_MGMT_SOCKET_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_MGMT_SOCKET_H

#include "hci_socket.h"
#include "mgmt_protocol.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace airsight::linuxbluetooth {

/// A command's answer, kept beyond the read that brought it.
struct MgmtAnswer {
    std::uint8_t status = 0;
    std::vector<std::uint8_t> parameters; // Command Complete's return parameters
};

class MgmtSocket {
public:
    /// Opens the management channel; `controller` ("hci0") names what the
    /// messages of its errors are about. Throws BluetoothError.
    explicit MgmtSocket(std::string controller);

    int fd() const { return fd_.get(); }

    /// Writes one command. Throws BluetoothError.
    void send(std::uint16_t opcode, std::uint16_t index, std::span<const std::uint8_t> parameters = {});
    /// Sends a command and waits up to `timeout` for its reply (Command
    /// Complete or Command Status of this opcode and index); other events
    /// read meanwhile are dropped. Throws BluetoothError when the socket
    /// fails or nothing answers in time.
    MgmtAnswer command(std::uint16_t opcode, std::uint16_t index, std::span<const std::uint8_t> parameters = {},
                       std::chrono::milliseconds timeout = std::chrono::seconds(3));
    /// command(), throwing BluetoothError with command_failure_message's
    /// text unless the status is Success; returns the return parameters.
    std::vector<std::uint8_t> checked(std::uint16_t opcode, std::uint16_t index,
                                      std::span<const std::uint8_t> parameters = {},
                                      std::chrono::milliseconds timeout = std::chrono::seconds(3));
    /// The next event when one is waiting (its bytes valid until the next
    /// call), nothing otherwise. Throws BluetoothError when the socket fails.
    std::optional<MgmtEvent> next_event();

private:
    FileDescriptor fd_;
    std::string controller_;
    std::vector<std::uint8_t> buffer_;
};

} // namespace airsight::linuxbluetooth

#endif
