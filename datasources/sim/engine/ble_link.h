// BLE advertising packets as a BLE sniffer captures them: link type 256,
// LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR (libbtbb's pseudo-header, as Ubertooth
// and Wireshark's btle_rf read it), then the link-layer packet: access
// address, PDU header, AdvA, advertising data, CRC-24.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_BLE_LINK_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_BLE_LINK_H

#include "ble_advertisers.h"
#include "bytes.h"

#include <airsight/mac.h>

#include <cstdint>
#include <span>

namespace airsight::sim {

inline constexpr std::uint32_t kAdvertisingAccessAddress = 0x8E89BED6;
/// The pseudo-header's length: RF channel, signal, noise, access address
/// offenses, reference access address (4), flags (le16).
inline constexpr std::size_t kBlePhdrSize = 10;
// Pseudo-header flags: dewhitened, signal and noise valid, reference access
// address valid, CRC checked and valid.
inline constexpr std::uint16_t kBlePhdrFlags = 0x0001 | 0x0002 | 0x0004 | 0x0010 | 0x0400 | 0x0800;

struct BleRadio {
    int channel = 37; // BLE channel index: 37, 38 or 39
    std::int8_t signal_dbm = 0;
    std::int8_t noise_dbm = 0;
};

/// The RF channel (0-39, 2402 + 2k MHz) of a BLE channel index.
constexpr std::uint8_t ble_rf_channel(int channel)
{
    if (channel == 37) return 0;
    if (channel == 38) return 12;
    if (channel == 39) return 39;
    return static_cast<std::uint8_t>(channel <= 10 ? channel + 1 : channel + 2);
}
constexpr std::uint32_t ble_freq_mhz(int channel) { return 2402 + 2u * ble_rf_channel(channel); }

/// Appends one advertising-channel packet: the pseudo-header, the access
/// address, the PDU (type, TxAdd, length; AdvA least significant octet first;
/// `data`) and its CRC. `data` must fit a legacy PDU (31 bytes).
void append_ble_advertising(ByteSink& out, const BleRadio& radio, BlePdu type, bool tx_random, const MacAddr& adv_a,
                            std::span<const std::uint8_t> data);

} // namespace airsight::sim

#endif
