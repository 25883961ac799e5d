// The BLE link-layer CRC against packets real sniffers captured.
#include <airsight/byte_order.h>
#include <airsight/crc24.h>

#include <doctest/doctest.h>

#include <span>
#include <vector>

using namespace airsight::btle;
using Bytes = std::span<const std::uint8_t>;

TEST_CASE("crc24: an ADV_IND from boston-mesh_adv38_2.pcap (frame 1) checks against its own CRC bytes")
{
    // PDU header and payload, then the three CRC bytes as captured.
    const std::vector<std::uint8_t> frame{
        0x40, 0x25, 0x1f, 0x2b, 0x97, 0x4f, 0x2a, 0x71, 0x02, 0x01, 0x1a, 0x1b, 0xff, 0x4c, 0x00, 0x0c, 0x0e, 0x08,
        0xe7, 0x3e, 0xcd, 0xb5, 0x5f, 0xdb, 0x35, 0xfd, 0x3a, 0x06, 0xee, 0x4f, 0xb4, 0x10, 0x06, 0x40, 0x1d, 0x9f,
        0x6a, 0xca, 0x38, 0x4d, 0x1d, 0x28};
    const Bytes covered(frame.data(), frame.size() - 3);
    CHECK(crc24(kAdvertisingCrcInit, covered) == airsight::load_le24(frame.data() + frame.size() - 3));
    CHECK(crc24(kAdvertisingCrcInit, covered) == 0x281D4D);

    // Any one flipped bit changes it, and so does another CRCInit.
    std::vector<std::uint8_t> flipped(frame.begin(), frame.end() - 3);
    for (std::size_t i = 0; i < flipped.size() * 8; ++i) {
        flipped[i / 8] ^= static_cast<std::uint8_t>(1u << (i % 8));
        CHECK(crc24(kAdvertisingCrcInit, flipped) != 0x281D4D);
        flipped[i / 8] ^= static_cast<std::uint8_t>(1u << (i % 8));
    }
    CHECK(crc24(0x123456, covered) != 0x281D4D);
    CHECK(crc24(kAdvertisingCrcInit, Bytes{}) < 0x1000000u);
}

TEST_CASE("crc24: an ADV_NONCONN_IND from the same capture (frame 2), also at compile time")
{
    // PDU header 0x42 0x21 (TxAdd random, 33 bytes), AdvA, Apple manufacturer
    // data; sent with the CRC bytes BF 2C F6.
    static constexpr std::uint8_t pdu[] = {
        0x42, 0x21, 0xea, 0x0d, 0x35, 0x6f, 0xd7, 0x59, 0x02, 0x01, 0x1a, 0x17, 0xff, 0x4c, 0x00, 0x09, 0x08, 0x13,
        0x0c, 0xc0, 0xa8, 0x56, 0xfa, 0x1b, 0x58, 0x16, 0x08, 0x00, 0x59, 0x87, 0x4f, 0xfd, 0x15, 0x61, 0x60};
    static_assert(crc24(kAdvertisingCrcInit, pdu) == 0xF62CBF);
    CHECK(crc24(kAdvertisingCrcInit, Bytes(pdu)) == 0xF62CBF);
    CHECK(crc24(kAdvertisingCrcInit, Bytes(pdu).first(sizeof pdu - 1)) != 0xF62CBF);
}
