#include "ids/disconnect_group.h"

#include "dissect/dhcp.h"

namespace airsight::dot11::ids {

DisconnectGroup::DisconnectGroup(AlertTracker& alerts, std::int64_t phy, PacketComponent<Dissection> dissection)
    : dissection_(dissection),
      phy_(static_cast<std::uint32_t>(phy)),
      disconnects_(alerts, phy),
      eapol_(alerts, phy),
      dhcp_(alerts, phy)
{
}

void DisconnectGroup::observe(const Packet& p)
{
    if (p.phy_id != phy_ || p.error) return;
    const Dissection* d = dissection_.find(p);
    // Kismet's classifier leaves frames it marked corrupt alone.
    if (!d || !d->dissected || d->frame.kismet_corrupt) return;
    const Frame& f = d->frame;
    if (f.is_management()) {
        const std::uint8_t sub = f.fc.subtype;
        if (sub == mgmt_subtype::deauth || sub == mgmt_subtype::disassoc)
            disconnects_.disconnect(p, f);
        else if (sub == mgmt_subtype::assoc_req)
            disconnects_.association_request(p, f, d->ies, d->has_ies);
        return;
    }
    if (!f.is_data()) return;
    disconnects_.data(p, f);
    if (!f.ethertype || f.fc.protected_frame) return;
    if (f.eapol)
        eapol_.eapol(p, f);
    else if (*f.ethertype == ethertype_ipv4 && may_be_dhcp(f.llc_payload)) {
        if (const auto dhcp = parse_dhcp(f.llc_payload)) dhcp_.dhcp(p, f, *dhcp);
    }
}

} // namespace airsight::dot11::ids
