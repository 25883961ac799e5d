#include "pcap/handshake_pcap.h"

#include "dissect/decap.h"
#include "pcap/pcap_file.h"

#include <algorithm>

namespace airsight::dot11 {

std::string handshake_pcap(const KeptFrame* ssid_frame, std::vector<const KeptFrame*> eapol)
{
    std::erase_if(eapol, [](const KeptFrame* f) { return !f || f->empty(); });
    if (eapol.empty()) return pcap_global_header(dlt_ieee802_11);

    std::stable_sort(eapol.begin(), eapol.end(), [](const KeptFrame* a, const KeptFrame* b) {
        return a->ts_sec != b->ts_sec ? a->ts_sec < b->ts_sec : a->ts_usec < b->ts_usec;
    });
    std::vector<const KeptFrame*> frames;
    frames.reserve(eapol.size() + 1);
    if (ssid_frame && !ssid_frame->empty()) frames.push_back(ssid_frame);
    frames.insert(frames.end(), eapol.begin(), eapol.end());

    const std::uint32_t dlt = frames.front()->dlt;
    const bool one_dlt = std::all_of(frames.begin(), frames.end(), [dlt](const KeptFrame* f) { return f->dlt == dlt; });
    std::string file = pcap_global_header(one_dlt ? dlt : static_cast<std::uint32_t>(dlt_ieee802_11));
    for (const KeptFrame* f : frames) {
        if (one_dlt) {
            append_pcap_record(file, {f->ts_sec, f->ts_usec, f->original_length, f->captured()});
            continue;
        }
        const std::vector<std::uint8_t> bare = f->ieee80211();
        if (bare.empty()) continue; // its 802.11 frame could not be located: nothing to write
        append_pcap_record(file, {f->ts_sec, f->ts_usec, f->ieee80211_original_length(), bare});
    }
    return file;
}

} // namespace airsight::dot11
