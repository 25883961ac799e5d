#include "dissect/hci.h"
#include "dissect/pdu.h"
#include "hci_builder.h"

#include <doctest/doctest.h>

#include <deque>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

const MacAddr kA = mac("A4:C1:38:BF:6F:AB");
const MacAddr kB = mac("5D:11:22:33:44:55");

// Parses a copy of `e` kept for the whole run (the reports point into it);
// the copy holds exactly its bytes, so ASan sees any read past them.
HciEvent parsed(const ByteVec& e)
{
    static std::deque<ByteVec> kept;
    kept.push_back(e);
    HciEvent out;
    parse_hci_event(kept.back(), out);
    return out;
}

} // namespace

TEST_CASE("hci: DLT 201 gives direction and packet type from its header, the packet after them")
{
    const ByteVec ev = event(0x0E, {0x01, 0x03, 0x0C, 0x00});
    const ByteVec rec = h4(0x04, ev);
    const HciFrame f = parse_hci_frame(dlt::hci_h4_with_phdr, rec);
    CHECK(f.ours);
    CHECK(f.error.empty());
    CHECK(f.kind == HciKind::event);
    CHECK(f.received);
    CHECK(ByteVec(f.packet.begin(), f.packet.end()) == ev);
    CHECK(parse_hci_frame(dlt::hci_h4_with_phdr, h4(0x01, {0x03, 0x0C, 0x00}, false)).kind == HciKind::command);
    CHECK_FALSE(parse_hci_frame(dlt::hci_h4_with_phdr, h4(0x01, {}, false)).received);
    CHECK(parse_hci_frame(dlt::hci_h4_with_phdr, h4(0x02, {1, 2})).kind == HciKind::acl);
    CHECK(parse_hci_frame(dlt::hci_h4_with_phdr, h4(0x05, {1, 2})).kind == HciKind::iso);
    CHECK(parse_hci_frame(dlt::hci_h4_with_phdr, h4(0x09, {1, 2})).kind == HciKind::other);
    // The direction is big-endian: bit 0 of the fourth byte, not of the first.
    CHECK_FALSE(parse_hci_frame(dlt::hci_h4_with_phdr, ByteVec{1, 0, 0, 0, 0x04, 0x0E, 0}).received);
    for (std::size_t n = 0; n < 5; ++n) {
        const HciFrame t = parse_hci_frame(dlt::hci_h4_with_phdr, ByteVec(rec.begin(), rec.begin() + long(n)));
        CHECK(t.ours);
        CHECK_FALSE(t.error.empty());
    }
    CHECK_FALSE(parse_hci_frame(dlt::ble_ll, rec).ours);
}

TEST_CASE("hci: DLT 254 reads adapter id and opcode big-endian; opcode 3 is an event")
{
    const ByteVec ev = event(0x0E, {0x01, 0x03, 0x0C, 0x00});
    const ByteVec rec = monitor(3, ev, 0x0102);
    const HciFrame f = parse_hci_frame(dlt::linux_monitor, rec);
    CHECK(f.ours);
    CHECK(f.kind == HciKind::event);
    CHECK(f.received);
    CHECK(ByteVec(f.packet.begin(), f.packet.end()) == ev);
    CHECK(parse_hci_frame(dlt::linux_monitor, monitor(2, ev)).kind == HciKind::command);
    CHECK(parse_hci_frame(dlt::linux_monitor, monitor(5, ev)).kind == HciKind::acl);
    CHECK(parse_hci_frame(dlt::linux_monitor, monitor(5, ev)).received);
    CHECK_FALSE(parse_hci_frame(dlt::linux_monitor, monitor(4, ev)).received);
    CHECK(parse_hci_frame(dlt::linux_monitor, monitor(0, ev)).kind == HciKind::other); // new index
    // Opcode 3 little-endian would be 0x0300: not an event.
    CHECK(parse_hci_frame(dlt::linux_monitor, ByteVec{0, 0, 3, 0, 0x0E, 0}).kind == HciKind::other);
    for (std::size_t n = 0; n < 4; ++n)
        CHECK_FALSE(parse_hci_frame(dlt::linux_monitor, ByteVec(n, 0)).error.empty());
}

