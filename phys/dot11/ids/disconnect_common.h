// What the disconnect, EAPOL and DHCP detectors share: Kismet's rule for an
// address that names a device, and raising an alert about one frame.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_COMMON_H
#define AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_COMMON_H

#include "dissect/frame.h"
#include "ids/frame_alert_event.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>
#include <airsight/radio.h>

#include <string>

namespace airsight::dot11::ids {

/// Kismet makes a device only of a unicast, non-zero address.
inline bool names_device(const MacAddr& m) { return !m.is_multicast() && !m.is_zero(); }

/// The packet's time in seconds, the clock every detector here counts in
/// (the capture's time when a file is replayed).
inline double packet_time(const Packet& p) { return static_cast<double>(p.ts_sec) + p.ts_usec / 1e6; }

/// Raises `alert` about frame `f` as Kismet's raise_alert(bssid, source,
/// dest, other, channel, text) does: the BSSID as transmitter, the frame's
/// source and destination, the channel of the radio that heard it.
/// `make_text()` runs only when the alert would be sent, so a throttled
/// alert builds no string. Returns whether it was sent.
template <typename MakeText>
bool raise_about_frame(AlertTracker& alerts, AlertRef alert, const Packet& p, const Frame& f, MakeText&& make_text)
{
    if (!alerts.would_raise(alert)) return false;
    const std::string text = make_text();
    char digits[8];
    const std::string_view channel = frame_alert_channel(p, 0, digits); // these frames advertise none
    return alerts.raise(alert, frame_alert_event(p, f, channel, text));
}

} // namespace airsight::dot11::ids

#endif
