// /gps/...: the best fix, the configured GPS instances and types (Kismet's
// gpstracker.cc), adding a GPS at run time, and the web GPS's update command
// (gpsweb.cc). Reads need the login as every read does; commands always.
#include "endpoints/endpoints.h"

#include "devices/location_fields.h"
#include "json/json_writers.h"

namespace airsight::core {
namespace {

struct GpsFields {
    LocationFields location;
    const Field& gps_uuid;
    // What the 2018 API and the official client (client-surface.md) read
    // from /gps/location: lat, lon and valid. Current Kismet has only the
    // geopoint and fix. /gps/location serves both sets, so clients of either
    // vintage work.
    const Field& lat;
    const Field& lon;
    const Field& valid;

    const Field& name;
    const Field& description;
    const Field& connected;
    const Field& reconnect;
    const Field& current;
    const Field& last;
    const Field& uuid;
    const Field& definition;
    const Field& priority;
    const Field& data_only;
    const Field& data_time;
    const Field& signal_time;
    const Field& type;

    const Field& type_class;
    const Field& type_description;
    const Field& type_priority;
    const Field& type_default_name;
    const Field& type_singleton;

    Value best(const std::optional<BestFix>& b) const
    {
        if (!b) {
            Value v = location.empty();
            v.set(lat, 0.0);
            v.set(lon, 0.0);
            v.set(valid, std::uint64_t{0});
            return v;
        }
        Value v = location.full(b->fix);
        v.set(gps_uuid, b->gps_uuid);
        v.set(lat, b->fix.lat);
        v.set(lon, b->fix.lon);
        v.set(valid, std::uint64_t{1});
        return v;
    }

    Value type_record(const GpsTypeInfo& t) const
    {
        Value v = Value::object();
        v.set(type_class, t.name);
        v.set(type_description, t.description);
        v.set(type_priority, static_cast<std::int64_t>(t.priority));
        v.set(type_default_name, t.default_name);
        v.set(type_singleton, std::uint64_t{t.singleton});
        return v;
    }

