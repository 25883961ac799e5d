#include "phy/frame_component.h"

namespace airsight::dot11 {

bool shares_frame(const Dissection& d)
{
    if (!d.dissected || !d.frame.is_management() || d.frame.mgmt.truncated) return false;
    const std::uint8_t sub = d.frame.fc.subtype;
    return sub == mgmt_subtype::beacon || sub == mgmt_subtype::probe_resp || sub == mgmt_subtype::action ||
           sub == mgmt_subtype::action_no_ack;
}

void fill_frame_component(const Dissection& d, Ieee80211Frame& out)
{
    const Frame& f = d.frame;
    out.transmitter = f.address_count >= 2 ? f.addr[1] : MacAddr{};
    out.bssid = f.roles.bssid;
    if (f.is_beacon() || f.is_probe_response()) {
        out.kind = f.is_beacon() ? Ieee80211FrameKind::beacon : Ieee80211FrameKind::probe_response;
        if (!d.has_ies) return;
        if (d.ies.has_ssid) out.ssid = d.ies.ssid;
        for (const VendorIe& v : d.ies.vendor_ies()) {
            // Cisco's 150 and an IE too short for its type are not vendor-specific IEs to share.
            if (v.element_id != ie_id::vendor || v.data.empty()) continue;
            if (out.vendor_ie_count == Ieee80211Frame::kMaxVendorIes) {
                ++out.vendor_ies_dropped;
                continue;
            }
            out.vendor_ie_storage[out.vendor_ie_count++] = Ieee80211VendorIe{v.oui, v.type, v.data.subspan(1)};
        }
        if (d.ies.vendor_overflow && out.vendor_ies_dropped == 0) out.vendor_ies_dropped = 1; // dot11 kept 16 too
        return;
    }
    out.kind = Ieee80211FrameKind::action;
    out.action_category = f.mgmt.action_category.value_or(0);
    out.action_code = f.mgmt.action_code;
    out.action_body = f.body.size() >= 2 ? f.body.subspan(2) : Bytes{};
}

} // namespace airsight::dot11
