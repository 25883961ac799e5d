// /eventbus/events.ws (Kismet's event bus over a websocket) and
// /eventbus/topics.json. A client sends {"SUBSCRIBE": "TOPIC"} (with an
// optional "fields" spec) or {"UNSUBSCRIBE": "TOPIC"}; it gets one text
// message per event, the event's content as one object. A message the
// session cannot use gets {"error": "..."} and the websocket stays open.
#include "endpoints/endpoints.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "query/field_query.h"

#include <map>
#include <memory>

namespace airsight::core {
namespace {

std::string error_message(std::string_view why)
{
    Value v = Value::map();
    v.put("error", std::string(why));
    return to_json(v);
}

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

class EventBusSession : public WebSocketSession {
public:
    EventBusSession(EventBusImpl& bus, const FieldRegistry& fields) : bus_(bus), fields_(fields) {}

    void on_open(std::shared_ptr<WebSocketPeer> peer) override { peer_ = std::move(peer); }

    void on_text(std::string_view message) override
    {
        Value command;
        try {
            command = parse_json(message);
        } catch (const JsonParseError& e) {
            return reply_error(std::string("malformed JSON: ") + e.what());
        }
        if (command.kind() != Value::Kind::Map) return reply_error("a message must be a JSON object");
        const Value* subscribe = command.find("SUBSCRIBE");
        const Value* unsubscribe = command.find("UNSUBSCRIBE");
        if (!subscribe && !unsubscribe) return reply_error("expected {\"SUBSCRIBE\": TOPIC} or {\"UNSUBSCRIBE\": TOPIC}");
        if (subscribe) add(*subscribe, command);
        if (unsubscribe) remove(*unsubscribe);
    }

    void on_close() override
    {
        for (const auto& [topic, id] : subscriptions_) bus_.unsubscribe(id);
        subscriptions_.clear();
        peer_.reset();
    }

private:
    void reply_error(const std::string& why) { peer_->send_text(error_message(why)); }

    void add(const Value& topic_value, const Value& command)
    {
        if (topic_value.kind() != Value::Kind::String) return reply_error("SUBSCRIBE takes a topic name (a string)");
        const std::string& topic = topic_value.as_string();
        if (!bus_.known(topic)) {
            std::string names;
            for (const auto& [name, what] : bus_.topics()) names += (names.empty() ? "" : ", ") + name;
            return reply_error("unknown topic '" + topic + "'; known topics: " + names);
        }
        auto query = std::make_shared<FieldQuery>();
        if (const Value* fields = command.find("fields")) {
            Request request;
            request.command.put("fields", *fields);
            try {
                *query = parse_field_query(request, fields_);
            } catch (const HttpError& e) {
                return reply_error(e.what());
            }
        }
        if (auto it = subscriptions_.find(topic); it != subscriptions_.end()) {
            bus_.unsubscribe(it->second); // a new SUBSCRIBE replaces the fields, as in Kismet
            subscriptions_.erase(it);
        }
        subscriptions_[topic] = bus_.subscribe(
            topic, [peer = peer_, query = std::shared_ptr<const FieldQuery>(query)](
                       std::string_view, const std::shared_ptr<const Value>& content) {
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
    std::shared_ptr<WebSocketPeer> peer_;
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
