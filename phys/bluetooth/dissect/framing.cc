#include "dissect/framing.h"

namespace airsight::btle {
namespace {

// Access address, then at least the 2-byte PDU header.
constexpr std::size_t kMinLinkPacket = 4 + 2;

LinkFrame bare_packet(Bytes ll, LinkFrame out)
{
    if (ll.size() < kMinLinkPacket) {
        out.error = "BLE packet shorter than its access address and PDU header";
        return out;
    }
    out.access_address = load_le32(ll.data());
    out.pdu = ll.subspan(4);
    return out;
}

// libbtbb's pcap_bluetooth_le_ll_header: rf_channel, signal, noise,
// access_address_offenses, ref_access_address[4], flags (le16).
LinkFrame with_phdr(Bytes record, LinkFrame out)
{
    constexpr std::size_t kHeader = 10;
    if (record.size() < kHeader) {
        out.error = "BLUETOOTH_LE_LL_WITH_PHDR header shorter than 10 bytes";
        return out;
    }
    const std::uint16_t flags = load_le16(record.data() + 8);
    constexpr std::uint16_t signal_valid = 0x0002, noise_valid = 0x0004, crc_checked = 0x0400, crc_valid = 0x0800;
    out.channel = channel_of_rf_channel(record[0]);
    if (out.channel) out.freq_mhz = 2402 + 2u * record[0];
    if (flags & signal_valid) out.signal_dbm = static_cast<std::int8_t>(record[1]);
    if (flags & noise_valid) out.noise_dbm = static_cast<std::int8_t>(record[2]);
    if (flags & crc_checked) out.header_crc = (flags & crc_valid) ? HeaderCrc::valid : HeaderCrc::invalid;
    return bare_packet(record.subspan(kHeader), out);
}

// nRF Sniffer for Bluetooth LE, protocol 2 and 3: board (1); payload length
// (le16), protocol version, packet counter (le16), packet id; then an event
// header that starts with its own length: flags, channel index, RSSI
// (negated), event counter (le16), timestamp (le32).
LinkFrame nordic(Bytes record, LinkFrame out)
{
    constexpr std::size_t kBoardAndHeader = 7;
    if (record.size() < kBoardAndHeader + 1) {
        out.error = "nRF Sniffer header truncated";
        return out;
    }
    const std::uint8_t version = record[3];
    if (version != 2 && version != 3) {
        out.error = "nRF Sniffer protocol version other than 2 or 3";
        return out;
    }
    const std::size_t event_length = record[kBoardAndHeader];
    if (event_length < 10 || record.size() < kBoardAndHeader + event_length) {
        out.error = "nRF Sniffer event header truncated or shorter than 10 bytes";
        return out;
    }
    const std::uint8_t* e = record.data() + kBoardAndHeader;
    const std::uint8_t flags = e[1];
    out.header_crc = (flags & 0x01) ? HeaderCrc::valid : HeaderCrc::invalid;
    const unsigned phy = (flags >> 4) & 0x07;
    out.phy = phy == 0 ? LePhy::le_1m : phy == 1 ? LePhy::le_2m : phy == 2 ? LePhy::le_coded : LePhy::unknown;
    if (e[2] <= 39) {
        out.channel = e[2];
        out.freq_mhz = mhz_of_channel(e[2]);
    }
    out.signal_dbm = -static_cast<int>(e[3]);
    Bytes ll = record.subspan(kBoardAndHeader + event_length);
    if (out.phy == LePhy::le_coded) {
        // The coding indicator sits between the access address and the PDU.
        if (ll.size() < kMinLinkPacket + 1) {
            out.error = "BLE packet shorter than its access address, coding indicator and PDU header";
            return out;
        }
        out.access_address = load_le32(ll.data());
        out.pdu = ll.subspan(5);
        return out;
    }
    return bare_packet(ll, out);
}

// PPI: version, flags, header length (le16), inner link type (le32), then
// fields (type le16, length le16, data); the BTLE field (30006) says the
// frequency in MHz at its offset 1.
LinkFrame ppi(Bytes record, LinkFrame out)
{
    if (record.size() < 8) {
        out.ours = false; // too short to know what it carries: dot11's decap reports it
        return out;
    }
    const std::uint32_t inner = load_le32(record.data() + 4);
    if (inner != dlt::user0 && inner != dlt::ble_ll && inner != dlt::ble_ll_with_phdr) {
        out.ours = false;
        return out;
    }
    const std::size_t length = load_le16(record.data() + 2);
    if (record[0] != 0 || length < 8 || length > record.size()) {
        out.error = "PPI header length past the record";
        return out;
    }
    std::size_t at = 8;
    while (at + 4 <= length) {
        const std::uint16_t type = load_le16(record.data() + at);
        const std::size_t field = load_le16(record.data() + at + 2);
        if (at + 4 + field > length) break; // a damaged field list: the radio facts are optional
        if (type == 30006 && field >= 3) {
            const unsigned mhz = load_le16(record.data() + at + 5);
            if (mhz >= 2402 && mhz <= 2480 && mhz % 2 == 0) {
                out.freq_mhz = mhz;
                out.channel = channel_of_rf_channel((mhz - 2402) / 2);
            }
        }
        at += 4 + field;
    }
    if (inner == dlt::ble_ll_with_phdr) return with_phdr(record.subspan(length), out);
    return bare_packet(record.subspan(length), out);
}

} // namespace

std::optional<std::uint8_t> channel_of_rf_channel(unsigned rf)
{
    if (rf == 0) return 37;
    if (rf == 12) return 38;
    if (rf == 39) return 39;
    if (rf >= 1 && rf <= 11) return static_cast<std::uint8_t>(rf - 1);
    if (rf >= 13 && rf <= 38) return static_cast<std::uint8_t>(rf - 2);
    return std::nullopt;
}

unsigned mhz_of_channel(std::uint8_t channel)
{
    if (channel == 37) return 2402;
    if (channel == 38) return 2426;
    if (channel == 39) return 2480;
    if (channel <= 10) return 2404 + 2u * channel;
    if (channel <= 36) return 2428 + 2u * (channel - 11);
    return 0;
}

LinkFrame parse_link_frame(std::uint32_t dlt, Bytes record)
{
    LinkFrame out;
    out.ours = true;
    switch (dlt) {
    case dlt::ble_ll: return bare_packet(record, out);
    case dlt::ble_ll_with_phdr: return with_phdr(record, out);
    case dlt::nordic_ble: return nordic(record, out);
    case dlt::ppi: return ppi(record, out);
    default: out.ours = false; return out;
    }
}

} // namespace airsight::btle
