// libFuzzer target: an EAPOL payload (after the LLC/SNAP header) through the
// EAPOL-Key parser: key info, nonce, MIC, key data and its PMKID KDE.
#include "dissect/eapol.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::dot11;
    const Bytes bytes(data, size);
    const auto eapol = parse_eapol(bytes);
    if (!eapol || !eapol->key) return 0;
    const EapolKey& k = *eapol->key;
    (void)k.message_number();
    // What the parser hands out are views into the payload, never past it.
    for (Bytes part : {k.nonce, k.mic, k.key_data, k.pmkid})
        if (!part.empty() && (part.data() < data || part.data() + part.size() > data + size)) std::abort();
    if (k.key_data.size() > k.key_data_length) std::abort();
    return 0;
}
