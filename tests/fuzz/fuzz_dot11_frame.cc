// libFuzzer target: a bare 802.11 frame through the dissector: MAC header,
// management fixed fields, every information element (RSN, WPA, WPS,
// vendor, HT/VHT/HE), the crypt summary Kismet derives, LLC/SNAP and EAPOL,
// and the payloads the disconnect detectors read: WPS in EAP, DHCP in IPv4.
// Input: one flags byte (bit 0: the capture padded the header), then the frame.
#include "dissect/crypto.h"
#include "dissect/dhcp.h"
#include "dissect/frame.h"
#include "dissect/ie.h"
#include "dissect/wsc.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::dot11;
    if (size < 1) return 0;
    const bool padded = data[0] & 1;
    const Bytes bytes(data + 1, size - 1);
    const Frame f = parse_frame(bytes, padded);
    if (!f.ok) return 0;
    if (f.header_length > bytes.size()) std::abort();
    if (f.is_management()) {
        // The same path the PHY takes for beacons, probes and association frames.
        const Ies ies = parse_ies(f.mgmt.ies);
        const std::uint64_t crypt = crypt_bitfield(ies, f.mgmt.capability && f.mgmt.capability->privacy());
        (void)kismet_crypt_string(crypt);
        (void)crypt_summary(legacy_crypt_set(crypt));
    }
    // The same path as phys/dot11/ids/disconnect_group.cc for unprotected payloads.
    const Bytes payload = f.llc_payload;
    const auto inside = [&](Bytes part) {
        if (!part.empty() && (part.data() < payload.data() || part.data() + part.size() > payload.data() + payload.size()))
            std::abort();
    };
    if (f.eapol) (void)parse_wsc(payload);
    if (f.ethertype == ethertype_ipv4 && may_be_dhcp(payload)) {
        if (const auto dhcp = parse_dhcp(payload)) {
            inside(dhcp->host_name);
            inside(dhcp->vendor_class);
            inside(dhcp->client_id);
        }
    }
    return 0;
}
