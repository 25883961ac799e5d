// /eventbus/events.ws (Kismet's event bus over a websocket) and
// /eventbus/topics.json. A client sends {"SUBSCRIBE": "TOPIC"} (with an
// optional "fields" spec) or {"UNSUBSCRIBE": "TOPIC"}; it gets one text
// message per event, the event's content as one object. A message the
// session cannot use gets {"error": "..."} and the websocket stays open.
#include "endpoints/endpoints.h"
#include "endpoints/json_command_session.h"
#include "json/json_writers.h"
#include "query/field_query.h"

#include <map>
#include <memory>
#include <optional>

namespace airsight::core {
namespace {

// The content map, each value summarised by the subscriber's fields.
std::string render_event(const Value& content, const FieldQuery& query)
{
    if (query.empty()) return to_json(content);
    std::string out;
    auto w = make_writer(JSON, out);
    w->begin_object();
    for (const auto& entry : content.entries()) {
        w->key(entry.key, nullptr);
        query.write(*w, *entry.value());
    }
    w->end_object();
    return out;
}

class EventBusSession : public JsonCommandSession {
public:
    EventBusSession(EventBusImpl& bus, const FieldRegistry& fields) : bus_(bus), fields_(fields) {}

    void on_close() override
    {
        for (const auto& [topic, id] : subscriptions_) bus_.unsubscribe(id);
        subscriptions_.clear();
        peer_.reset();
    }

private:
    void on_command(const Value& command) override
    {
        const Value* subscribe = command.find("SUBSCRIBE");
        const Value* unsubscribe = command.find("UNSUBSCRIBE");
        if (!subscribe && !unsubscribe) return reply_error("expected {\"SUBSCRIBE\": TOPIC} or {\"UNSUBSCRIBE\": TOPIC}");
        if (subscribe) add(*subscribe, command);
        if (unsubscribe) remove(*unsubscribe);
    }

    void add(const Value& topic_value, const Value& command)
    {
        if (topic_value.kind() != Value::Kind::String) return reply_error("SUBSCRIBE takes a topic name (a string)");
        const std::string& topic = topic_value.as_string();
        if (!bus_.known(topic)) {
            std::string names;
            for (const auto& [name, what] : bus_.topics()) names += (names.empty() ? "" : ", ") + name;
            return reply_error("unknown topic '" + topic + "'; known topics: " + names);
        }
        std::optional<FieldQuery> fields = fields_of(command, fields_);
        if (!fields) return; // answered
        auto query = std::make_shared<const FieldQuery>(std::move(*fields));
        if (auto it = subscriptions_.find(topic); it != subscriptions_.end()) {
            bus_.unsubscribe(it->second); // a new SUBSCRIBE replaces the fields, as in Kismet
            subscriptions_.erase(it);
        }
        subscriptions_[topic] =
            bus_.subscribe(topic, [peer = peer_, query](std::string_view, const std::shared_ptr<const Value>& content) {
                if (peer->open()) peer->send_text(render_event(*content, *query));
            });
    }

    void remove(const Value& topic_value)
    {
        if (topic_value.kind() != Value::Kind::String) return reply_error("UNSUBSCRIBE takes a topic name (a string)");
        if (auto it = subscriptions_.find(topic_value.as_string()); it != subscriptions_.end()) {
            bus_.unsubscribe(it->second);
            subscriptions_.erase(it);
        }
    }

    EventBusImpl& bus_;
    const FieldRegistry& fields_;
    std::map<std::string, std::uint64_t> subscriptions_;
};

} // namespace

void register_eventbus_endpoints(Services& services)
{
    EventBusImpl& bus = services.events;
    const FieldRegistry& fields = services.fields;
    services.routes.add(Route{
        .methods = GET,
        .path = "/eventbus/events",
        .formats = WEBSOCKET,
        .handler = [&bus, &fields](const Request&) {
            return Reply::websocket(std::make_shared<EventBusSession>(bus, fields));
        },
        .description = "Kismet's event bus: SUBSCRIBE / UNSUBSCRIBE to topics over a websocket",
    });
    services.routes.add(Route{
        .methods = GET,
        .path = "/eventbus/topics",
        .formats = OBJECT_FORMATS,
        .handler = [&bus](const Request&) {
            Value v = Value::map();
            for (const auto& [name, what] : bus.topics()) v.put(name, what);
            return Reply::value(std::move(v));
        },
        .description = "the event bus's topics and what each carries",
    });
}

} // namespace airsight::core
