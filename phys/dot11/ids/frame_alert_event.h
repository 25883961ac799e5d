// What every 802.11 alert about one frame names, as Kismet's
// raise_alert(bssid, source, dest, other, channel, text) does: the BSSID as
// transmitter, the frame's source and destination, its channel, and where
// the packet was heard (its GPS fix). One place, so the detector groups agree.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_FRAME_ALERT_EVENT_H
#define AIRSIGHT_PHYS_DOT11_IDS_FRAME_ALERT_EVENT_H

#include "dissect/frame.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>
#include <airsight/radio.h>

#include <charconv>
#include <string_view>

namespace airsight::dot11 {

/// The channel an alert names, written into `digits` (no allocation): the
/// channel the frame advertises (its DS or HT element; 0 when it has none),
/// else the one its radio heard it on, else empty.
inline std::string_view frame_alert_channel(const Packet& p, unsigned advertised, char (&digits)[8])
{
    unsigned channel = advertised;
    if (!channel && p.radio.freq_khz) {
        const int heard = wifi_channel_for_mhz(p.radio.freq_khz / 1000);
        channel = heard > 0 ? static_cast<unsigned>(heard) : 0;
    }
    if (!channel) return {};
    return {digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, channel).ptr - digits)};
}

/// The event for an alert about frame `f` of packet `p`; the views must
/// outlive the raise() it is passed to.
inline AlertEvent frame_alert_event(const Packet& p, const Frame& f, std::string_view channel, std::string_view text)
{
    return AlertEvent{.transmitter = f.roles.bssid,
                      .source = f.roles.source,
                      .dest = f.roles.dest,
                      .channel = channel,
                      .frequency_khz = static_cast<double>(p.radio.freq_khz),
                      .text = text,
                      .location = p.location};
}

} // namespace airsight::dot11

#endif
