#include "pcap/kept_frame.h"

#include <algorithm>

namespace airsight::dot11 {

void KeptFrame::assign(const Packet& p, std::size_t mac_header, std::size_t padding)
{
    ts_sec = p.ts_sec;
    ts_usec = p.ts_usec;
    dlt = p.dlt;
    source_number = p.source_number;
    captured_length = static_cast<std::uint32_t>(p.data.size());
    original_length = std::max(p.original_length, captured_length);
    const std::size_t kept = std::min(p.data.size(), kMaxBytes);
    data.assign(p.data.begin(), p.data.begin() + static_cast<std::ptrdiff_t>(kept));

    frame_offset = frame_length = mac_header_length = header_padding = 0;
    const std::uint8_t* begin = p.data.data();
    const std::uint8_t* frame = p.payload.data();
    // The decap's payload is a view into the record; anything else cannot be located.
    if (frame && begin && frame >= begin && frame + p.payload.size() <= begin + p.data.size()) {
        frame_offset = static_cast<std::uint32_t>(frame - begin);
        frame_length = static_cast<std::uint32_t>(p.payload.size());
        if (padding > 0 && mac_header + padding <= p.payload.size()) {
            mac_header_length = static_cast<std::uint32_t>(mac_header);
            header_padding = static_cast<std::uint32_t>(padding);
        }
    }
}

std::vector<std::uint8_t> KeptFrame::ieee80211() const
{
    // What of the frame survived the kMaxBytes cut.
    const std::size_t start = std::min<std::size_t>(frame_offset, data.size());
    const std::size_t end = std::min<std::size_t>(std::size_t{frame_offset} + frame_length, data.size());
    std::vector<std::uint8_t> out(data.begin() + static_cast<std::ptrdiff_t>(start),
                                  data.begin() + static_cast<std::ptrdiff_t>(end));
    if (header_padding > 0 && out.size() >= std::size_t{mac_header_length} + header_padding) {
        const auto pad = out.begin() + mac_header_length;
        out.erase(pad, pad + header_padding);
    }
    return out;
}

std::uint32_t KeptFrame::ieee80211_original_length() const
{
    const std::uint32_t left_out = original_length > captured_length ? original_length - captured_length : 0;
    return frame_length - std::min(header_padding, frame_length) + left_out;
}

} // namespace airsight::dot11