TEST_CASE("hci: LE Advertising Report with two reports, address types, RSSI and data")
{
    const ByteVec data = cat({ad(0x01, {0x06}), ad(0x09, text("GVH5072"))});
    const HciEvent e = parsed(le_meta(0x02, {le_report(0x00, 0x00, kA, data, -49), le_report(0x04, 0x01, kB, {}, 127)}));
    REQUIRE(e.verdict == HciEventVerdict::reports);
    CHECK(e.code == 0x3E);
    CHECK(e.subevent == 0x02);
    REQUIRE(e.reports.size() == 2);
    const HciReport& a = e.reports[0];
    CHECK(a.kind == ReportKind::le_advertising);
    CHECK(a.address == kA);
    CHECK_FALSE(a.random());
    CHECK(a.rssi == -49);
    CHECK(ByteVec(a.data.begin(), a.data.end()) == data);
    CHECK(pdu_type_of_report(a) == pdu_type::adv_ind);
    CHECK(connectable_of_report(a) == true);
    const HciReport& b = e.reports[1];
    CHECK(b.address == kB);
    CHECK(b.random());
    CHECK_FALSE(b.rssi); // 127: not available
    CHECK(b.data.empty());
    CHECK(pdu_type_of_report(b) == pdu_type::scan_rsp);
    CHECK_FALSE(connectable_of_report(b));
    // Legacy event types 2 and 3 are ADV_SCAN_IND and ADV_NONCONN_IND.
    CHECK(pdu_type_of_report(parsed(le_meta(0x02, {le_report(0x02, 0, kA, {}, -1)})).reports[0]) == pdu_type::adv_scan_ind);
    CHECK(pdu_type_of_report(parsed(le_meta(0x02, {le_report(0x03, 0, kA, {}, -1)})).reports[0]) == pdu_type::adv_nonconn_ind);
}

TEST_CASE("hci: LE Extended Advertising Report: event type bits, PHYs, tx power")
{
    const ByteVec data = ad(0x16, {0xFA, 0xFF, 0x0D, 0x01});
    const HciEvent e = parsed(le_meta(0x0D, {le_ext_report(0x0001, 0x01, kB, 3, 0, 5, -80, data),
                                             le_ext_report(0x0013, 0x00, kA, 1, 2, 127, -60, {})}));
    REQUIRE(e.verdict == HciEventVerdict::reports);
    REQUIRE(e.reports.size() == 2);
    const HciReport& x = e.reports[0];
    CHECK(x.kind == ReportKind::le_extended_advertising);
    CHECK(x.random());
    CHECK(x.primary_phy == LePhy::le_coded);
    CHECK(x.secondary_phy == LePhy::unknown);
    CHECK(x.tx_power == 5);
    CHECK(x.rssi == -80);
    CHECK(ByteVec(x.data.begin(), x.data.end()) == data);
    CHECK(x.extended());
    CHECK(pdu_type_of_report(x) == pdu_type::adv_ext_ind);
    CHECK(connectable_of_report(x) == true);
    const HciReport& legacy = e.reports[1];
    CHECK(legacy.secondary_phy == LePhy::le_2m);
    CHECK_FALSE(legacy.tx_power);
    CHECK_FALSE(legacy.extended());
    CHECK(pdu_type_of_report(legacy) == pdu_type::adv_ind); // legacy, connectable, scannable
}

TEST_CASE("hci: inquiry results (plain, with RSSI, extended) give class of device, RSSI and EIR data")
{
    const HciEvent plain = parsed(event(0x02, cat({{2}, air(kA), {1, 0, 0}, class_of_device(0x5A020C), {0x34, 0x12},
                                                   air(kB), {1, 0, 0}, class_of_device(0x240404), {0, 0}})));
    REQUIRE(plain.verdict == HciEventVerdict::reports);
    REQUIRE(plain.reports.size() == 2);
    CHECK(plain.reports[0].kind == ReportKind::inquiry);
    CHECK(plain.reports[0].address == kA);
    CHECK(plain.reports[0].class_of_device == 0x5A020C);
    CHECK_FALSE(plain.reports[0].rssi);
    CHECK(plain.reports[1].address == kB);
    CHECK(plain.reports[1].class_of_device == 0x240404);

    const HciEvent rssi = parsed(event(0x22, cat({{1}, air(kB), {1, 0}, class_of_device(0x240404), {0, 0}, {0xC4}})));
    REQUIRE(rssi.reports.size() == 1);
    CHECK(rssi.reports[0].kind == ReportKind::inquiry_rssi);
    CHECK(rssi.reports[0].rssi == -60);
    CHECK(rssi.reports[0].class_of_device == 0x240404);

    ByteVec eir = cat({ad(0x09, text("Headset")), ad(0x03, {0x0B, 0x11})});
    eir.resize(240, 0); // padded with zeros, as controllers send it
    const HciEvent ext = parsed(event(0x2F, cat({{1}, air(kA), {1, 0}, class_of_device(0x240404), {0, 0}, {0xB0}, eir})));
    REQUIRE(ext.verdict == HciEventVerdict::reports);
    REQUIRE(ext.reports.size() == 1);
    CHECK(ext.reports[0].kind == ReportKind::extended_inquiry);
    CHECK(ext.reports[0].rssi == -80);
    CHECK(ext.reports[0].data.size() == 240);
    CHECK_FALSE(ext.reports[0].le());
    CHECK_FALSE(pdu_type_of_report(ext.reports[0]));
}

