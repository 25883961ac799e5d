// libFuzzer target: a Bluetooth capture record through the bluetooth
// plugin's dissectors: the capture header of its link type, then either the
// advertising PDU, its CRC, or the HCI event and its reports; the AD
// structures and the manufacturer and service data formats read from them.
// Input: one byte choosing the link type (0: 251, 1: 256, 2: 272, 3: PPI,
// 4: 201 HCI H4, 5: 254 Linux HCI monitor; 6 and 7 as 4 and 5), then the record.
#include "dissect/ad.h"
#include "dissect/ad_vendor.h"
#include "dissect/crc24.h"
#include "dissect/framing.h"
#include "dissect/hci.h"
#include "dissect/pdu.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::btle;
    if (size < 1) return 0;
    constexpr std::uint32_t dlts[] = {dlt::ble_ll,           dlt::ble_ll_with_phdr, dlt::nordic_ble,
                                      dlt::ppi,              dlt::hci_h4_with_phdr, dlt::linux_monitor,
                                      dlt::hci_h4_with_phdr, dlt::linux_monitor};
    const Bytes record(data + 1, size - 1);
    const auto inside = [&](Bytes part) {
        if (!part.empty() && (part.data() < record.data() || part.data() + part.size() > record.data() + record.size()))
            std::abort();
    };
    AdvertisingData ad;
    const auto read_ad = [&](Bytes structures) {
        parse_advertising_data(structures, ad);
        inside(ad.name);
        for (const ServiceData& s : ad.service_data) {
            inside(s.data);
            (void)read_eddystone(s.data);
        }
        for (const ManufacturerData& m : ad.manufacturer) {
            inside(m.data);
            (void)read_apple_continuity(m.data);
            (void)read_ibeacon(m.data);
            (void)read_microsoft(m.data);
        }
    };
    const std::uint32_t link_type = dlts[data[0] & 7];
    if (link_type == dlt::hci_h4_with_phdr || link_type == dlt::linux_monitor) {
        const HciFrame frame = parse_hci_frame(link_type, record);
        if (!frame.ours) std::abort();
        if (!frame.error.empty() || frame.kind != HciKind::event) return 0;
        inside(frame.packet);
        HciEvent event;
        parse_hci_event(frame.packet, event);
        if (event.verdict != HciEventVerdict::reports && !event.reports.empty()) std::abort();
        for (const HciReport& r : event.reports) {
            inside(r.data);
            inside(r.name);
            (void)pdu_type_of_report(r);
            (void)connectable_of_report(r);
            read_ad(r.data);
        }
        return 0;
    }
    const LinkFrame link = parse_link_frame(link_type, record);
    if (!link.ours || !link.error.empty()) return 0;
    inside(link.pdu);
    const ParsedPdu parsed = parse_advertising_pdu(link.pdu);
    if (parsed.error == PduError::truncated) return 0;
    inside(parsed.covered);
    (void)crc24(kAdvertisingCrcInit, parsed.covered);
    inside(parsed.pdu.adv_data);
    read_ad(parsed.pdu.adv_data);
    return 0;
}
