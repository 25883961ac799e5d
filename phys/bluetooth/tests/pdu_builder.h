// Builds BLE advertising packets by hand for the unit tests: PDUs with a
// correct CRC, link-layer packets, and the capture headers around them.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_TESTS_PDU_BUILDER_H
#define AIRSIGHT_PHYS_BLUETOOTH_TESTS_PDU_BUILDER_H

#include "dissect/pdu.h"

#include <airsight/crc24.h>
#include <airsight/mac.h>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace airsight::btle::test {

using ByteVec = std::vector<std::uint8_t>;

inline MacAddr mac(std::string_view text) { return *MacAddr::parse(text); }

/// An address as sent: least significant octet first.
inline ByteVec air(const MacAddr& m) { return ByteVec(m.bytes.rbegin(), m.bytes.rend()); }

inline ByteVec cat(std::initializer_list<ByteVec> parts)
{
    ByteVec out;
    for (const ByteVec& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

/// One AD structure: length, type, data.
inline ByteVec ad(std::uint8_t type, const ByteVec& data)
{
    ByteVec out{static_cast<std::uint8_t>(data.size() + 1), type};
    out.insert(out.end(), data.begin(), data.end());
    return out;
}
inline ByteVec text(std::string_view s) { return ByteVec(s.begin(), s.end()); }

/// Header, payload and a correct CRC (flip `bad_crc` to spoil it).
inline ByteVec pdu(std::uint8_t type, bool tx_random, bool rx_random, const ByteVec& payload, bool bad_crc = false)
{
    ByteVec out{static_cast<std::uint8_t>(type | (tx_random ? 0x40 : 0) | (rx_random ? 0x80 : 0)),
                static_cast<std::uint8_t>(payload.size())};
    out.insert(out.end(), payload.begin(), payload.end());
    std::uint32_t crc = crc24(kAdvertisingCrcInit, out);
    if (bad_crc) crc ^= 0x000100;
    for (int i = 0; i < 3; ++i) out.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
    return out;
}

/// Access address (advertising unless told), then the PDU.
inline ByteVec ll(const ByteVec& pdu_bytes, std::uint32_t access_address = kAdvertisingAccessAddress)
{
    ByteVec out;
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(access_address >> (8 * i)));
    out.insert(out.end(), pdu_bytes.begin(), pdu_bytes.end());
    return out;
}

/// LINKTYPE 256's header: rf channel, signal, noise, offenses, reference AA, flags.
inline ByteVec phdr(std::uint8_t rf_channel, std::uint16_t flags, std::int8_t signal, const ByteVec& ll_bytes)
{
    ByteVec out{rf_channel, static_cast<std::uint8_t>(signal), static_cast<std::uint8_t>(-90), 0, 0xD6, 0xBE, 0x89,
                0x8E, static_cast<std::uint8_t>(flags), static_cast<std::uint8_t>(flags >> 8)};
    out.insert(out.end(), ll_bytes.begin(), ll_bytes.end());
    return out;
}

/// LINKTYPE 272, nRF Sniffer protocol 3: `flags` as the event header's.
inline ByteVec nordic(std::uint8_t flags, std::uint8_t channel, std::uint8_t rssi_negated, const ByteVec& ll_bytes)
{
    const std::size_t payload = 10 + ll_bytes.size();
    ByteVec out{0x03, static_cast<std::uint8_t>(payload), static_cast<std::uint8_t>(payload >> 8), 3, 0x13, 0xBE, 0x02,
                10, flags, channel, rssi_negated, 0, 0, 1, 2, 3, 4};
    out.insert(out.end(), ll_bytes.begin(), ll_bytes.end());
    return out;
}

/// PPI with one BTLE field (30006) naming `mhz`, around `inner` of link type `dlt`.
inline ByteVec ppi(std::uint32_t dlt, std::uint16_t mhz, const ByteVec& inner)
{
    ByteVec out{0, 0, 24, 0, static_cast<std::uint8_t>(dlt), static_cast<std::uint8_t>(dlt >> 8), 0, 0,
                0x36, 0x75, 12, 0, 0, static_cast<std::uint8_t>(mhz), static_cast<std::uint8_t>(mhz >> 8), 0,
                0, 0, 0, 0, 0, 0, 0, 0};
    out.insert(out.end(), inner.begin(), inner.end());
    return out;
}

} // namespace airsight::btle::test

#endif
