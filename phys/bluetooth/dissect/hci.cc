#include "dissect/hci.h"

#include "dissect/pdu.h"

#include <algorithm>

namespace airsight::btle {
namespace {

// H4 packet types (Core spec Vol 4 Part A 2).
HciKind kind_of_h4(std::uint8_t type)
{
    switch (type) {
    case 0x01: return HciKind::command;
    case 0x02: return HciKind::acl;
    case 0x03: return HciKind::sco;
    case 0x04: return HciKind::event;
    case 0x05: return HciKind::iso;
    default: return HciKind::other;
    }
}

// The Linux monitor's opcodes (BlueZ's HCI_MON_*): which carry HCI packets,
// and in which direction. The others (index, note, logging) are the monitor's own.
HciKind kind_of_monitor(std::uint16_t opcode, bool& received)
{
    switch (opcode) {
    case 2: return HciKind::command;
    case 3: received = true; return HciKind::event;
    case 4: return HciKind::acl;
    case 5: received = true; return HciKind::acl;
    case 6: return HciKind::sco;
    case 7: received = true; return HciKind::sco;
    case 18: return HciKind::iso;
    case 19: received = true; return HciKind::iso;
    default: return HciKind::other;
    }
}

// Reads forward through an event's parameters; any read past the end
// makes it fail, and every later read fails too.
class Reader {
public:
    explicit Reader(Bytes b) : b_(b) {}
    bool failed() const { return failed_; }
    std::size_t left() const { return failed_ ? 0 : b_.size() - at_; }

    std::uint8_t u8()
    {
        const std::uint8_t* p = take(1);
        return p ? *p : 0;
    }
    std::uint16_t le16()
    {
        const std::uint8_t* p = take(2);
        return p ? load_le16(p) : 0;
    }
    std::uint32_t le24()
    {
        const std::uint8_t* p = take(3);
        return p ? load_le24(p) : 0;
    }
    MacAddr address()
    {
        const std::uint8_t* p = take(6);
        return p ? load_bd_addr(p) : MacAddr{};
    }
    Bytes bytes(std::size_t n)
    {
        const std::uint8_t* p = take(n);
        return p ? Bytes(p, n) : Bytes{};
    }
    void skip(std::size_t n) { take(n); }

private:
    const std::uint8_t* take(std::size_t n)
    {
        if (failed_ || b_.size() - at_ < n) {
            failed_ = true;
            return nullptr;
        }
        const std::uint8_t* p = b_.data() + at_;
        at_ += n;
        return p;
    }

