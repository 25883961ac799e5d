#include "ids/pending_alerts.h"

#include "ids/frame_alert_event.h"

namespace airsight::dot11 {

void raise_pending_alerts(AlertTracker& alerts, Packet& packet, const PendingAlerts& pending, const Frame& frame,
                          const Ies& ies, bool has_ies)
{
    if (pending.overflowed()) packet.fail("more 802.11 alerts pending than PendingAlerts::kCapacity");
    char digits[8];
    const std::string_view channel = frame_alert_channel(packet, has_ies ? ies.channel() : 0, digits);
    std::string text;
    for (const PendingAlert& a : pending.items()) {
        if (!alerts.would_raise(a.ref)) continue; // throttled: no text built
        text.clear();
        a.text->describe(text, a, frame, ies);
        alerts.raise(a.ref, frame_alert_event(packet, frame, channel, text));
    }
}

} // namespace airsight::dot11
