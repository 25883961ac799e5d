// The bytes BLE parsers read (integers through the SDK's byte_order.h), and
// the Bluetooth address order: BLE sends a device address least significant
// octet first, while its printed form (and MacAddr) starts with the most
// significant one.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_BYTES_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_BYTES_H

#include <airsight/byte_order.h>
#include <airsight/mac.h>

#include <cstdint>
#include <span>

namespace airsight::btle {

using Bytes = std::span<const std::uint8_t>;

/// A device address as sent on air (6 octets, least significant first).
inline MacAddr load_bd_addr(const std::uint8_t* p)
{
    MacAddr m;
    for (int i = 0; i < 6; ++i) m.bytes[i] = p[5 - i];
    return m;
}

} // namespace airsight::btle

#endif
