// libFuzzer target: one captured record through the 802.11 decapsulation
// (radiotap, PPI, bare 802.11) and, when that yields a frame, the frame
// dissector, as the dot11 PHY runs them. Input: one byte choosing the link
// type, then the record.
#include "dissect/decap.h"
#include "dissect/frame.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {
constexpr int kLinkTypes[] = {airsight::dot11::dlt_radiotap, airsight::dot11::dlt_ppi,
                              airsight::dot11::dlt_ieee802_11, 1};

// The decapsulated frame must lie inside the record (a view, never a copy).
void check_within(airsight::dot11::Bytes part, airsight::dot11::Bytes whole)
{
    if (part.empty()) return;
    if (part.data() < whole.data() || part.data() + part.size() > whole.data() + whole.size()) std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1) return 0;
    const int dlt = kLinkTypes[data[0] % std::size(kLinkTypes)];
    const airsight::dot11::Bytes record(data + 1, size - 1);
    const airsight::dot11::Decapped d = airsight::dot11::decap(dlt, record);
    if (!d.ok) return 0;
    check_within(d.frame, record);
    const airsight::dot11::Frame f = airsight::dot11::parse_frame(d.frame, d.extras.header_padded);
    if (f.ok) check_within(f.body, d.frame);
    return 0;
}
