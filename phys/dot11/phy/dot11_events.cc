#include "phy/dot11_events.h"

#include <string>
#include <utility>

namespace airsight::dot11 {

Dot11Events::Dot11Events(EventBus& bus, const DeviceLists& lists) : bus_(bus), lists_(lists)
{
    bus_.declare_topic(std::string(topic::advertised_ssid),
                       "an SSID new to an access point's beacons: the device and the SSID's record");
    bus_.declare_topic(std::string(topic::response_ssid),
                       "an SSID new to an access point's probe responses: the device and the SSID's record");
    bus_.declare_topic(std::string(topic::probed_ssid),
                       "an SSID a client probed for the first time: the device and the probed SSID's record");
    bus_.declare_topic(std::string(topic::wpa_handshake),
                       "a WPA handshake (EAPOL-Key) frame kept for an access point: the AP and its dot11 record");
}

Dot11Event Dot11Events::new_ssid(std::string_view topic, const Device& device, Value ssid_record) const
{
    Value content = Value::map();
    content.append("DOT11_NEW_SSID_BASEDEV", lists_.record(device));
    content.append(std::string(topic), std::move(ssid_record));
    return Dot11Event{topic, std::move(content)};
}

Dot11Event Dot11Events::handshake(const Device& ap, const Dot11Device& dot11) const
{
    Value content = Value::map();
    content.append("DOT11_WPA_HANDSHAKE_BASEDEV", lists_.record(ap));
    content.append("DOT11_WPA_HANDSHAKE_DOT11", dot11.to_value());
    return Dot11Event{topic::wpa_handshake, std::move(content)};
}

} // namespace airsight::dot11
