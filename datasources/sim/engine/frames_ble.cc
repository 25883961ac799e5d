// BLE advertising packets (link type 256): the link layer and the world's advertisers.
#include "ble_link.h"
#include "frames.h"
#include "prng.h"

#include <airsight/crc24.h>

#include <stdexcept>

namespace airsight::sim {

void append_ble_advertising(ByteSink& out, const BleRadio& radio, BlePdu type, bool tx_random, const MacAddr& adv_a,
                            std::span<const std::uint8_t> data)
{
    if (data.size() > kMaxLegacyAdvData) throw std::logic_error("BLE advertising data longer than 31 bytes");
    out.u8(ble_rf_channel(radio.channel));
    out.u8(static_cast<std::uint8_t>(radio.signal_dbm));
    out.u8(static_cast<std::uint8_t>(radio.noise_dbm));
    out.u8(0); // access address offenses
    out.le32(kAdvertisingAccessAddress); // the reference access address
    out.le16(kBlePhdrFlags);
    out.le32(kAdvertisingAccessAddress);
    const std::size_t pdu_start = out.size();
    out.u8(static_cast<std::uint8_t>(static_cast<std::uint8_t>(type) | (tx_random ? 0x40 : 0)));
    out.u8(static_cast<std::uint8_t>(6 + data.size()));
    for (int i = 5; i >= 0; --i) out.u8(adv_a.bytes[static_cast<std::size_t>(i)]); // least significant octet first
    out.bytes(data.data(), data.size());
    const std::uint32_t crc = btle::crc24(btle::kAdvertisingCrcInit, {out.at(pdu_start), out.size() - pdu_start});
    out.u8(static_cast<std::uint8_t>(crc));
    out.u8(static_cast<std::uint8_t>(crc >> 8));
    out.u8(static_cast<std::uint8_t>(crc >> 16));
}

BleRadio FrameBuilder::ble_radio(const Transmission& tx, int signal_dbm) const
{
    const std::uint64_t jitter = mix(world_.config.seed ^ 0x626c6573, tx.ts_usec ^ (std::uint64_t{tx.value} << 40));
    BleRadio r;
    r.channel = tx.channel;
    r.signal_dbm = static_cast<std::int8_t>(signal_dbm + static_cast<int>(jitter % 7) - 3);
    r.noise_dbm = static_cast<std::int8_t>(-98 + static_cast<int>((jitter >> 8) % 3));
    return r;
}

void FrameBuilder::ble_advertisement(ByteSink& out, const Transmission& tx) const
{
    const BleAdvertiser& a = world_.ble_advertisers[tx.value];
    if (tx.kind == FrameKind::BleScanResponse)
        append_ble_advertising(out, ble_radio(tx, a.signal_dbm), BlePdu::ScanRsp, a.random_address, a.address,
                               a.scan_response_data);
    else
        append_ble_advertising(out, ble_radio(tx, a.signal_dbm), a.pdu, a.random_address, a.address, a.adv_data);
}

} // namespace airsight::sim
