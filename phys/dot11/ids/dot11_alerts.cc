#include "ids/dot11_alerts.h"

#include "ids/pending_alerts.h"

#include <utility>

namespace airsight::dot11::ids {

Dot11Alerts::Dot11Alerts(AlertTracker& alerts, Dot11Phy& phy, FrameAlertOptions frame_options, ApspoofRules apspoof)
    : alerts_(alerts), phy_(phy), frames_(alerts, phy.phy_id(), std::move(frame_options)),
      bss_(alerts, phy.phy_id(), std::move(apspoof)), disconnects_(alerts, phy.phy_id(), phy.dissection())
{
    phy_.watch_advertisements(&bss_);
}

void Dot11Alerts::observe(Packet& p)
{
    if (p.phy_id != phy_.phy_id()) return;
    const Dissection* d = phy_.dissection().find(p);
    if (!d) return;
    if (!p.error) frames_.observe(p, *d);
    // What track() found against the APs' past advertisements (ids/pending_alerts.h).
    if (!d->alerts.empty()) raise_pending_alerts(alerts_, p, d->alerts, d->frame, d->ies, d->has_ies);
    disconnects_.observe(p);
}

} // namespace airsight::dot11::ids
