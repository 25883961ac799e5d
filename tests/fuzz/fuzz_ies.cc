// libFuzzer target: a tagged-parameter list (the IEs of a beacon or probe)
// and, taking the input as one element body, the RSN, WPA and WPS parsers
// directly, so their inner counts and lengths get mutated without having to
// find a valid list around them first.
#include "dissect/crypto.h"
#include "dissect/ie.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::dot11;
    const Bytes bytes(data, size);
    const Ies ies = parse_ies(bytes);
    for (bool privacy : {false, true}) {
        const std::uint64_t crypt = crypt_bitfield(ies, privacy);
        (void)kismet_crypt_string(crypt);
        (void)crypt_summary(crypt);
    }
    (void)parse_rsn_ie(bytes);
    (void)parse_wpa_ie(bytes);
    (void)parse_wps_ie(bytes);
    return 0;
}
