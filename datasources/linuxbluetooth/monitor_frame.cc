#include "monitor_frame.h"

#include <airsight/byte_order.h>

namespace airsight::linuxbluetooth {

std::optional<MonitorMessage> decode_monitor_message(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < kMonitorHeaderSize) return std::nullopt;
    MonitorMessage m;
    m.opcode = load_le16(bytes.data());
    m.index = load_le16(bytes.data() + 2);
    const std::size_t length = load_le16(bytes.data() + 4);
    if (bytes.size() - kMonitorHeaderSize < length) return std::nullopt;
    m.payload = bytes.subspan(kMonitorHeaderSize, length);
    return m;
}

std::span<const std::uint8_t> rewrite_as_linux_monitor_frame(std::span<std::uint8_t> message)
{
    const auto decoded = decode_monitor_message(message);
    if (!decoded) return {};
    const std::uint16_t opcode = decoded->opcode, index = decoded->index;
    const std::size_t start = kMonitorHeaderSize - kLinuxMonitorPseudoHeaderSize;
    std::uint8_t* p = message.data() + start;
    p[0] = static_cast<std::uint8_t>(index >> 8);
    p[1] = static_cast<std::uint8_t>(index & 0xff);
    p[2] = static_cast<std::uint8_t>(opcode >> 8);
    p[3] = static_cast<std::uint8_t>(opcode & 0xff);
    return std::span<const std::uint8_t>(message).subspan(start, kLinuxMonitorPseudoHeaderSize + decoded->payload.size());
}

} // namespace airsight::linuxbluetooth
