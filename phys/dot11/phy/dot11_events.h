// Kismet's 802.11 event bus topics (docs/EVENTBUS.md): a new SSID an AP
// advertised or answered with, a new SSID a client probed for, and each
// WPA handshake frame an AP's record keeps. Content names and shapes are
// Kismet's (phy_80211.h), so its clients read them unchanged.
//
// The PHY asks for an event inside a device's update (the records are built
// there, with the device locked, and only when someone subscribes) and
// publishes it after the update returns, as events.h requires.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_DOT11_EVENTS_H
#define AIRSIGHT_PHYS_DOT11_PHY_DOT11_EVENTS_H

#include "phy/dot11_device.h"

#include <airsight/device_lists.h>
#include <airsight/events.h>
#include <airsight/value.h>

#include <string_view>

namespace airsight::dot11 {

namespace topic {
inline constexpr std::string_view advertised_ssid = "DOT11_ADVERTISED_SSID";
inline constexpr std::string_view response_ssid = "DOT11_RESPONSE_SSID";
inline constexpr std::string_view probed_ssid = "DOT11_PROBED_SSID";
inline constexpr std::string_view wpa_handshake = "DOT11_WPA_HANDSHAKE";
} // namespace topic

/// An event built under a device's lock, to publish once it is released.
struct Dot11Event {
    std::string_view topic;
    Value content;
};

class Dot11Events {
public:
    /// Declares the four topics, so clients may subscribe before the first event.
    Dot11Events(EventBus& bus, const DeviceLists& lists);

    /// Whether anyone subscribes to `topic`: ask before building an event
    /// (one atomic load while nobody subscribes to anything).
    bool wanted(std::string_view topic) const { return bus_.wanted(topic); }
    /// The event for an SSID new to `device`'s advertised (beacon), responded
    /// (probe response) or probed list: {"DOT11_NEW_SSID_BASEDEV": device,
    /// TOPIC: the SSID's record}.
    Dot11Event new_ssid(std::string_view topic, const Device& device, Value ssid_record) const;
    /// The event for an EAPOL-Key frame kept for `ap`:
    /// {"DOT11_WPA_HANDSHAKE_BASEDEV": the AP, "DOT11_WPA_HANDSHAKE_DOT11":
    /// its dot11.device record}.
    Dot11Event handshake(const Device& ap, const Dot11Device& dot11) const;

    void publish(Dot11Event event) const { bus_.publish(event.topic, std::move(event.content)); }

private:
    EventBus& bus_;
    const DeviceLists& lists_;
};

} // namespace airsight::dot11

#endif
