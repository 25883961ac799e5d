#include "ids/pending_alerts.h"

#include <airsight/radio.h>

#include <charconv>

namespace airsight::dot11 {

void raise_pending_alerts(AlertTracker& alerts, Packet& packet, const PendingAlerts& pending, const Frame& frame,
                          const Ies& ies, bool has_ies)
{
    if (pending.overflowed()) packet.fail("more 802.11 alerts pending than PendingAlerts::kCapacity");
    unsigned channel = has_ies ? ies.channel() : 0;
    if (!channel && packet.radio.freq_khz) channel = static_cast<unsigned>(wifi_channel_for_mhz(packet.radio.freq_khz / 1000));
    char digits[8];
    const std::size_t length = channel ? static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, channel).ptr - digits) : 0;
    std::string text;
    for (const PendingAlert& a : pending.items()) {
        if (!alerts.would_raise(a.ref)) continue; // throttled: no text built
        text.clear();
        a.text->describe(text, a, frame, ies);
        alerts.raise(a.ref, AlertEvent{.transmitter = frame.roles.bssid,
                                       .source = frame.roles.source,
                                       .dest = frame.roles.dest,
                                       .channel = std::string_view(digits, length),
                                       .frequency_khz = static_cast<double>(packet.radio.freq_khz),
                                       .text = text});
    }
}

} // namespace airsight::dot11
