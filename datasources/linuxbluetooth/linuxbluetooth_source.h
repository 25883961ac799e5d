// The linuxbluetooth datasource: one Bluetooth controller ("hci0") scanning
// through BlueZ's management socket (LE and BR/EDR discovery), its HCI events
// captured from the kernel's monitor channel and delivered as link type 254
// (BLUETOOTH_LINUX_MONITOR), which the Bluetooth PHY's HCI dissector reads.
// open() powers the controller on when it is off, starts discovery, and
// starts the capture thread; the thread restarts discovery each time the
// kernel ends it (an LE scan lasts about ten seconds) and fails the source
// when the controller goes away or powers off. close() stops discovery and
// undoes what open() changed.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_LINUXBLUETOOTH_SOURCE_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_LINUXBLUETOOTH_SOURCE_H

#include <airsight/datasource.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace airsight::linuxbluetooth {

class LinuxBluetoothSource final : public airsight::Datasource {
public:
    LinuxBluetoothSource(std::string interface, std::uint16_t index);
    ~LinuxBluetoothSource() override;
    LinuxBluetoothSource(const LinuxBluetoothSource&) = delete;
    LinuxBluetoothSource& operator=(const LinuxBluetoothSource&) = delete;

    /// Throws std::runtime_error (BluetoothError) with the reason: no
    /// Bluetooth in the kernel, a missing capability, no such controller,
    /// rfkill, a command the kernel refused; whatever it changed is undone.
    /// Opens again after close(), also after the controller vanished and
    /// came back.
    void open(airsight::PacketSink& sink) override;
    /// Stops the capture thread and discovery, powers the controller off
    /// again when open() powered it on. Idempotent.
    void close() override;
    airsight::SourceStatus status() const override;

private:
    struct Session; // the sockets and what open() changed
    void run(airsight::PacketSink& sink);
    void undo(Session& session) noexcept;

    const std::string interface_;
    const std::uint16_t index_;

    std::mutex control_mutex_; // serializes open() and close()
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::unique_ptr<Session> session_; // used by the thread while it runs, else under control_mutex_

    mutable std::mutex mutex_; // guards status_
    airsight::SourceStatus status_;
};

} // namespace airsight::linuxbluetooth

#endif
