#include "hci_socket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace airsight::linuxbluetooth {

namespace {

// From the kernel's include/net/bluetooth/{bluetooth,hci}.h (a stable ABI).
constexpr int kBtProtoHci = 1;
constexpr std::uint16_t kHciDevNone = 0xffff;
constexpr std::uint16_t kHciChannelMonitor = 2;
constexpr std::uint16_t kHciChannelControl = 3;
constexpr int kMonitorReceiveBuffer = 4 << 20;

struct SockaddrHci {
    sa_family_t family;
    std::uint16_t dev;
    std::uint16_t channel;
};

} // namespace

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

FileDescriptor::~FileDescriptor()
{
    if (fd_ >= 0) ::close(fd_);
}

FileDescriptor open_hci_socket(Channel channel, std::string_view controller)
{
    const auto fail = [&](std::string_view call) -> BluetoothError {
        const int error = errno;
        return BluetoothError(socket_failure_message(channel, call, error, controller, own_binary()), error);
    };
    FileDescriptor fd(::socket(AF_BLUETOOTH, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, kBtProtoHci));
    if (!fd) throw fail("socket");
    if (channel == Channel::monitor) {
        const int on = 1;
        if (::setsockopt(fd.get(), SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on) < 0) throw fail("SO_TIMESTAMP");
        // Best effort: a smaller buffer only drops more in a burst.
        (void)::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &kMonitorReceiveBuffer, sizeof kMonitorReceiveBuffer);
    }
    SockaddrHci address{AF_BLUETOOTH, kHciDevNone,
                        channel == Channel::monitor ? kHciChannelMonitor : kHciChannelControl};
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0) throw fail("bind");
    return fd;
}

} // namespace airsight::linuxbluetooth
