// HT, VHT and HE IEs, and the channel / width / rate summaries Kismet derives
// from them for dot11.advertisedssid (ht_mode, ht_center_*, maxrate).
#include "ie_parts.h"

#include "rates.h"

#include <algorithm>

namespace airsight::dot11 {

namespace {

constexpr std::size_t ht_capabilities_size = 26;
constexpr std::size_t ht_operation_size = 22;
constexpr std::size_t vht_capabilities_size = 12;
constexpr std::size_t vht_operation_size = 5;

constexpr std::uint8_t vht_width_20_40 = 0, vht_width_80 = 1, vht_width_160 = 2, vht_width_80_80 = 3;

void apply_he_operation(Bytes d, Ies& out)
{
    // Parameters(3) BSS color(1) basic HE-MCS/NSS(2) [VHT info(3)] [co-hosted BSSID(1)] [6 GHz info(5)]
    Cursor c(d);
    HeOperation he;
    const std::uint16_t low = c.le16();
    he.parameters = low | (std::uint32_t{c.u8()} << 16);
    he.bss_color_info = c.u8();
    c.skip(2);
    if (c.failed()) return;
    if (he.parameters & (1u << 14)) c.skip(3);
    if (he.parameters & (1u << 15)) c.skip(1);
    if (he.parameters & (1u << 17)) {
        const std::uint8_t primary = c.u8();
        if (!c.failed()) he.sixghz_primary_channel = primary;
    }
    out.he_operation = he;
}

} // namespace

std::string_view apply_phy_ie(const InformationElement& ie, Ies& out)
{
    const Bytes d = ie.data;
    switch (ie.id) {
    case ie_id::ht_capabilities: {
        if (d.size() < ht_capabilities_size) return "HT capabilities IE shorter than 26 bytes";
        if (out.ht_capabilities) break;
        HtCapabilities ht;
        ht.info = load_le16(d.data());
        ht.ampdu_parameters = d[2];
        std::copy_n(d.begin() + 3, ht.rx_mcs_bitmask.size(), ht.rx_mcs_bitmask.begin());
        out.ht_capabilities = ht;
        break;
    }
    case ie_id::ht_operation:
        // Kismet ignores an unparsable HT operation IE rather than rejecting the frame.
        if (d.size() >= ht_operation_size && !out.ht_operation) out.ht_operation = HtOperation{d[0], d[1]};
        break;
    case ie_id::vht_capabilities:
        if (d.size() >= vht_capabilities_size && !out.vht_capabilities)
            out.vht_capabilities = VhtCapabilities{load_le32(d.data()), load_le16(d.data() + 4), load_le16(d.data() + 8)};
        break;
    case ie_id::vht_operation:
        if (d.size() >= vht_operation_size && !out.vht_operation)
            out.vht_operation = VhtOperation{d[0], d[1], d[2], load_le16(d.data() + 3)};
        break;
    case ie_id::extension:
        if (ie.ext_id == ie_ext_id::he_capabilities) out.he_capabilities = true;
        if (ie.ext_id == ie_ext_id::he_operation && !out.he_operation) apply_he_operation(d, out);
        break;
    default: break;
    }
    return {};
}

// The DS Parameter Set is the AP's current channel, and what tshark and Kismet
// call "the channel"; HT operation's primary channel only stands in when no DS
// IE was sent (5 GHz APs). They can disagree: test1.pcap has an AP with DS 6
// and HT primary 5, which Kismet and tshark both report on 6.
unsigned Ies::channel() const
{
    if (ds_channel && *ds_channel) return *ds_channel;
    return ht_operation ? ht_operation->primary_channel : 0;
}

std::string_view Ies::ht_mode() const
{
    if (!ht_operation) return {};
    if (vht_operation) {
        switch (vht_operation->channel_width) {
        case vht_width_80: return "HT80";
        case vht_width_160: return "HT160";
        case vht_width_80_80: return "HT80+80";
        default: break;
        }
    }
    switch (ht_operation->secondary_channel_offset()) {
    case 0: return "HT20";
    case 1: return "HT40+";
    case 3: return "HT40-";
    default: return {};
    }
}

unsigned Ies::channel_width_mhz() const
{
    if (ht_operation && vht_operation) {
        const VhtOperation& v = *vht_operation;
        if (v.channel_width == vht_width_160 || v.channel_width == vht_width_80_80) return 160;
        if (v.channel_width == vht_width_80) return v.center_segment1 != 0 ? 160 : 80;
    }
    if (ht_operation) {
        const std::uint8_t offset = ht_operation->secondary_channel_offset();
        return offset == 1 || offset == 3 ? 40 : 20;
    }
    return 20;
}

// Kismet reports both centres for 80 and 80+80 (segment 1 may be 0, giving 5000),
// only the first for 160, and none for 20/40.
unsigned Ies::ht_center_1_mhz() const
{
    if (!ht_operation || !vht_operation || vht_operation->channel_width == vht_width_20_40) return 0;
    return 5000 + 5 * vht_operation->center_segment0;
}

unsigned Ies::ht_center_2_mhz() const
{
    if (!ht_operation || !vht_operation) return 0;
    const std::uint8_t w = vht_operation->channel_width;
    if (w != vht_width_80 && w != vht_width_80_80) return 0;
    return 5000 + 5 * vht_operation->center_segment1;
}

double Ies::kismet_max_rate_mbps() const
{
    double best = max_legacy_rate_mbps;
    if (ht_capabilities) {
        const HtCapabilities& ht = *ht_capabilities;
        const bool forty = ht.supports_40mhz() && !ht.forty_mhz_intolerant();
        const bool short_gi = forty ? ht.short_gi_40() : ht.short_gi_20();
        for (unsigned mcs = 0; mcs < 32; ++mcs) {
            if (ht.rx_mcs_bitmask[mcs / 8] & (1u << (mcs % 8))) best = std::max(best, ht_rate_mbps(mcs, forty, short_gi));
        }
    }
    if (vht_capabilities) {
        // Kismet: the highest stream whose map says MCS 0-9 (-> 9) or 0-8 (-> 7); "0-7" is not counted.
        const VhtCapabilities& vht = *vht_capabilities;
        const bool wide160 = vht.supported_width_set() != 0;
        const bool short_gi = wide160 ? vht.short_gi_160() : vht.short_gi_80();
        for (unsigned stream = 4; stream >= 1; --stream) {
            const std::uint8_t support = vht.rx_mcs_for_stream(stream);
            if (support == 2 || support == 1) {
                best = std::max(best, vht_rate_mbps(stream, support == 2 ? 9 : 7, wide160, short_gi));
                break;
            }
        }
    }
    return best;
}

} // namespace airsight::dot11
