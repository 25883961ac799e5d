// The capture headers in front of a BLE link-layer packet, one per link type:
//   251 BLUETOOTH_LE_LL            none: access address, PDU, CRC
//   256 BLUETOOTH_LE_LL_WITH_PHDR  a 10-byte radio header (libbtbb, Ubertooth, ice9)
//   272 NORDIC_BLE                 the nRF Sniffer's board and event headers (protocol 2 and 3),
//                                  LE Coded frames with their coding indicator byte
//   192 PPI                        a PPI header whose inner link type is 147 (USER0, as
//                                  Ubertooth writes BLE) or 251, or 256
// Each gives the link-layer packet and what its header knew about the radio
// and the CRC. Parsing the packet itself is pdu.h's business.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_FRAMING_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_FRAMING_H

#include "dissect/bytes.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace airsight::btle {

namespace dlt {
inline constexpr std::uint32_t ble_ll = 251, ble_ll_with_phdr = 256, nordic_ble = 272, ppi = 192, user0 = 147;
}

/// Whether the capture header says the CRC was checked, and how it came out.
enum class HeaderCrc : std::uint8_t { unchecked, valid, invalid };

/// The LE PHY a frame came over, when the header says.
enum class LePhy : std::uint8_t { unknown, le_1m, le_2m, le_coded };

struct LinkFrame {
    /// False: the link type (or PPI's inner one) is not BLE; leave the packet alone.
    bool ours = false;
    /// Set when ours but the header is malformed or too short (static text).
    std::string_view error;
    std::uint32_t access_address = 0;
    /// From the PDU header on: header, payload, CRC (and anything after).
    Bytes pdu;
    HeaderCrc header_crc = HeaderCrc::unchecked;
    LePhy phy = LePhy::unknown;
    std::optional<std::uint8_t> channel; // BLE channel index 0..39 (37, 38, 39: primary advertising)
    std::uint32_t freq_mhz = 0;          // 0: unknown
    std::optional<int> signal_dbm, noise_dbm;
};

/// Reads the capture header of `record`, of link type `dlt`.
LinkFrame parse_link_frame(std::uint32_t dlt, Bytes record);

/// BLE channel index <-> RF channel (0..39, 2402 + 2k MHz).
std::optional<std::uint8_t> channel_of_rf_channel(unsigned rf_channel);
unsigned mhz_of_channel(std::uint8_t channel);

} // namespace airsight::btle

#endif