    Bytes b_;
    std::size_t at_ = 0;
    bool failed_ = false;
};

// 127 is "RSSI / TX power not available" in every report that carries one.
std::optional<std::int8_t> dbm(std::uint8_t raw)
{
    if (raw == 127) return std::nullopt;
    return static_cast<std::int8_t>(raw);
}

LePhy le_phy(std::uint8_t raw)
{
    switch (raw) {
    case 1: return LePhy::le_1m;
    case 2: return LePhy::le_2m;
    case 3: return LePhy::le_coded;
    default: return LePhy::unknown;
    }
}

// LE Advertising Report: event type, address type, address, data length,
// data, RSSI per report.
void le_advertising(Reader& r, std::uint8_t count, std::vector<HciReport>& out)
{
    for (unsigned i = 0; i < count && !r.failed(); ++i) {
        HciReport& rep = out.emplace_back();
        rep.kind = ReportKind::le_advertising;
        rep.event_type = r.u8();
        rep.address_type = r.u8();
        rep.address = r.address();
        rep.data = r.bytes(r.u8());
        rep.rssi = dbm(r.u8());
    }
}

// LE Extended Advertising Report: event type (le16), address type, address,
// primary and secondary PHY, SID, tx power, RSSI, periodic interval (le16),
// direct address type and address, data length, data.
void le_extended_advertising(Reader& r, std::uint8_t count, std::vector<HciReport>& out)
{
    for (unsigned i = 0; i < count && !r.failed(); ++i) {
        HciReport& rep = out.emplace_back();
        rep.kind = ReportKind::le_extended_advertising;
        rep.event_type = r.le16();
        rep.address_type = r.u8();
        rep.address = r.address();
        rep.primary_phy = le_phy(r.u8());
        rep.secondary_phy = le_phy(r.u8());
        r.skip(1); // advertising SID
        rep.tx_power = dbm(r.u8());
        rep.rssi = dbm(r.u8());
        r.skip(2 + 1 + 6); // periodic advertising interval, direct address type and address
        rep.data = r.bytes(r.u8());
    }
}

// Inquiry Result (14 bytes a response: address, page scan repetition mode,
// two reserved, class of device, clock offset) and Inquiry Result with RSSI
// (address, page scan repetition mode, reserved, class, clock offset, RSSI).
void inquiry(Reader& r, std::uint8_t count, bool with_rssi, std::vector<HciReport>& out)
{
    for (unsigned i = 0; i < count && !r.failed(); ++i) {
        HciReport& rep = out.emplace_back();
        rep.kind = with_rssi ? ReportKind::inquiry_rssi : ReportKind::inquiry;
        rep.address = r.address();
        r.skip(with_rssi ? 2 : 3);
        rep.class_of_device = r.le24();
        r.skip(2);
        if (with_rssi) rep.rssi = static_cast<std::int8_t>(r.u8());
    }
}

// Extended Inquiry Result: one response (address, page scan repetition mode,
// reserved, class, clock offset, RSSI) and 240 bytes of EIR data; what the
// event holds of them, since a short one is padded with zeros anyway.
void extended_inquiry(Reader& r, std::vector<HciReport>& out)
{
    HciReport& rep = out.emplace_back();
    rep.kind = ReportKind::extended_inquiry;
    rep.address = r.address();
    r.skip(2);
    rep.class_of_device = r.le24();
    r.skip(2);
    rep.rssi = static_cast<std::int8_t>(r.u8());
    rep.data = r.bytes(std::min<std::size_t>(r.left(), 240));
}

// Remote Name Request Complete: status, address, the name (248 bytes, UTF-8,
// ended by a NUL when shorter).
void remote_name(Reader& r, std::vector<HciReport>& out, HciEventVerdict& verdict)
{
    const std::uint8_t status = r.u8();
    const MacAddr address = r.address();
    if (r.failed()) return;
    if (status != 0) {
        verdict = HciEventVerdict::other; // the request failed: it names nobody
        return;
    }
    Bytes name = r.bytes(std::min<std::size_t>(r.left(), 248));
    const auto nul = std::find(name.begin(), name.end(), std::uint8_t{0});
    name = name.first(static_cast<std::size_t>(nul - name.begin()));
    HciReport& rep = out.emplace_back();
    rep.kind = ReportKind::remote_name;
    rep.address = address;
    rep.name = name;
}

} // namespace

HciFrame parse_hci_frame(std::uint32_t dlt, Bytes record)
{
    HciFrame out;
    if (dlt == dlt::hci_h4_with_phdr) {
        out.ours = true;
        if (record.size() < 5) {
            out.error = "BLUETOOTH_HCI_H4_WITH_PHDR record shorter than its direction and packet type";
            return out;
        }
        out.received = (load_be32(record.data()) & 1) != 0;
        out.kind = kind_of_h4(record[4]);
        out.packet = record.subspan(5);
        return out;
    }
    if (dlt == dlt::linux_monitor) {
        out.ours = true;
        if (record.size() < 4) {
            out.error = "BLUETOOTH_LINUX_MONITOR record shorter than its adapter id and opcode";
            return out;
        }
        out.kind = kind_of_monitor(load_be16(record.data() + 2), out.received);
        out.packet = record.subspan(4);
        return out;
    }
    return out;
}

void parse_hci_event(Bytes event, HciEvent& out)
{
    out.reports.clear();
    out.error = {};
    out.code = out.subevent = 0;
    out.verdict = HciEventVerdict::malformed;
    if (event.size() < 2) {
        out.error = "HCI event shorter than its code and length";
        return;
    }
    out.code = event[0];
    if (event[1] > event.size() - 2) {
        out.error = "HCI event length past the record";
        return;
    }
    Reader r(event.subspan(2, event[1]));
    out.verdict = HciEventVerdict::reports;
    switch (out.code) {
    case hci_event::le_meta:
        out.subevent = r.u8();
        if (out.subevent == le_subevent::advertising_report) le_advertising(r, r.u8(), out.reports);
        else if (out.subevent == le_subevent::extended_advertising_report)
            le_extended_advertising(r, r.u8(), out.reports);
        else out.verdict = HciEventVerdict::other;
        break;
    case hci_event::inquiry_result: inquiry(r, r.u8(), false, out.reports); break;
    case hci_event::inquiry_result_rssi: inquiry(r, r.u8(), true, out.reports); break;
    case hci_event::extended_inquiry_result:
        r.skip(1); // Num_Responses, always 1
        extended_inquiry(r, out.reports);
        break;
    case hci_event::remote_name_complete: remote_name(r, out.reports, out.verdict); break;
    default: out.verdict = HciEventVerdict::other; return;
    }
    if (r.failed()) {
        out.reports.clear();
        out.verdict = HciEventVerdict::malformed;
        out.error = out.code == hci_event::le_meta && out.subevent == 0 ? "LE Meta event without a subevent"
                                                                         : "HCI event shorter than the reports it announces";
    }
}

std::optional<std::uint8_t> pdu_type_of_report(const HciReport& r)
{
    if (r.kind == ReportKind::le_advertising) {
        switch (r.event_type) {
        case 0: return pdu_type::adv_ind;
        case 1: return pdu_type::adv_direct_ind;
        case 2: return pdu_type::adv_scan_ind;
        case 3: return pdu_type::adv_nonconn_ind;
        case 4: return pdu_type::scan_rsp;
        default: return std::nullopt;
        }
    }
    if (r.kind != ReportKind::le_extended_advertising) return std::nullopt;
    using namespace ext_event_type;
    if (r.extended()) return pdu_type::adv_ext_ind;
    if (r.event_type & scan_response) return pdu_type::scan_rsp;
    if (r.event_type & directed) return pdu_type::adv_direct_ind;
    if (r.event_type & connectable) return pdu_type::adv_ind;
    if (r.event_type & scannable) return pdu_type::adv_scan_ind;
    return pdu_type::adv_nonconn_ind;
}

std::optional<bool> connectable_of_report(const HciReport& r)
{
    if (r.kind == ReportKind::le_extended_advertising) {
        if (r.event_type & ext_event_type::scan_response) return std::nullopt; // says nothing of it
        return (r.event_type & ext_event_type::connectable) != 0;
    }
    if (r.kind != ReportKind::le_advertising) return std::nullopt;
    switch (r.event_type) {
    case 0:
    case 1: return true;
    case 2:
    case 3: return false;
    default: return std::nullopt;
    }
}

} // namespace airsight::btle
