#include "endpoints/endpoints.h"
#include "util/local_clock.h"

#include <cmath>

namespace airsight::core {
namespace {

struct MessageFields {
    const Field& text;
    const Field& flags;
    const Field& time;
    const Field& list;
    const Field& timestamp;

    Value record(const Message& m) const
    {
        Value v = Value::object();
        v.set(text, m.text);
        v.set(flags, m.flags);
        v.set(time, m.time);
        return v;
    }
};

} // namespace

void register_messagebus_endpoints(Services& services)
{
    auto& f = services.fields;
    const MessageFields fields{
        f("kismet.messagebus.message_string", FieldType::String, "Message content"),
        f("kismet.messagebus.message_flags", FieldType::Int32, "Message flags (per messagebus.h)"),
        f("kismet.messagebus.message_time", FieldType::UInt64, "Message time_t"),
        f("kismet.messagebus.list", FieldType::Vector, "list of messages"),
        f("kismet.messagebus.timestamp", FieldType::UInt64, "message update timestamp"),
    };
    MessageBusImpl& bus = services.messages;

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/messagebus/all_messages",
        .formats = LIST_FORMATS,
        .handler =
            [fields, &bus](const Request&) {
                Value list = Value::array();
                for (const Message& m : bus.recent()) list.push(fields.record(m));
                return Reply::value(std::move(list));
            },
        .description = "the last 50 messages",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET,
        .path = "/messagebus/last-time/[TS]/messages",
        .formats = OBJECT_FORMATS,
        .handler =
            [fields, &bus](const Request& request) {
                const double now = wall_clock_now();
                const double since = parse_timestamp_param(request.param("TS"), now);
                Value list = Value::array();
                const std::uint64_t since_sec = seconds_bound(std::floor(since));
                for (const Message& m : bus.since(since_sec)) list.push(fields.record(m));
                Value v = Value::object();
                v.set(fields.list, std::move(list));
                v.set(fields.timestamp, static_cast<std::uint64_t>(now));
                return Reply::value(std::move(v));
            },
        .description = "messages newer than TS, and the server time",
    });
}

} // namespace airsight::core
