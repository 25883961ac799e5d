#include "app/event_publishers.h"

#include "endpoints/endpoints.h"
#include "util/local_clock.h"

#include <chrono>

namespace airsight::core {
namespace {

Value single(std::string_view key, Value content)
{
    Value v = Value::map();
    v.put(std::string(key), std::move(content));
    return v;
}

} // namespace

CoreEventPublishers::CoreEventPublishers(EventBusImpl& bus, Services& services, GpsTracker& gps,
                                         const LocationFields& location)
    : bus_(bus), services_(services), gps_(gps), location_(location), alert_record_(alert_record_renderer(services.fields))
{
    for (auto [topic, what] : std::initializer_list<std::pair<const char*, const char*>>{
             {"TIMESTAMP", "the server's clock, once a second"},
             {"MESSAGE", "each message-bus message"},
             {"ALERT", "each alert raised (not throttled)"},
             {"NEW_DEVICE", "each device the tracker creates"},
             {"DATASOURCE_OPENED", "a datasource started capturing (its UUID)"},
             {"DATASOURCE_CLOSED", "a datasource stopped or was closed (its UUID)"},
             {"DATASOURCE_ERROR", "a datasource failed (its UUID)"},
             {"DATASOURCE_PAUSED", "a datasource was paused (its UUID)"},
             {"DATASOURCE_RESUMED", "a paused datasource resumed (its UUID)"},
             {"GPS_LOCATION", "the best GPS fix, once a second while it changes"},
         })
        bus_.declare_topic(topic, what);

    auto& f = services.fields;
    const Field& text = f("kismet.messagebus.message_string", FieldType::String, "Message content");
    const Field& flags = f("kismet.messagebus.message_flags", FieldType::Int32, "Message flags (per messagebus.h)");
    const Field& time = f("kismet.messagebus.message_time", FieldType::UInt64, "Message time_t");
    message_observer_ = services.messages.subscribers().add([this, &text, &flags, &time](const Message& m) {
        // Kismet keeps debug messages off the bus.
        if ((m.flags & MSG_DEBUG) || !bus_.wanted("MESSAGE")) return;
        Value v = Value::object();
        v.set(text, m.text);
        v.set(flags, m.flags);
        v.set(time, m.time);
        bus_.publish("MESSAGE", single("MESSAGE", std::move(v)));
    });
    alert_observer_ = services.alerts.sent().add([this](const AlertRecord& a) {
        if (bus_.wanted("ALERT")) bus_.publish("ALERT", single("ALERT", alert_record_(a)));
    });
    services.devices.watch_new_devices(this);
}

CoreEventPublishers::~CoreEventPublishers()
{
    services_.devices.watch_new_devices(nullptr);
    services_.messages.subscribers().remove(message_observer_);
    services_.alerts.sent().remove(alert_observer_);
}

bool CoreEventPublishers::wanted() const { return bus_.wanted("NEW_DEVICE"); }

Value CoreEventPublishers::describe(const Device& device) { return services_.device_lists.record(device); }

void CoreEventPublishers::created(Value record) { bus_.publish("NEW_DEVICE", single("NEW_DEVICE", std::move(record))); }

void CoreEventPublishers::tick()
{
    if (bus_.wanted("TIMESTAMP")) {
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        const auto usec = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
        auto& f = services_.fields;
        Value v = Value::object();
        v.set(f("kismet.system.timestamp.sec", FieldType::UInt64, "system timestamp, seconds"),
              static_cast<std::uint64_t>(usec / 1'000'000));
        v.set(f("kismet.system.timestamp.usec", FieldType::UInt64, "system timestamp, usec"),
              static_cast<std::uint64_t>(usec % 1'000'000));
        bus_.publish("TIMESTAMP", single("TIMESTAMP", std::move(v)));
    }
    publish_sources();
    publish_location();
}

void CoreEventPublishers::publish_sources()
{
    // The states are compared every second, subscribers or not, so a source
    // opened just after a client subscribed is still news on the next tick.
    std::map<std::string, SourceState> now;
    for (const SourceSnapshot& s : services_.datasources.snapshot())
        now[s.uuid] = SourceState{s.running, s.paused, s.error};
    auto publish = [this](const char* topic, const std::string& uuid) {
        if (bus_.wanted(topic)) bus_.publish(topic, single(topic, Value(uuid)));
    };
    for (const auto& [uuid, state] : now) {
        const auto before_it = sources_.find(uuid);
        const SourceState before = before_it == sources_.end() ? SourceState{} : before_it->second;
        if (state.running && !before.running) publish("DATASOURCE_OPENED", uuid);
        if (!state.running && before.running) publish("DATASOURCE_CLOSED", uuid);
        if (state.error && !before.error) publish("DATASOURCE_ERROR", uuid);
        if (state.paused && !before.paused) publish("DATASOURCE_PAUSED", uuid);
        if (!state.paused && before.paused && state.running) publish("DATASOURCE_RESUMED", uuid);
    }
    for (const auto& [uuid, state] : sources_)
        if (state.running && !now.contains(uuid)) publish("DATASOURCE_CLOSED", uuid);
    sources_ = std::move(now);
}

void CoreEventPublishers::publish_location()
{
    if (!bus_.wanted("GPS_LOCATION")) return;
    const std::optional<BestFix> best = gps_.best();
    if (!best) return; // Kismet publishes only while a GPS has a fix
    if (last_fix_ && last_fix_->lat == best->fix.lat && last_fix_->lon == best->fix.lon &&
        last_fix_->alt == best->fix.alt && last_fix_->fix == best->fix.fix)
        return;
    last_fix_ = best->fix;
    bus_.publish("GPS_LOCATION", single("GPS_LOCATION", location_.full(best->fix)));
}

} // namespace airsight::core
