// Advertising-channel PDUs (Core spec Vol 6 Part B 2.3): the 2-byte header
// (type, ChSel, TxAdd, RxAdd, length), the addresses each type carries,
// its advertising data, CONNECT_IND's link parameters, the common extended
// advertising header of ADV_EXT_IND / AUX_*, and the CRC after the payload.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_PDU_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_PDU_H

#include "dissect/bytes.h"

#include <airsight/mac.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace airsight::btle {

/// The access address of every advertising-channel packet.
inline constexpr std::uint32_t kAdvertisingAccessAddress = 0x8E89BED6;

namespace pdu_type {
inline constexpr std::uint8_t adv_ind = 0, adv_direct_ind = 1, adv_nonconn_ind = 2, scan_req = 3, scan_rsp = 4,
                              connect_ind = 5, adv_scan_ind = 6, adv_ext_ind = 7, aux_connect_rsp = 8;
}
/// "ADV_IND", ...; "UNKNOWN" for the reserved types.
std::string_view pdu_type_name(std::uint8_t type);

/// CONNECT_IND's LLData: the connection the initiator asks for.
struct ConnectionRequest {
    std::uint32_t access_address = 0;
    std::uint32_t crc_init = 0; // as the three bytes read little-endian
    std::uint16_t interval = 0; // units of 1.25 ms
    std::uint16_t latency = 0;
    std::uint16_t timeout = 0;  // units of 10 ms
    std::uint8_t hop = 0;
};

/// The common extended advertising payload's header fields that matter here.
struct ExtendedHeader {
    std::uint8_t adv_mode = 0; // bit 0 connectable, bit 1 scannable
    std::optional<std::uint16_t> adi;
    bool aux_pointer = false;
    std::optional<std::int8_t> tx_power;
};

struct AdvertisingPdu {
    std::uint8_t type = 0;
    bool chsel = false;
    bool tx_random = false, rx_random = false; // TxAdd, RxAdd
    std::uint8_t length = 0;
    /// Who sent it: AdvA, ScanA (SCAN_REQ), InitA (CONNECT_IND); absent for an
    /// extended PDU without AdvA. Its type is TxAdd.
    std::optional<MacAddr> transmitter;
    /// Whom it is for: TargetA (ADV_DIRECT_IND, extended), AdvA (SCAN_REQ,
    /// CONNECT_IND, AUX_CONNECT_RSP's TargetA). Its type is RxAdd.
    std::optional<MacAddr> receiver;
    Bytes adv_data; // AdvData / ScanRspData (empty for the types without)
    std::optional<ConnectionRequest> connection;
    std::optional<ExtendedHeader> extended;
    /// The 3 CRC bytes after the payload, little-endian.
    std::uint32_t crc = 0;
};

enum class PduError : std::uint8_t {
    none,
    truncated,    // the record ends before the PDU's length and CRC
    too_short,    // the length is below what the type carries
    reserved_type // a PDU type the spec reserves
};
std::string_view pdu_error_text(PduError e);

struct ParsedPdu {
    PduError error = PduError::none;
    AdvertisingPdu pdu;
    Bytes covered; // header and payload: what the CRC covers
};

/// Parses an advertising-channel PDU; `bytes` starts at its header and
/// holds at least header, payload and CRC.
ParsedPdu parse_advertising_pdu(Bytes bytes);

} // namespace airsight::btle

#endif
