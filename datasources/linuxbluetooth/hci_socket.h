// The kernel's Bluetooth HCI sockets (AF_BLUETOOTH, BTPROTO_HCI) this source
// uses: the management channel and the monitor channel, both bound to no
// particular controller (the kernel allows no other for either). Declared
// here from the kernel's ABI, so no BlueZ development package is needed.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_HCI_SOCKET_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_HCI_SOCKET_H

#include "errors.h"

#include <string_view>
#include <utility>

namespace airsight::linuxbluetooth {

/// An open file descriptor, closed once.
class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor();

    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

/// A non-blocking socket on `channel`, bound. Throws BluetoothError with
/// socket_failure_message's text (no Bluetooth in the kernel, a missing
/// capability) naming `controller`. The monitor socket reports each
/// message's arrival time (SO_TIMESTAMP) and has a large receive buffer, so
/// a burst of reports is not dropped while the packet chain is busy.
FileDescriptor open_hci_socket(Channel channel, std::string_view controller);

} // namespace airsight::linuxbluetooth

#endif
