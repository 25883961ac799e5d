// Host-side Bluetooth: HCI packets as a host's stack exchanged them with its
// controller, and the events in them that name nearby devices.
//   201 BLUETOOTH_HCI_H4_WITH_PHDR  a 4-byte direction (big-endian, bit 0 set:
//                                   received), then the H4 packet type byte
//   254 BLUETOOTH_LINUX_MONITOR     libpcap's 4-byte header: adapter id and
//                                   opcode (both big-endian, as pcap/bluetooth.h
//                                   says); opcode 3 is an event
// The events read here (Core spec Vol 4 Part E 7.7): LE Advertising Report
// and LE Extended Advertising Report (LE Meta subevents 0x02, 0x0D), Inquiry
// Result, Inquiry Result with RSSI, Extended Inquiry Result (its EIR data are
// AD structures: ad.h reads them) and Remote Name Request Complete. Reports
// follow one another whole (as BlueZ and Wireshark read them). Pure parsing:
// no devices.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_HCI_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_HCI_H

#include "dissect/bytes.h"
#include "dissect/framing.h"

#include <airsight/mac.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace airsight::btle {

namespace dlt {
inline constexpr std::uint32_t hci_h4_with_phdr = 201, linux_monitor = 254;
}

/// What an HCI packet is (the H4 type byte, or the monitor's opcode).
enum class HciKind : std::uint8_t { command, acl, sco, event, iso, other };

struct HciFrame {
    /// False: the link type is not one of the two above; leave the packet alone.
    bool ours = false;
    /// Set when ours but the capture header is too short (static text).
    std::string_view error;
    HciKind kind = HciKind::other;
    bool received = false; // controller to host (201's direction; 254: events, ACL/SCO/ISO RX)
    /// The HCI packet after its type: for an event, code, length and parameters.
    Bytes packet;
};

/// Reads the capture header of `record`, of link type `dlt`.
HciFrame parse_hci_frame(std::uint32_t dlt, Bytes record);

namespace hci_event {
inline constexpr std::uint8_t inquiry_result = 0x02, remote_name_complete = 0x07, inquiry_result_rssi = 0x22,
                              extended_inquiry_result = 0x2F, le_meta = 0x3E;
}
namespace le_subevent {
inline constexpr std::uint8_t advertising_report = 0x02, extended_advertising_report = 0x0D;
}

enum class ReportKind : std::uint8_t {
    le_advertising,          // LE Advertising Report
    le_extended_advertising, // LE Extended Advertising Report
    inquiry,                 // Inquiry Result (no RSSI)
    inquiry_rssi,            // Inquiry Result with RSSI
    extended_inquiry,        // Extended Inquiry Result (RSSI, EIR data)
    remote_name,             // Remote Name Request Complete (status 0)
};

/// HCI address types of LE reports; BR/EDR addresses are public.
namespace address_type {
inline constexpr std::uint8_t public_device = 0x00, random_device = 0x01, public_identity = 0x02,
                              random_identity = 0x03, anonymous = 0xFF;
}

/// The event type bits of an LE Extended Advertising Report.
namespace ext_event_type {
inline constexpr std::uint16_t connectable = 0x01, scannable = 0x02, directed = 0x04, scan_response = 0x08,
                               legacy = 0x10;
}

/// One device a report names, and what the report says of it.
struct HciReport {
    ReportKind kind = ReportKind::le_advertising;
    MacAddr address;
    std::uint8_t address_type = address_type::public_device;
    /// LE Advertising Report: the legacy event type (0 ADV_IND .. 4 SCAN_RSP);
    /// extended: the event type bits (0 connectable, 1 scannable, 2 directed,
    /// 3 scan response, 4 legacy).
    std::uint16_t event_type = 0;
    std::optional<std::int8_t> rssi;     // absent: 127, "not available", or none in the event
    std::optional<std::int8_t> tx_power; // extended reports only (127: none)
    LePhy primary_phy = LePhy::unknown, secondary_phy = LePhy::unknown; // extended reports only
    std::optional<std::uint32_t> class_of_device; // inquiry results (24 bits)
    Bytes data;                                   // AD / EIR structures
    Bytes name;                                   // Remote Name Request Complete, up to its NUL

    bool le() const { return kind == ReportKind::le_advertising || kind == ReportKind::le_extended_advertising; }
    /// BT5 extended advertising (not a legacy PDU an extended report carries).
    bool extended() const
    {
        return kind == ReportKind::le_extended_advertising && !(event_type & ext_event_type::legacy);
    }
    /// LE: a random (resolvable, non-resolvable or static) address rather than a public one.
    bool random() const
    {
        return le() && (address_type == address_type::random_device || address_type == address_type::random_identity);
    }
};

enum class HciEventVerdict : std::uint8_t {
    reports,   // an event that names devices: see `reports`
    other,     // a well-formed event of another kind (or a failed name request)
    malformed, // shorter than its header, length, or the reports it announces
};

struct HciEvent {
    HciEventVerdict verdict = HciEventVerdict::other;
    std::string_view error; // malformed: why (static text)
    std::uint8_t code = 0, subevent = 0;
    /// Reused event after event (clear() keeps the room): no allocation once warm.
    std::vector<HciReport> reports;
};

/// Parses an HCI event (code, parameter length, parameters) into `out`.
/// Any report running past the event (or the event past the record) makes
/// the whole event malformed: no report of it is kept.
void parse_hci_event(Bytes event, HciEvent& out);

/// The advertising PDU type an LE report stands for (pdu.h's pdu_type):
/// ADV_IND, ADV_DIRECT_IND, ADV_SCAN_IND, ADV_NONCONN_IND, SCAN_RSP for
/// legacy advertising, ADV_EXT_IND for an extended report of extended
/// advertising; nothing for a reserved event type or a BR/EDR report.
std::optional<std::uint8_t> pdu_type_of_report(const HciReport& r);

/// Whether an LE report's advertising was connectable; nothing when it says not.
std::optional<bool> connectable_of_report(const HciReport& r);

} // namespace airsight::btle

#endif
