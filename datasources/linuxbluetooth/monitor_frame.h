// The kernel's Bluetooth monitor channel (HCI_CHANNEL_MONITOR, what btmon
// reads) and libpcap's link type 254, LINKTYPE_BLUETOOTH_LINUX_MONITOR.
// A monitor message is a 6-byte little-endian header (opcode, controller
// index, payload length) and its payload; a DLT 254 frame is a 4-byte
// pseudo-header (adapter id, opcode, both big-endian, as libpcap writes them
// and Wireshark reads them) and the same payload. Pure: tested without a kernel.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_MONITOR_FRAME_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_MONITOR_FRAME_H

#include <cstdint>
#include <optional>
#include <span>

namespace airsight::linuxbluetooth {

constexpr std::uint32_t kDltBluetoothLinuxMonitor = 254;
constexpr std::size_t kMonitorHeaderSize = 6;
constexpr std::size_t kLinuxMonitorPseudoHeaderSize = 4;

/// Monitor opcodes this source reads (btmon's numbering).
namespace monitor_op {
constexpr std::uint16_t kNewIndex = 0;
constexpr std::uint16_t kDeleteIndex = 1;
constexpr std::uint16_t kCommand = 2;
constexpr std::uint16_t kEvent = 3;
} // namespace monitor_op

struct MonitorMessage {
    std::uint16_t opcode = 0;
    std::uint16_t index = 0;
    std::span<const std::uint8_t> payload; // into the bytes decoded
};

/// Nothing when the bytes are shorter than the header or than the payload
/// length it declares (bytes past that length are ignored).
std::optional<MonitorMessage> decode_monitor_message(std::span<const std::uint8_t> bytes);

/// Turns a monitor message, in its own buffer, into the DLT 254 frame of the
/// same packet without copying the payload: the pseudo-header is written over
/// the last 4 bytes of the 6-byte header. Returns the frame (a view into
/// `message`), or an empty span when `message` is no whole monitor message.
std::span<const std::uint8_t> rewrite_as_linux_monitor_frame(std::span<std::uint8_t> message);

/// Whether a message is one this source hands to the packet chain: an HCI
/// event of controller `index` (advertising and inquiry reports are events;
/// the commands the kernel sends are not what a sniffer hears).
constexpr bool carries_captured_event(const MonitorMessage& message, std::uint16_t index)
{
    return message.index == index && message.opcode == monitor_op::kEvent;
}

} // namespace airsight::linuxbluetooth

#endif
