// /alerts/...: Kismet's alert records and definitions, and the commands that
// define and raise alerts from outside (login required).
#include "endpoints/endpoints.h"

#include "devices/location_fields.h"

#include <optional>

namespace airsight::core {
namespace {

struct AlertFields {
    const Field& device_key;
    const Field& header;
    const Field& alert_class;
    const Field& hash;
    const Field& severity;
    const Field& phy_id;
    const Field& timestamp;
    const Field& transmitter_mac;
    const Field& source_mac;
    const Field& dest_mac;
    const Field& other_mac;
    const Field& channel;
    const Field& frequency;
    const Field& text;
    const Field& location;
    const Field& list;
    const LocationFields locations;

    Value record(const AlertRecord& a) const
    {
        Value v = Value::object();
        v.set(device_key, a.device_key);
        v.set(header, a.header);
        v.set(alert_class, a.alert_class);
        v.set(hash, a.hash);
        v.set(severity, a.severity);
        v.set(phy_id, a.phy);
        v.set(timestamp, a.timestamp);
        v.set(transmitter_mac, a.transmitter.str());
        v.set(source_mac, a.source.str());
        v.set(dest_mac, a.dest.str());
        v.set(other_mac, a.other.str());
        v.set(channel, a.channel);
        v.set(frequency, a.frequency_khz);
        v.set(text, a.text);
        // Kismet serves a location on every alert: [0, 0] when no GPS had a fix.
        v.set(location, a.location ? locations.triplet(*a.location) : locations.empty());
        return v;
    }

    Value records(const std::vector<AlertRecord>& alerts) const
    {
        Value out = Value::array();
        for (const AlertRecord& a : alerts) out.push(record(a));
        return out;
    }
};

struct DefinitionFields {
    const Field& header;
    const Field& alert_class;
    const Field& severity;
    const Field& description;
    const Field& phyid;
    const Field& limit_unit;
    const Field& limit_rate;
    const Field& burst_unit;
    const Field& limit_burst;
    const Field& burst_sent;
    const Field& total_sent;
    const Field& time_last;

