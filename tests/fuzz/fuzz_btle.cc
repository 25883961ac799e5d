// libFuzzer target: a BLE capture record through the bluetooth plugin's
// dissectors: the capture header of its link type, the advertising PDU, the
// CRC, the AD structures and the manufacturer and service data formats read
// from them. Input: one byte choosing the link type (0: 251, 1: 256, 2: 272,
// 3: PPI), then the record.
#include "dissect/ad.h"
#include "dissect/ad_vendor.h"
#include "dissect/framing.h"
#include "dissect/pdu.h"

#include <airsight/crc24.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::btle;
    if (size < 1) return 0;
    constexpr std::uint32_t dlts[] = {dlt::ble_ll, dlt::ble_ll_with_phdr, dlt::nordic_ble, dlt::ppi};
    const Bytes record(data + 1, size - 1);
    const auto inside = [&](Bytes part) {
        if (!part.empty() && (part.data() < record.data() || part.data() + part.size() > record.data() + record.size()))
            std::abort();
    };
    const LinkFrame link = parse_link_frame(dlts[data[0] & 3], record);
    if (!link.ours || !link.error.empty()) return 0;
    inside(link.pdu);
    const ParsedPdu parsed = parse_advertising_pdu(link.pdu);
    if (parsed.error == PduError::truncated) return 0;
    inside(parsed.covered);
    (void)crc24(kAdvertisingCrcInit, parsed.covered);
    inside(parsed.pdu.adv_data);
    AdvertisingData ad;
    parse_advertising_data(parsed.pdu.adv_data, ad);
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
    return 0;
}
