#include "phy/btle_phy.h"

#include "phy/advertisement_component.h"
#include "phy/device_update.h"

#include <airsight/crc24.h>

#include <string>

namespace airsight::btle {
namespace {

void bump(std::atomic<std::uint64_t>& c) { c.fetch_add(1, std::memory_order_relaxed); }

std::optional<bool> connectable_of(const AdvertisingPdu& pdu)
{
    switch (pdu.type) {
    case pdu_type::adv_ind:
    case pdu_type::adv_direct_ind: return true;
    case pdu_type::adv_nonconn_ind:
    case pdu_type::adv_scan_ind: return false;
    case pdu_type::adv_ext_ind:
        if (pdu.extended && pdu.transmitter) return (pdu.extended->adv_mode & 0x01) != 0;
        return std::nullopt;
    default: return std::nullopt; // scan requests and responses, CONNECT_IND say nothing of it
    }
}

// The PDUs whose transmitter is AdvA and that carry AdvData or ScanRspData
// (ADV_DIRECT_IND has none; SCAN_REQ and CONNECT_IND are sent by the other end).
bool carries_adv_data(const AdvertisingPdu& pdu)
{
    switch (pdu.type) {
    case pdu_type::adv_ind:
    case pdu_type::adv_nonconn_ind:
    case pdu_type::adv_scan_ind:
    case pdu_type::scan_rsp:
    case pdu_type::adv_ext_ind: return pdu.transmitter.has_value();
    default: return false;
    }
}

} // namespace

BtlePhy::BtlePhy(DeviceTracker& devices, std::shared_ptr<const BtleFields> fields, PacketComponent<Dissection> dissection)
    : devices_(devices), fields_(std::move(fields)), dissection_(dissection), phy_id_(devices.register_phy(kPhyName))
{
}

void BtlePhy::decap(Packet& packet) const
{
    if (packet.payload_dlt != 0) return; // another PHY's capture header
    if (packet.dlt != dlt::ble_ll && packet.dlt != dlt::ble_ll_with_phdr && packet.dlt != dlt::nordic_ble &&
        packet.dlt != dlt::ppi)
        return;
    const LinkFrame link = parse_link_frame(packet.dlt, packet.data);
    if (!link.ours) return; // PPI around 802.11
    Dissection& d = dissection_.attach(packet);
    d.link = link;
    if (!d.link.error.empty()) {
        bump(counters_.malformed);
        packet.fail(d.link.error);
        return;
    }
    if (d.link.freq_mhz) packet.radio.freq_khz = d.link.freq_mhz * 1000;
    packet.radio.signal_dbm = d.link.signal_dbm;
    packet.radio.noise_dbm = d.link.noise_dbm;
    // From the access address to the record's end (an LE Coded frame keeps
    // its coding indicator byte after the access address).
    const std::size_t ci = d.link.phy == LePhy::le_coded ? 1 : 0;
    const std::uint8_t* start = d.link.pdu.data() - 4 - ci;
    packet.payload = std::span<const std::uint8_t>(start, packet.data.data() + packet.data.size());
    packet.payload_dlt = dlt::ble_ll;
}

void BtlePhy::dissect(Packet& packet) const
{
    if (packet.error) return;
    Dissection* found = dissection_.find(packet);
    if (!found || !found->link.ours || packet.payload_dlt != dlt::ble_ll) return;
    Dissection& d = *found;
    if (d.link.access_address != kAdvertisingAccessAddress) {
        bump(counters_.other_access_address);
        return;
    }
    d.parsed = parse_advertising_pdu(d.link.pdu);
    if (d.parsed.error == PduError::truncated) {
        bump(counters_.malformed);
        packet.fail(pdu_error_text(d.parsed.error));
        return;
    }
    // The capture header's verdict when it has one (nRF Sniffer, a checked
    // libbtbb header), else the CRC computed here, as tshark's btle does.
    const bool crc_ok = d.link.header_crc != HeaderCrc::unchecked
                            ? d.link.header_crc == HeaderCrc::valid
                            : crc24(kAdvertisingCrcInit, d.parsed.covered) == d.parsed.pdu.crc;
    if (!crc_ok) {
        bump(counters_.bad_crc);
        packet.fail("bad BLE CRC");
        return;
    }
    if (d.parsed.error != PduError::none) {
        bump(counters_.malformed);
        packet.fail(pdu_error_text(d.parsed.error));
        return;
    }
    const AdvertisingPdu& pdu = d.parsed.pdu;
    parse_advertising_data(pdu.adv_data, d.ad);
    if (d.ad.malformed) bump(counters_.malformed_ad);
    d.dissected = true;
    packet.phy_id = phy_id_;
    if (pdu.transmitter) packet.addresses.source = packet.addresses.transmitter = *pdu.transmitter;
    if (pdu.receiver) packet.addresses.destination = *pdu.receiver;
    if (shared_advertisement_.registered() && carries_adv_data(pdu))
        fill_advertisement({.advertiser = *pdu.transmitter,
                            .random = pdu.tx_random,
                            .extended = pdu.type == pdu_type::adv_ext_ind,
                            // Capture headers that say nothing of the PHY: LE 1M, the only one legacy advertising uses.
                            .radio = d.link.phy == LePhy::unknown ? LePhy::le_1m : d.link.phy,
                            .ad = pdu.adv_data},
                           shared_advertisement_.attach(packet));
}

LeComponents BtlePhy::common(Device& d, const Dissection& dis, bool random) const
{
    d.type.assign(kBtleDeviceType);
    if (dis.link.channel) d.channel = std::to_string(*dis.link.channel);
    return le_components(d, fields_, random);
}

void BtlePhy::track(Packet& packet) const
{
    const Dissection* found = dissection_.find(packet);
    if (packet.phy_id != phy_id_ || !found || !found->dissected) return;
    const Dissection& d = *found;
    const AdvertisingPdu& pdu = d.parsed.pdu;
    if (ignore_random_ && pdu.transmitter && pdu.tx_random) {
        if (!packet.duplicate) bump(counters_.ignored_random);
        return;
    }
    if (!packet.duplicate) {
        devices_.count_packet(phy_id_);
        bump(counters_.advertising);
    }
    const auto ts = static_cast<std::uint64_t>(packet.ts_sec);
    std::optional<ConnectionRecord> connection;
    if (pdu.connection && pdu.transmitter && pdu.receiver)
        connection = ConnectionRecord{.peer = *pdu.receiver, .central = true,
                                      .access_address = pdu.connection->access_address,
                                      .interval = pdu.connection->interval, .first_time = ts, .last_time = ts};
    if (pdu.transmitter) {
        devices_.update(phy_id_, *pdu.transmitter, packet, DEVICE_TRANSMITTED | DEVICE_LLC, 0, [&](Device& dev) {
            const LeComponents c = common(dev, d, pdu.tx_random);
            c.le.pdu_type = pdu.type;
            c.le.pdu_types_seen |= 1u << pdu.type;
            const Advertisement a{.data = d.ad,
                                  .raw = pdu.adv_data,
                                  .scan_response = pdu.type == pdu_type::scan_rsp,
                                  .connectable = connectable_of(pdu),
                                  .signal_dbm = packet.radio.signal_dbm};
            apply_advertisement(dev, c.le, c.bt, a);
            if (connection) note_connection(c.le, *connection);
        });
    }
    if (pdu.receiver) {
        devices_.update(phy_id_, *pdu.receiver, packet, DEVICE_RECEIVED | DEVICE_LLC, 0, [&](Device& dev) {
            BtleDevice& le = common(dev, d, pdu.rx_random).le;
            if (connection && pdu.transmitter) {
                ConnectionRecord peripheral = *connection;
                peripheral.peer = *pdu.transmitter;
                peripheral.central = false;
                note_connection(le, peripheral);
            }
        });
    }
}

} // namespace airsight::btle
