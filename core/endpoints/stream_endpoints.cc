#include "endpoints/endpoints.h"

#include <charconv>

namespace airsight::core {
namespace {

struct StreamFields {
    const Field& id;
    const Field& time;
    const Field& name;
    const Field& type;
    const Field& path;
    const Field& description;
    const Field& packets;
    const Field& size;
    const Field& max_packets;
    const Field& max_size;
    const Field& paused;
    const Field& dropped;

    Value record(const StreamRecord& s) const
    {
        Value v = Value::object();
        v.set(id, static_cast<double>(s.id)); // a double in Kismet
        v.set(time, s.start_sec);
        v.set(name, s.description.name);
        v.set(type, s.description.type);
        v.set(path, s.description.path);
        v.set(description, s.description.description);
        v.set(packets, s.packets);
        v.set(size, s.bytes);
        v.set(max_packets, std::uint64_t{0}); // no limit
        v.set(max_size, std::uint64_t{0});
        v.set(paused, 0u);
        v.set(dropped, s.dropped);
        return v;
    }
};

// Kismet prints stream ids as doubles: "3" and "3.000000" both name stream 3.
std::uint64_t parse_stream_id(const std::string& text)
{
    std::uint64_t id = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (ec == std::errc() && ptr != end && *ptr == '.') {
        ++ptr;
        while (ptr != end && *ptr == '0') ++ptr;
    }
    if (ec != std::errc() || ptr != end) throw HttpError(400, "malformed stream id '" + text + "'");
    return id;
}

} // namespace

void register_stream_endpoints(Services& services)
{
    auto& f = services.fields;
    const StreamFields fields{
        f("kismet.stream.stream_id", FieldType::Double, "Stream ID"),
        f("kismet.stream.time", FieldType::UInt64, "Start time of stream (second since epoch)"),
        f("kismet.stream.name", FieldType::String, "Stream / Log name"),
        f("kismet.stream.type", FieldType::String, "Stream / Log type"),
        f("kismet.stream.path", FieldType::String, "Log path or stream remote client"),
        f("kismet.stream.description", FieldType::String, "Stream / Log description"),
        f("kismet.stream.packets", FieldType::UInt64, "Number of packets (if known)"),
        f("kismet.stream.size", FieldType::UInt64, "Size of log, if known, in bytes"),
        f("kismet.stream.max_packets", FieldType::UInt64, "Maximum number of packets"),
        f("kismet.stream.max_size", FieldType::UInt64, "Maximum allowed size (bytes)"),
        f("kismet.stream.paused", FieldType::UInt8, "Stream processing paused"),
        f("kismet.stream.dropped", FieldType::UInt64,
          "Packets left out of the stream because its client read slower than capture"),
    };
    StreamTrackerImpl& streams = services.streams;

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/streams/all_streams",
        .formats = LIST_FORMATS,
        .handler =
            [fields, &streams](const Request&) {
                Value list = Value::array();
                for (const StreamRecord& s : streams.list()) list.push(fields.record(s));
                return Reply::value(std::move(list));
            },
        .description = "the running streams (live pcapng and the like)",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/streams/by-id/[id]/stream_info",
        .formats = OBJECT_FORMATS,
        .handler =
            [fields, &streams](const Request& r) {
                const std::uint64_t id = parse_stream_id(r.param("id"));
                for (const StreamRecord& s : streams.list())
                    if (s.id == id) return Reply::value(fields.record(s));
                throw HttpError(404, "no stream " + r.param("id"));
            },
        .description = "one running stream",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/streams/by-id/[id]/close_stream",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [&streams](const Request& r) {
                if (!streams.close(parse_stream_id(r.param("id"))))
                    throw HttpError(404, "no stream " + r.param("id"));
                return Reply::value(Value("stream closed"));
            },
        .description = "ends a running stream",
    });
}

} // namespace airsight::core
