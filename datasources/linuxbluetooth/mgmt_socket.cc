#include "mgmt_socket.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace airsight::linuxbluetooth {

namespace {

// The largest event: a 6-byte header and 65535 bytes of parameters.
constexpr std::size_t kMaxEvent = 6 + 0xffff;

} // namespace

MgmtSocket::MgmtSocket(std::string controller)
    : fd_(open_hci_socket(Channel::control, controller)), controller_(std::move(controller)), buffer_(kMaxEvent)
{
}

void MgmtSocket::send(std::uint16_t opcode, std::uint16_t index, std::span<const std::uint8_t> parameters)
{
    const std::vector<std::uint8_t> bytes = encode_mgmt_command(opcode, index, parameters);
    ssize_t n = -1;
    do {
        n = ::write(fd_.get(), bytes.data(), bytes.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        throw BluetoothError(socket_failure_message(Channel::control, "write " + mgmt_command_name(opcode), errno,
                                                    controller_, own_binary()));
}

std::optional<MgmtEvent> MgmtSocket::next_event()
{
    for (;;) {
        const ssize_t n = ::read(fd_.get(), buffer_.data(), buffer_.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
            throw BluetoothError(
                socket_failure_message(Channel::control, "read", errno, controller_, own_binary()));
        }
        // A message too short for its header is the kernel's bug, not ours to stop on.
        if (auto event = decode_mgmt_event(std::span<const std::uint8_t>(buffer_.data(), static_cast<std::size_t>(n))))
            return event;
    }
}

MgmtAnswer MgmtSocket::command(std::uint16_t opcode, std::uint16_t index, std::span<const std::uint8_t> parameters,
                               std::chrono::milliseconds timeout)
{
    using Clock = std::chrono::steady_clock;
    send(opcode, index, parameters);
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        while (auto event = next_event()) {
            const auto reply = decode_mgmt_reply(*event);
            if (!reply || reply->opcode != opcode || event->index != index) continue;
            return MgmtAnswer{reply->status, std::vector<std::uint8_t>(reply->parameters.begin(), reply->parameters.end())};
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            throw BluetoothError(mgmt_command_name(opcode) + " on " + controller_ + ": the kernel did not answer within " +
                                 std::to_string(timeout.count()) + " ms");
        pollfd p{fd_.get(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR)
            throw BluetoothError(socket_failure_message(Channel::control, "poll", errno, controller_, own_binary()));
    }
}

std::vector<std::uint8_t> MgmtSocket::checked(std::uint16_t opcode, std::uint16_t index,
                                              std::span<const std::uint8_t> parameters,
                                              std::chrono::milliseconds timeout)
{
    MgmtAnswer answer = command(opcode, index, parameters, timeout);
    if (answer.status != mgmt_status::kSuccess)
        throw BluetoothError(command_failure_message(opcode, answer.status, controller_, own_binary()));
    return std::move(answer.parameters);
}

} // namespace airsight::linuxbluetooth
