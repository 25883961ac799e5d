// What the core publishes on the event bus, with Kismet's topics and
// content (docs/EVENTBUS.md): MESSAGE and ALERT as they happen (the message
// bus's and alert tracker's observers), NEW_DEVICE from the tracker (only
// while someone subscribes), and once a second from the server's ticker:
// TIMESTAMP, the DATASOURCE_* changes (a source's state compared with the
// second before) and GPS_LOCATION while a GPS is configured.
#ifndef AIRSIGHT_CORE_APP_EVENT_PUBLISHERS_H
#define AIRSIGHT_CORE_APP_EVENT_PUBLISHERS_H

#include "eventbus/event_bus.h"
#include "devices/location_fields.h"
#include "gps/gps_tracker.h"
#include "services/services.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace airsight::core {

class CoreEventPublishers : private NewDeviceWatch {
public:
    /// Declares the core topics and starts listening to messages, alerts and new devices.
    CoreEventPublishers(EventBusImpl& bus, Services& services, GpsTracker& gps, const LocationFields& location);
    ~CoreEventPublishers() override;
    CoreEventPublishers(const CoreEventPublishers&) = delete;
    CoreEventPublishers& operator=(const CoreEventPublishers&) = delete;

    /// Once a second (the server's ticker).
    void tick();

private:
    bool wanted() const override;
    Value describe(const Device& device) override;
    void created(Value record) override;
    void publish_sources();
    void publish_location();

    struct SourceState {
        bool running = false, paused = false, error = false;
    };

    EventBusImpl& bus_;
    Services& services_;
    GpsTracker& gps_;
    const LocationFields& location_;
    std::function<Value(const AlertRecord&)> alert_record_;
    std::uint64_t message_observer_ = 0, alert_observer_ = 0;
    std::map<std::string, SourceState> sources_; // the ticker's own: the states a second ago
    std::optional<GpsFix> last_fix_;
};

} // namespace airsight::core

#endif
