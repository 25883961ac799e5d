#include "dissect/pdu.h"

namespace airsight::btle {
namespace {

constexpr std::size_t kAddr = 6;

// The extended header: length (6 bits) and AdvMode, then, when the length is
// not 0, a flags byte and the fields it announces, in the spec's order.
bool parse_extended(Bytes payload, AdvertisingPdu& pdu)
{
    if (payload.empty()) return false;
    ExtendedHeader ext;
    const std::size_t header_length = payload[0] & 0x3F;
    ext.adv_mode = payload[0] >> 6;
    if (1 + header_length > payload.size()) return false;
    if (header_length > 0) {
        const std::uint8_t flags = payload[1];
        std::size_t at = 2;
        const std::size_t end = 1 + header_length;
        auto take = [&](std::size_t n) -> const std::uint8_t* {
            if (at + n > end) return nullptr;
            const std::uint8_t* p = payload.data() + at;
            at += n;
            return p;
        };
        if (flags & 0x01) {
            const auto* p = take(kAddr);
            if (!p) return false;
            pdu.transmitter = load_bd_addr(p);
        }
        if (flags & 0x02) {
            const auto* p = take(kAddr);
            if (!p) return false;
            pdu.receiver = load_bd_addr(p);
        }
        if (flags & 0x04 && !take(1)) return false; // CTEInfo
        if (flags & 0x08) {
            const auto* p = take(2);
            if (!p) return false;
            ext.adi = load_le16(p);
        }
        if (flags & 0x10) {
            if (!take(3)) return false;
            ext.aux_pointer = true;
        }
        if (flags & 0x20 && !take(18)) return false; // SyncInfo
        if (flags & 0x40) {
            const auto* p = take(1);
            if (!p) return false;
            ext.tx_power = static_cast<std::int8_t>(*p);
        }
        // ACAD fills the rest of the header.
    }
    pdu.extended = ext;
    pdu.adv_data = payload.subspan(1 + header_length);
    return true;
}

} // namespace

std::string_view pdu_type_name(std::uint8_t type)
{
    switch (type) {
    case pdu_type::adv_ind: return "ADV_IND";
    case pdu_type::adv_direct_ind: return "ADV_DIRECT_IND";
    case pdu_type::adv_nonconn_ind: return "ADV_NONCONN_IND";
    case pdu_type::scan_req: return "SCAN_REQ";
    case pdu_type::scan_rsp: return "SCAN_RSP";
    case pdu_type::connect_ind: return "CONNECT_IND";
    case pdu_type::adv_scan_ind: return "ADV_SCAN_IND";
    case pdu_type::adv_ext_ind: return "ADV_EXT_IND";
    case pdu_type::aux_connect_rsp: return "AUX_CONNECT_RSP";
    default: return "UNKNOWN";
    }
}

std::string_view pdu_error_text(PduError e)
{
    switch (e) {
    case PduError::none: return "";
    case PduError::truncated: return "BLE advertising PDU truncated";
    case PduError::too_short: return "BLE advertising PDU shorter than its type's fields";
    case PduError::reserved_type: return "BLE advertising PDU of a reserved type";
    }
    return "";
}

ParsedPdu parse_advertising_pdu(Bytes bytes)
{
    ParsedPdu out;
    if (bytes.size() < 2) {
        out.error = PduError::truncated;
        return out;
    }
    AdvertisingPdu& pdu = out.pdu;
    pdu.type = bytes[0] & 0x0F;
    pdu.chsel = (bytes[0] & 0x20) != 0;
    pdu.tx_random = (bytes[0] & 0x40) != 0;
    pdu.rx_random = (bytes[0] & 0x80) != 0;
    pdu.length = bytes[1];
    if (bytes.size() < 2u + pdu.length + 3u) {
        out.error = PduError::truncated;
        return out;
    }
    out.covered = bytes.first(2u + pdu.length);
    pdu.crc = load_le24(bytes.data() + 2 + pdu.length);
    const Bytes payload = bytes.subspan(2, pdu.length);
    auto need = [&](std::size_t n) {
        if (payload.size() >= n) return true;
        out.error = PduError::too_short;
        return false;
    };
    switch (pdu.type) {
    case pdu_type::adv_ind:
    case pdu_type::adv_nonconn_ind:
    case pdu_type::scan_rsp:
    case pdu_type::adv_scan_ind:
        if (!need(kAddr)) return out;
        pdu.transmitter = load_bd_addr(payload.data());
        pdu.adv_data = payload.subspan(kAddr);
        break;
    case pdu_type::adv_direct_ind:
    case pdu_type::scan_req:
        if (!need(2 * kAddr)) return out;
        pdu.transmitter = load_bd_addr(payload.data());
        pdu.receiver = load_bd_addr(payload.data() + kAddr);
        break;
    case pdu_type::connect_ind: {
        if (!need(2 * kAddr + 22)) return out;
        pdu.transmitter = load_bd_addr(payload.data());
        pdu.receiver = load_bd_addr(payload.data() + kAddr);
        const std::uint8_t* ll = payload.data() + 2 * kAddr;
        ConnectionRequest c;
        c.access_address = load_le32(ll);
        c.crc_init = load_le24(ll + 4);
        c.interval = load_le16(ll + 10);
        c.latency = load_le16(ll + 12);
        c.timeout = load_le16(ll + 14);
        c.hop = ll[21] & 0x1F;
        pdu.connection = c;
        break;
    }
    case pdu_type::adv_ext_ind:
    case pdu_type::aux_connect_rsp:
        if (!need(1)) return out;
        if (!parse_extended(payload, pdu)) out.error = PduError::too_short;
        break;
    default: out.error = PduError::reserved_type; break;
    }
    return out;
}

} // namespace airsight::btle
