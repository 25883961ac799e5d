// What the disconnect, EAPOL and DHCP detectors share: Kismet's rule for an
// address that names a device, and raising an alert about one frame.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_COMMON_H
#define AIRSIGHT_PHYS_DOT11_IDS_DISCONNECT_COMMON_H

#include "dissect/frame.h"

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
    const int channel_number = p.radio.freq_khz ? wifi_channel_for_mhz(p.radio.freq_khz / 1000) : 0;
    const std::string channel = channel_number ? std::to_string(channel_number) : std::string();
    return alerts.raise(alert, AlertEvent{.transmitter = f.roles.bssid,
                                          .source = f.roles.source,
                                          .dest = f.roles.dest,
                                          .channel = channel,
                                          .frequency_khz = static_cast<double>(p.radio.freq_khz),
                                          .text = text});
}

} // namespace airsight::dot11::ids

#endif