TEST_CASE("hci: Remote Name Request Complete names the device up to its NUL; a failed one names nobody")
{
    ByteVec name = text("Living room speaker");
    name.resize(248, 0);
    const HciEvent ok = parsed(event(0x07, cat({{0x00}, air(kA), name})));
    REQUIRE(ok.verdict == HciEventVerdict::reports);
    REQUIRE(ok.reports.size() == 1);
    CHECK(ok.reports[0].kind == ReportKind::remote_name);
    CHECK(ok.reports[0].address == kA);
    CHECK(std::string(ok.reports[0].name.begin(), ok.reports[0].name.end()) == "Living room speaker");
    const HciEvent failed = parsed(event(0x07, cat({{0x04}, air(kA), name})));
    CHECK(failed.verdict == HciEventVerdict::other);
    CHECK(failed.reports.empty());
}

TEST_CASE("hci: other events and LE subevents are other, not malformed")
{
    CHECK(parsed(event(0x0E, {0x01, 0x03, 0x0C, 0x00})).verdict == HciEventVerdict::other); // Command Complete
    CHECK(parsed(event(0x3E, {0x01, 0x00, 0x00})).verdict == HciEventVerdict::other);       // LE Connection Complete (short, not read)
    CHECK(parsed(event(0x3E, {0x02, 0x00})).verdict == HciEventVerdict::reports);           // zero reports: none named
    CHECK(parsed(event(0x3E, {0x02, 0x00})).reports.empty());
}

TEST_CASE("hci: every truncation of every event kind is malformed, never read past the end")
{
    ByteVec eir = ad(0x09, text("Headset"));
    ByteVec name = text("Speaker");
    name.push_back(0);
    const ByteVec events[] = {
        le_meta(0x02, {le_report(0x00, 0x00, kA, ad(0x09, text("A")), -49), le_report(0x03, 0x01, kB, {}, -70)}),
        le_meta(0x0D, {le_ext_report(0x0001, 0x01, kB, 3, 0, 5, -80, ad(0x01, {0x06}))}),
        event(0x02, cat({{1}, air(kA), {1, 0, 0}, class_of_device(0x5A020C), {0x34, 0x12}})),
        event(0x22, cat({{1}, air(kB), {1, 0}, class_of_device(0x240404), {0, 0}, {0xC4}})),
        event(0x2F, cat({{1}, air(kA), {1, 0}, class_of_device(0x240404), {0, 0}, {0xB0}, eir})),
        event(0x07, cat({{0x00}, air(kA), name})),
    };
    for (const ByteVec& full : events) {
        REQUIRE(parsed(full).verdict == HciEventVerdict::reports);
        // The record cut short: the length byte says more than there is.
        for (std::size_t n = 0; n < full.size(); ++n) {
            INFO("event " << int(full[0]) << " cut to " << n << " of " << full.size() << " bytes");
            const HciEvent e = parsed(ByteVec(full.begin(), full.begin() + long(n)));
            CHECK(e.verdict == HciEventVerdict::malformed);
            CHECK_FALSE(e.error.empty());
            CHECK(e.reports.empty());
        }
        // The parameter length shortened: the reports run past the event. The
        // extended inquiry's EIR and the remote name take what is left, so only
        // their fixed parts can be cut.
        const std::size_t fixed = full[0] == 0x2F ? 15 : full[0] == 0x07 ? 7 : full[1];
        for (std::size_t len = 0; len < fixed; ++len) {
            INFO("event " << int(full[0]) << " with parameter length " << len);
            ByteVec shorter(full.begin(), full.begin() + long(2 + len));
            shorter[1] = static_cast<std::uint8_t>(len);
            CHECK(parsed(shorter).verdict == HciEventVerdict::malformed);
        }
    }
    // More reports announced than the event holds.
    ByteVec two = le_meta(0x02, {le_report(0x00, 0x00, kA, {}, -49)});
    two[3] = 2;
    CHECK(parsed(two).verdict == HciEventVerdict::malformed);
}