    Value instance(const GpsInstanceState& s, const std::vector<GpsTypeInfo>& types) const
    {
        Value v = Value::object();
        v.set(name, s.name);
        v.set(description, s.description);
        v.set(connected, std::uint64_t{s.connected});
        v.set(reconnect, std::uint64_t{s.reconnect});
        v.set(current, s.location ? location.full(*s.location) : location.empty());
        v.set(last, s.last_location ? location.full(*s.last_location) : location.empty());
        v.set(uuid, s.uuid);
        v.set(definition, s.definition);
        v.set(priority, static_cast<std::int64_t>(s.priority));
        v.set(data_only, std::uint64_t{s.data_only});
        v.set(data_time, s.data_time);
        v.set(signal_time, s.signal_time);
        for (const GpsTypeInfo& t : types)
            if (t.name == s.type) v.set(type, type_record(t));
        return v;
    }
};

double number_option(const Request& r, std::string_view key, bool required, double min, double max)
{
    const Value* v = r.option(key);
    if (!v) {
        if (required) throw HttpError(400, "the command needs '" + std::string(key) + "' (a number)");
        return 0;
    }
    if (!v->is_number()) throw HttpError(400, "'" + std::string(key) + "' must be a number");
    const double d = v->as_double();
    if (!(d >= min && d <= max))
        throw HttpError(400, "'" + std::string(key) + "' must be from " + std::to_string(min) + " to " + std::to_string(max));
    return d;
}

GpsFields gps_fields(FieldRegistryImpl& f)
{
    return GpsFields{
        LocationFields(f),
        f("kismet.common.location.gps_uuid", FieldType::Uuid, "UUID of GPS reporting location"),
        f("kismet.common.location.lat", FieldType::Double, "latitude (the 2018 API's; see geopoint)"),
        f("kismet.common.location.lon", FieldType::Double, "longitude (the 2018 API's; see geopoint)"),
        f("kismet.common.location.valid", FieldType::UInt8, "location is valid (the 2018 API's; see fix)"),
        f("kismet.gps.name", FieldType::String, "GPS instance name"),
        f("kismet.gps.description", FieldType::String, "GPS instance description"),
        f("kismet.gps.connected", FieldType::UInt8, "GPS device is connected"),
        f("kismet.gps.reconnect", FieldType::UInt8, "GPS device will reconnect if there is an error"),
        f("kismet.gps.location", FieldType::Object, "current location"),
        f("kismet.gps.last_location", FieldType::Object, "previous location"),
        f("kismet.gps.uuid", FieldType::Uuid, "UUID"),
        f("kismet.gps.definition", FieldType::String, "GPS definition"),
        f("kismet.gps.priority", FieldType::Int32, "Multi-gps priority"),
        f("kismet.gps.data_only", FieldType::UInt8,
          "GPS is used for populating data only, never for live location"),
        f("kismet.gps.data_time", FieldType::UInt64, "Unix timestamp of last data from GPS"),
        f("kismet.gps.signal_time", FieldType::UInt64, "Unix timestamp of last signal from GPS"),
        // Kismet serves this record under an unregistered name
        // ("field.unknown.not.registered", kismet-fields.md); it gets a real one here.
        f("kismet.gps.type", FieldType::Object, "GPS type"),
        f("kismet.gps.type.class", FieldType::String, "Class/type"),
        f("kismet.gps.type.description", FieldType::String, "Class description"),
        f("kismet.gps.type.priority", FieldType::Int32, "Default priority"),
        f("kismet.gps.type.default_name", FieldType::String, "Default name"),
        f("kismet.gps.type.singleton", FieldType::UInt8, "Single instance of this gps type"),
    };
}

} // namespace

void register_gps_endpoints(Services& services, GpsTracker& gps)
{
    auto& f = services.fields;
    const GpsFields g = gps_fields(f);

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/gps/location",
        .formats = OBJECT_FORMATS | EKJSON | ITJSON,
        .handler = [g, &gps](const Request&) { return Reply::value(g.best(gps.best())); },
        .description = "the best current GPS fix (geopoint [0, 0] and valid 0 when there is none)",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/gps/all_gps",
        .formats = LIST_FORMATS,
        .handler =
            [g, &gps](const Request&) {
                const std::vector<GpsTypeInfo> types = gps.types();
                Value list = Value::array();
                for (const GpsInstanceState& s : gps.instances()) list.push(g.instance(s, types));
                return Reply::value(std::move(list));
            },
        .description = "every configured GPS, in order of priority",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/gps/drivers",
        .formats = LIST_FORMATS,
        .handler =
            [g, &gps](const Request&) {
                Value list = Value::array();
                for (const GpsTypeInfo& t : gps.types()) list.push(g.type_record(t));
                return Reply::value(std::move(list));
            },
        .description = "the GPS types a gps= line can name",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = POST,
        .path = "/gps/add_gps",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [g, &gps](const Request& r) {
                const Value* d = r.option("definition");
                if (!d || d->kind() != Value::Kind::String)
                    throw HttpError(400, "the command needs 'definition' (a string, like gpsd:host=localhost)");
                try {
                    return Reply::value(g.instance(gps.add(d->as_string()), gps.types()));
                } catch (const std::invalid_argument& e) {
                    throw HttpError(400, e.what());
                }
            },
        .description = "adds a GPS from a definition, as a gps= line (definition)",
    });
    services.routes.add(Route{
        .methods = POST,
        .path = "/gps/web/update",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [g, &gps](const Request& r) {
                GpsFix fix;
                fix.lat = number_option(r, "lat", true, -90, 90);
                fix.lon = number_option(r, "lon", true, -180, 180);
                fix.alt = number_option(r, "alt", false, -100000, 1000000);
                fix.speed = number_option(r, "spd", false, 0, 100000);
                fix.fix = fix.alt != 0 ? 3 : 2; // Kismet's gpsweb: an altitude makes it 3D
                if (!gps.post_position(fix))
                    throw HttpError(404, "no web GPS is configured (add gps=web to kismet.conf)");
                return Reply::value(g.best(gps.best()));
            },
        .description = "a browser's position for the web GPS (lat, lon; alt, spd)",
    });
}

std::function<std::vector<LoggedSnapshot>()> gps_snapshot_source(FieldRegistryImpl& fields, const GpsTracker& gps)
{
    return [g = gps_fields(fields), &gps] {
        // Kismet's GPS tracker logs each GPS as /gps/all_gps shows it, with
        // where it is, under snaptype "GPS".
        std::vector<LoggedSnapshot> out;
        const std::vector<GpsTypeInfo> types = gps.types();
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        for (const GpsInstanceState& s : gps.instances()) {
            LoggedSnapshot snapshot;
            snapshot.ts_sec = std::chrono::duration_cast<std::chrono::seconds>(now).count();
            snapshot.ts_usec = static_cast<std::uint32_t>(
                std::chrono::duration_cast<std::chrono::microseconds>(now).count() % 1000000);
            snapshot.type = "GPS";
            snapshot.json = to_json(g.instance(s, types));
            if (s.location && s.location->valid()) snapshot.location = s.location;
            out.push_back(std::move(snapshot));
        }
        return out;
    };
}

} // namespace airsight::core