    Value record(const AlertDefinitionState& d) const
    {
        Value v = Value::object();
        v.set(header, d.definition.name);
        v.set(alert_class, d.definition.alert_class);
        v.set(severity, static_cast<std::uint8_t>(d.definition.severity));
        v.set(description, d.definition.description);
        v.set(phyid, d.definition.phy);
        v.set(limit_unit, static_cast<std::uint64_t>(d.throttle.limit.unit));
        v.set(limit_rate, std::uint64_t{d.throttle.limit.count});
        v.set(burst_unit, static_cast<std::uint64_t>(d.throttle.burst.unit));
        v.set(limit_burst, std::uint64_t{d.throttle.burst.count});
        v.set(burst_sent, d.throttle.burst_sent);
        v.set(total_sent, d.throttle.total_sent);
        v.set(time_last, d.throttle.time_last);
        return v;
    }
};

// A command's string member: "" when absent, 400 when not a string.
std::string string_option(const Request& r, std::string_view key, bool required)
{
    const Value* v = r.option(key);
    if (!v) {
        if (required) throw HttpError(400, "the command needs '" + std::string(key) + "' (a string)");
        return {};
    }
    if (v->kind() != Value::Kind::String) throw HttpError(400, "'" + std::string(key) + "' must be a string");
    return v->as_string();
}

MacAddr mac_option(const Request& r, std::string_view key)
{
    const std::string text = string_option(r, key, false);
    if (text.empty()) return {};
    const std::optional<MacAddr> mac = MacAddr::parse(text);
    if (!mac) throw HttpError(400, "'" + std::string(key) + "': '" + text + "' is not a MAC address (like 00:11:22:33:44:55)");
    return *mac;
}

AlertSeverity severity_option(const Request& r)
{
    const Value* v = r.option("severity");
    if (!v) return AlertSeverity::INFO;
    if (v->kind() == Value::Kind::Int || v->kind() == Value::Kind::UInt) {
        switch (v->as_int()) {
        case 0: return AlertSeverity::INFO;
        case 5: return AlertSeverity::LOW;
        case 10: return AlertSeverity::MEDIUM;
        case 15: return AlertSeverity::HIGH;
        case 20: return AlertSeverity::CRITICAL;
        default: break;
        }
    }
    throw HttpError(400, "'severity' must be one of Kismet's severities: 0, 5, 10, 15 or 20");
}

AlertFields alert_fields(FieldRegistryImpl& f)
{
    return AlertFields{
        f("kismet.alert.device_key", FieldType::DeviceKey, "Device key of linked device"),
        f("kismet.alert.header", FieldType::String, "Alert definition"),
        f("kismet.alert.class", FieldType::String, "Alert class"),
        f("kismet.alert.hash", FieldType::UInt32, "Alert unique hash"),
        f("kismet.alert.severity", FieldType::UInt8, "Alert severity"),
        f("kismet.alert.phy_id", FieldType::UInt32, "ID of phy generating alert"),
        f("kismet.alert.timestamp", FieldType::Double, "alert update timestamp"),
        f("kismet.alert.transmitter_mac", FieldType::MacAddr, "Transmitter MAC address"),
        f("kismet.alert.source_mac", FieldType::MacAddr, "Source MAC address"),
        f("kismet.alert.dest_mac", FieldType::MacAddr, "Destination MAC address"),
        f("kismet.alert.other_mac", FieldType::MacAddr, "Other / Extra MAC address"),
        f("kismet.alert.channel", FieldType::String, "Phy-specific channel"),
        f("kismet.alert.frequency", FieldType::Double, "Frequency (khz)"),
        f("kismet.alert.text", FieldType::String, "Alert text"),
        f("kismet.alert.location", FieldType::Object, "location"),
        f("kismet.alert.list", FieldType::Vector, "list of alerts"),
        LocationFields(f),
    };
}

} // namespace

void register_alert_endpoints(Services& services)
{
    auto& f = services.fields;
    const AlertFields alert = alert_fields(f);
    const DefinitionFields definition{
        f("kismet.alert.definition.header", FieldType::String, "Alert name"),
        f("kismet.alert.definition.class", FieldType::String, "Alert class"),
        f("kismet.alert.definition.severity", FieldType::UInt8, "Alert severity"),
        f("kismet.alert.definition.description", FieldType::String, "Alert description"),
        f("kismet.alert.definition.phyid", FieldType::Int64, "Alert phy type"),
        f("kismet.alert.definition.limit_unit", FieldType::UInt64, "Alert limit time unit (defined in alertracker.h)"),
        f("kismet.alert.definition.limit_rate", FieldType::UInt64, "Alert rate limit"),
        f("kismet.alert.definition.burst_unit", FieldType::UInt64, "Burst limit time unit (defined in alertracker.h)"),
        f("kismet.alert.definition.limit_burst", FieldType::UInt64, "Burst rate limit"),
        f("kismet.alert.definition.burst_sent", FieldType::UInt64, "Alerts sent in burst"),
        f("kismet.alert.definition.total_sent", FieldType::UInt64, "Total alerts sent"),
        f("kismet.alert.definition.time_last", FieldType::Double, "Timestamp of last alert (sec.us)"),
    };
    AlertTrackerImpl& alerts = services.alerts;
    DeviceTrackerImpl& devices = services.devices;

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/alerts/definitions",
        .formats = LIST_FORMATS,
        .handler =
            [definition, &alerts](const Request&) {
                Value list = Value::array();
                for (const AlertDefinitionState& d : alerts.definitions()) list.push(definition.record(d));
                return Reply::value(std::move(list));
            },
        .description = "every alert definition with its rates and counts",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/alerts/all_alerts",
        .formats = LIST_FORMATS,
        .handler = [alert, &alerts](const Request&) { return Reply::value(alert.records(alerts.backlog())); },
        .description = "the alert backlog (alertbacklog alerts)",
        .field_query = true,
    });
    // The 2018 API's answer, a dictionary of the alerts since TS and the
    // server time: what the clients in client-surface.md read (KismetRest,
    // kismet_rest's alerts(), the exporter). Current Kismet moved it to
    // /alerts/wrapped/... and answers a plain list here (kismet-fields.md);
    // both paths give the dictionary, so those clients work unchanged, and
    // /alerts/all_alerts is the plain list.
    const auto alerts_since = [alert, &alerts](const Request& r) {
        const double now = alerts.now();
        const double since = parse_timestamp_param(r.param("TS"), now);
        Value v = Value::object();
        v.set(alert.timestamp, now);
        v.set(alert.list, alert.records(alerts.since(since)));
        return Reply::value(std::move(v));
    };
    for (const char* path : {"/alerts/last-time/[TS]/alerts", "/alerts/wrapped/last-time/[TS]/alerts"})
        services.routes.add(Route{
            .methods = GET | POST,
            .path = path,
            .formats = OBJECT_FORMATS | EKJSON | ITJSON,
            .handler = alerts_since,
            .description = "alerts newer than TS with the server time, as the 2018 API",
        });

    services.routes.add(Route{
        .methods = POST,
        .path = "/alerts/definitions/define_alert",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [definition, &alerts, &devices](const Request& r) {
                AlertDefinition d;
                d.name = string_option(r, "name", true);
                d.description = string_option(r, "description", true);
                d.throttle = string_option(r, "throttle", true);
                d.burst = string_option(r, "burst", true);
                d.alert_class = string_option(r, "class", false);
                if (d.alert_class.empty()) d.alert_class = "OTHER";
                d.severity = severity_option(r);
                const std::string phy = string_option(r, "phyname", false);
                if (!phy.empty() && phy != "any") {
                    for (std::uint32_t id = 1; d.phy == ALERT_ANY_PHY; ++id) {
                        const std::string name = devices.phy_name(id);
                        if (name.empty()) break;
                        if (name == phy) d.phy = id;
                    }
                    if (d.phy == ALERT_ANY_PHY) throw HttpError(404, "no PHY named '" + phy + "' (see /phy/all_phys.json)");
                }
                AlertRef ref;
                try {
                    ref = alerts.define(d);
                } catch (const std::invalid_argument& e) {
                    throw HttpError(400, e.what());
                } catch (const std::length_error& e) {
                    throw HttpError(400, e.what());
                }
                return Reply::value(definition.record(alerts.definition(ref)));
            },
        .description = "defines an alert (name, description, throttle, burst; class, severity, phyname)",
    });

    // raise_alert is the 2018 name, raise_alerts the current one.
    for (const char* path : {"/alerts/raise_alert", "/alerts/raise_alerts"}) {
        services.routes.add(Route{
            .methods = POST,
            .path = path,
            .formats = CMD | JSON,
            .login_required = true,
            .handler =
                [alert, &alerts](const Request& r) {
                    const std::string name = string_option(r, "name", true);
                    const std::optional<AlertRef> ref = alerts.find(name);
                    if (!ref) throw HttpError(404, "no alert named '" + name + "' (see /alerts/definitions.json)");
                    const std::string text = string_option(r, "text", true);
                    const std::string channel = string_option(r, "channel", false);
                    AlertEvent event{.transmitter = mac_option(r, "bssid"),
                                     .source = mac_option(r, "source"),
                                     .dest = mac_option(r, "dest"),
                                     .other = mac_option(r, "other"),
                                     .channel = channel,
                                     .text = text};
                    const std::optional<AlertRecord> sent = alerts.raise_record(*ref, event);
                    if (!sent)
                        throw HttpError(400, "alert " + alert_name_key(name) +
                                                 " not raised: its throttle or burst limit is reached (see "
                                                 "/alerts/definitions.json)");
                    return Reply::value(alert.record(*sent));
                },
            .description = "raises a defined alert (name, text; bssid, source, dest, other, channel)",
        });
    }
}

std::function<Value(const AlertRecord&)> alert_record_renderer(FieldRegistryImpl& fields)
{
    return [alert = alert_fields(fields)](const AlertRecord& a) { return alert.record(a); };
}

} // namespace airsight::core
