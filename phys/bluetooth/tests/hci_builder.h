// Builds HCI events and their capture headers (linktypes 201 and 254) byte
// by byte, as a controller and libpcap would send them, for the tests.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_TESTS_HCI_BUILDER_H
#define AIRSIGHT_PHYS_BLUETOOTH_TESTS_HCI_BUILDER_H

#include "pdu_builder.h"

namespace airsight::btle::test {

/// An event: code, parameter length, parameters.
inline ByteVec event(std::uint8_t code, const ByteVec& params)
{
    return cat({{code, static_cast<std::uint8_t>(params.size())}, params});
}

/// One LE Advertising Report report: event type, address type, address, data, RSSI.
inline ByteVec le_report(std::uint8_t event_type, std::uint8_t address_type, const MacAddr& a, const ByteVec& data,
                         std::int8_t rssi)
{
    return cat({{event_type, address_type}, air(a), {static_cast<std::uint8_t>(data.size())}, data,
                {static_cast<std::uint8_t>(rssi)}});
}

/// One LE Extended Advertising Report report.
inline ByteVec le_ext_report(std::uint16_t event_type, std::uint8_t address_type, const MacAddr& a,
                             std::uint8_t primary_phy, std::uint8_t secondary_phy, std::int8_t tx_power, std::int8_t rssi,
                             const ByteVec& data)
{
    return cat({{static_cast<std::uint8_t>(event_type), static_cast<std::uint8_t>(event_type >> 8), address_type}, air(a),
                {primary_phy, secondary_phy, 0x01, static_cast<std::uint8_t>(tx_power), static_cast<std::uint8_t>(rssi),
                 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0},
                {static_cast<std::uint8_t>(data.size())}, data});
}

/// An LE Meta event of `subevent` holding `reports`.
inline ByteVec le_meta(std::uint8_t subevent, std::initializer_list<ByteVec> reports)
{
    ByteVec params{subevent, static_cast<std::uint8_t>(reports.size())};
    for (const ByteVec& r : reports) params.insert(params.end(), r.begin(), r.end());
    return event(0x3E, params);
}

inline ByteVec class_of_device(std::uint32_t cod)
{
    return {static_cast<std::uint8_t>(cod), static_cast<std::uint8_t>(cod >> 8), static_cast<std::uint8_t>(cod >> 16)};
}

/// DLT 201: direction (big-endian, 1: received) and the H4 type, then `packet`.
inline ByteVec h4(std::uint8_t type, const ByteVec& packet, bool received = true)
{
    return cat({{0, 0, 0, static_cast<std::uint8_t>(received ? 1 : 0), type}, packet});
}

/// DLT 254: adapter id and opcode (big-endian), then `packet`.
inline ByteVec monitor(std::uint16_t opcode, const ByteVec& packet, std::uint16_t adapter = 0)
{
    return cat({{static_cast<std::uint8_t>(adapter >> 8), static_cast<std::uint8_t>(adapter),
                 static_cast<std::uint8_t>(opcode >> 8), static_cast<std::uint8_t>(opcode)},
                packet});
}

} // namespace airsight::btle::test

#endif
