// /datasource/... : list, add, open/close, pause/resume and tune sources, with
// Kismet's field names.
#include "endpoints/endpoints.h"
#include "util/local_clock.h"

#include <airsight/rrd.h>

#include <cmath>

namespace airsight::core {
namespace {

// Fields of a datasource type record (kismet.datasource.driver.*).
struct DriverFields {
    const Field& type;
    const Field& description;
    const Field& probe_capable;
    const Field& list_capable;
    const Field& local_capable;
    const Field& remote_capable;
    const Field& passive_capable;
    const Field& tuning_capable;
    const Field& hop_capable;

    explicit DriverFields(FieldRegistryImpl& f)
        : type(f("kismet.datasource.driver.type", FieldType::String, "Type")),
          description(f("kismet.datasource.driver.description", FieldType::String, "Description")),
          probe_capable(f("kismet.datasource.driver.probe_capable", FieldType::UInt8, "Datasource can automatically probe")),
          list_capable(f("kismet.datasource.driver.list_capable", FieldType::UInt8, "Datasource can list interfaces")),
          local_capable(f("kismet.datasource.driver.local_capable", FieldType::UInt8, "Datasource can support local interfaces")),
          remote_capable(f("kismet.datasource.driver.remote_capable", FieldType::UInt8, "Datasource can support remote interfaces")),
          passive_capable(f("kismet.datasource.driver.passive_capable", FieldType::UInt8, "Datasource can support passive interface-less data")),
          tuning_capable(f("kismet.datasource.driver.tuning_capable", FieldType::UInt8, "Datasource can control channels")),
          hop_capable(f("kismet.datasource_driver.hop_capable", FieldType::UInt8, "Datasource can channel hop"))
    {
    }

    Value record(const DatasourceType& t) const
    {
        const DatasourceCapabilities c = t.capabilities();
        Value v = Value::object();
        v.set(type, t.name());
        v.set(description, t.description());
        v.set(probe_capable, unsigned{c.probe});
        v.set(list_capable, unsigned{c.list_interfaces});
        v.set(local_capable, unsigned{c.local});
        v.set(remote_capable, unsigned{c.remote});
        v.set(passive_capable, unsigned{c.passive});
        v.set(tuning_capable, unsigned{c.tune});
        v.set(hop_capable, unsigned{c.hop});
        return v;
    }
};

Value string_list(const std::vector<std::string>& items)
{
    Value list = Value::array();
    for (const std::string& s : items) list.push(s);
    return list;
}

// Fields of a source record (kismet.datasource.*).
struct SourceFields {
    const Field& number;
    const Field& uuid;
    const Field& name;
    const Field& definition;
    const Field& interface;
    const Field& capture_interface;
    const Field& hardware;
    const Field& dlt;
    const Field& warning;
    const Field& channels;
    const Field& hopping;
    const Field& channel;
    const Field& hop_rate;
    const Field& hop_channels;
    const Field& running;
    const Field& paused;
    const Field& error;
    const Field& error_reason;
    const Field& num_packets;
    const Field& num_error_packets;
    const Field& passive;
    const Field& remote;
    const Field& type_driver;
    const Field& dropped;
    const Field& bytes_read;
    const Field& bytes_total;
    const Field& finished;
    const Field& packets_rrd;
    const Field& datasize_rrd;
    const Field& hop_split;
    const Field& hop_offset;
    const Field& retry;
    const Field& retry_attempts;
    const Field& total_retry_attempts;
    RrdFields rrd;

    explicit SourceFields(FieldRegistryImpl& f)
        : number(f("kismet.datasource.source_number", FieldType::UInt64, "internal source number per Kismet instance")),
          uuid(f("kismet.datasource.uuid", FieldType::Uuid, "UUID")),
          name(f("kismet.datasource.name", FieldType::String, "Human-readable name")),
          definition(f("kismet.datasource.definition", FieldType::String, "Original source= definition")),
          interface(f("kismet.datasource.interface", FieldType::String, "Interface")),
          capture_interface(f("kismet.datasource.capture_interface", FieldType::String, "Interface")),
          hardware(f("kismet.datasource.hardware", FieldType::String, "Hardware / chipset")),
          dlt(f("kismet.datasource.dlt", FieldType::UInt32, "DLT (link type)")),
          warning(f("kismet.datasource.warning", FieldType::String, "Warning or unusual interface state")),
          channels(f("kismet.datasource.channels", FieldType::Vector, "Supported channels")),
          hopping(f("kismet.datasource.hopping", FieldType::UInt8, "Source is channel hopping")),
          channel(f("kismet.datasource.channel", FieldType::String, "Current channel")),
          hop_rate(f("kismet.datasource.hop_rate", FieldType::Double, "Hop rate if channel hopping")),
          hop_channels(f("kismet.datasource.hop_channels", FieldType::Vector, "Hop pattern if hopping")),
          running(f("kismet.datasource.running", FieldType::UInt8, "capture is running")),
          paused(f("kismet.datasource.paused", FieldType::UInt8,
                   "capture is paused (no packets will be processed from this source)")),
          error(f("kismet.datasource.error", FieldType::UInt8, "Source is in error state")),
          error_reason(f("kismet.datasource.error_reason", FieldType::String, "Last known reason for error state")),
          num_packets(f("kismet.datasource.num_packets", FieldType::UInt64, "Number of packets seen by source")),
          num_error_packets(f("kismet.datasource.num_error_packets", FieldType::UInt64,
                              "Number of invalid/error packets seen by source")),
          passive(f("kismet.datasource.passive", FieldType::UInt8, "capture is a post-able passive capture")),
          remote(f("kismet.datasource.remote", FieldType::UInt8, "capture is connected from a remote server")),
          type_driver(f("kismet.datasource.type_driver", FieldType::Object, "datasource driver handler")),
          dropped(f("airsight.datasource.num_dropped_packets", FieldType::UInt64, "Packets lost while the source was paused")),
          bytes_read(f("airsight.datasource.bytes_read", FieldType::UInt64, "Bytes read of a finite source (a file)")),
          bytes_total(f("airsight.datasource.bytes_total", FieldType::UInt64, "Size of a finite source (0: not finite)")),
          finished(f("airsight.datasource.finished", FieldType::UInt8, "A finite source delivered everything it had")),
          packets_rrd(f("kismet.datasource.packets_rrd", FieldType::Object, "received packet rate RRD")),
          datasize_rrd(f("kismet.datasource.packets_datasize_rrd", FieldType::Object, "received data RRD (in bytes)")),
          hop_split(f("kismet.datasource.hop_split", FieldType::UInt8, "Split hopping among same type interfaces")),
          hop_offset(f("kismet.datasource.hop_offset", FieldType::UInt32, "Offset into hopping list for multiple sources")),
          retry(f("kismet.datasource.retry", FieldType::UInt8, "Source will try to re-open after failure")),
          retry_attempts(f("kismet.datasource.retry_attempts", FieldType::UInt32, "Consecutive unsuccessful retry attempts")),
          total_retry_attempts(f("kismet.datasource.total_retry_attempts", FieldType::UInt32,
                                 "Total unsuccessful retry attempts")),
          rrd(f)
    {
    }

    Value record(const SourceSnapshot& s, const DriverFields& driver) const
    {
        Value v = Value::object();
        v.set(number, s.number);
        v.set(uuid, s.uuid);
        v.set(name, s.name);
        v.set(definition, s.definition);
        v.set(interface, s.interface);
        v.set(capture_interface, s.status.capture_interface.empty() ? s.interface : s.status.capture_interface);
        v.set(hardware, s.status.hardware);
        v.set(dlt, s.status.dlt);
        v.set(warning, s.status.warning);
        v.set(channels, string_list(s.status.channels));
        v.set(hopping, unsigned{s.status.hopping});
        v.set(channel, s.status.channel);
        v.set(hop_rate, s.status.hop_rate);
        v.set(hop_channels, string_list(s.status.hop_channels));
        v.set(hop_split, unsigned{s.hop_split});
        v.set(hop_offset, static_cast<std::uint64_t>(s.hop_offset));
        v.set(running, unsigned{s.running});
        v.set(paused, unsigned{s.paused});
        v.set(error, unsigned{s.error});
        v.set(error_reason, s.error_reason);
        v.set(retry, unsigned{s.retry});
        v.set(retry_attempts, s.retry_attempts);
        v.set(total_retry_attempts, s.total_retry_attempts);
        v.set(num_packets, s.packets);
        v.set(num_error_packets, s.error_packets);
        v.set(passive, unsigned{s.type->capabilities().passive});
        v.set(remote, 0u);
        v.set(type_driver, driver.record(*s.type));
        v.set(dropped, s.dropped);
        v.set(bytes_read, s.status.bytes_read);
        v.set(bytes_total, s.status.bytes_total);
        v.set(finished, unsigned{s.status.finished});
        const std::int64_t now = local_now_sec();
        v.set(packets_rrd, rrd.record(s.packets_rrd, now));
        v.set(datasize_rrd, rrd.record(s.datasize_rrd, now));
        return v;
    }
};

// Runs a source operation, turning its exceptions into HTTP errors.
template <typename F> auto source_call(F&& f)
{
    try {
        return f();
    } catch (const std::out_of_range& e) {
        throw HttpError(404, e.what());
    } catch (const std::invalid_argument& e) {
        throw HttpError(400, e.what());
    } catch (const std::runtime_error& e) {
        throw HttpError(500, e.what());
    }
}

std::vector<std::string> string_items(const Value& v, std::string_view key)
{
    if (v.kind() != Value::Kind::Array) throw HttpError(400, std::string(key) + " must be a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const Value& item = v.at(i);
        if (item.kind() == Value::Kind::String)
            out.push_back(item.as_string());
        else if (item.kind() == Value::Kind::Int || item.kind() == Value::Kind::UInt)
            out.push_back(std::to_string(item.as_int()));
        else
            throw HttpError(400, std::string(key) + " must be a list of strings");
    }
    return out;
}

double hop_rate_option(const Request& r)
{
    // The 2018 doc says "hoprate"; current clients send "rate": accept both.
    const Value* rate = r.option("hoprate");
    if (!rate) rate = r.option("rate");
    if (!rate) return 0;
    if (!rate->is_number() || !(rate->as_double() > 0) || !std::isfinite(rate->as_double()))
        throw HttpError(400, "the hop rate must be a positive number of channels per second");
    return rate->as_double();
}

// The rate a source hops at when a request names none: its own, else the server's default.
double hop_rate_of(const SourceSnapshot& s, const DatasourceManager& sources)
{
    return s.status.hop_rate > 0 ? s.status.hop_rate : sources.defaults().hop_rate;
}

} // namespace

void register_datasource_endpoints(Services& services)
{
    const DriverFields driver(services.fields);
    const SourceFields fields(services.fields);
    DatasourceManager& sources = services.datasources;
    DatasourceTypes& types = services.datasource_types;
    FieldRegistryImpl& registry = services.fields;

    auto record_of = [&sources, fields, driver](const std::string& uuid) {
        auto s = sources.find(uuid);
        if (!s) throw HttpError(404, "no datasource with UUID " + uuid);
        return fields.record(*s, driver);
    };

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/datasource/all_sources",
        .formats = LIST_FORMATS,
        .handler =
            [&sources, fields, driver](const Request&) {
                Value list = Value::array();
                for (const SourceSnapshot& s : sources.snapshot()) list.push(fields.record(s, driver));
                return Reply::value(std::move(list));
            },
        .description = "every datasource, open or closed",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET,
        .path = "/datasource/types",
        .formats = LIST_FORMATS,
        .handler =
            [&types, driver](const Request&) {
                Value list = Value::array();
                for (const auto& t : types.all()) list.push(driver.record(*t));
                return Reply::value(std::move(list));
            },
        .description = "every datasource type and what it can do",
    });

    const Field& default_hop_rate = registry("kismet.datasource.hop_rate", FieldType::Double, "Hop rate if channel hopping");
    const Field& default_hopping = registry("kismet.datasource.hopping", FieldType::UInt8, "Source is channel hopping");
    services.routes.add(Route{
        .methods = GET,
        .path = "/datasource/defaults",
        .formats = OBJECT_FORMATS,
        .handler =
            [&default_hop_rate, &default_hopping, &sources](const Request&) {
                const SourceDefaults& d = sources.defaults();
                Value v = Value::object();
                v.set(default_hopping, unsigned{d.hop});
                v.set(default_hop_rate, d.hop_rate);
                return Reply::value(std::move(v));
            },
        .description = "settings new sources start with (channel_hop, channel_hop_speed)",
    });

    const Field& if_interface = registry("kismet.datasource.probed.interface", FieldType::String, "Interface name");
    const Field& if_options = registry("kismet.datasource.probed.options_vec", FieldType::Vector, "Interface options");
    const Field& if_hardware = registry("kismet.datasource.probed.hardware", FieldType::String, "Detected hardware");
    const Field& if_driver = registry("kismet.datasource.type_driver", FieldType::Object, "datasource driver handler");
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/datasource/list_interfaces",
        .formats = LIST_FORMATS | CMD,
        .handler =
            [&types, driver, &if_interface, &if_options, &if_hardware, &if_driver, &messages = services.messages](const Request&) {
                Value list = Value::array();
                for (const auto& t : types.all()) {
                    if (!t->capabilities().list_interfaces) continue;
                    std::vector<InterfaceInfo> interfaces;
                    try {
                        interfaces = t->list_interfaces();
                    } catch (const std::exception& e) {
                        // One type's failure must not hide the others' interfaces.
                        messages.post("datasource type " + t->name() + " cannot list its interfaces: " + e.what(),
                                      MSG_ERROR);
                        continue;
                    }
                    for (const InterfaceInfo& i : interfaces) {
                        Value v = Value::object();
                        v.set(if_interface, i.interface);
                        Value options = Value::array();
                        if (!i.flags.empty()) options.push(i.flags);
                        v.set(if_options, std::move(options));
                        v.set(if_hardware, i.hardware);
                        v.set(if_driver, driver.record(*t));
                        list.push(std::move(v));
                    }
                }
                return Reply::value(std::move(list));
            },
        .description = "interfaces the datasource types could capture from",
    });

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/datasource/by-uuid/[uuid]/source",
        .formats = OBJECT_FORMATS,
        .handler = [record_of](const Request& r) { return Reply::value(record_of(r.param("uuid"))); },
        .description = "one datasource",
        .field_query = true,
    });

    services.routes.add(Route{
        .methods = POST,
        .path = "/datasource/add_source",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [&sources, record_of](const Request& r) {
                const Value* definition = r.option("definition");
                if (!definition || definition->kind() != Value::Kind::String || definition->as_string().empty())
                    throw HttpError(400, "add_source needs a 'definition' string, e.g. {\"definition\": \"wlan0:name=foo\"}");
                const std::string uuid = source_call([&] { return sources.add(definition->as_string()); });
                return Reply::value(record_of(uuid));
            },
        .description = "creates and opens a source from a definition",
    });

    // open/close/enable/disable/pause/resume: GET and POST, as current clients use both.
    using Op = void (DatasourceManager::*)(std::string_view);
    const std::pair<const char*, Op> operations[] = {
        {"open_source", &DatasourceManager::open},     {"enable_source", &DatasourceManager::open},
        {"close_source", &DatasourceManager::close},   {"disable_source", &DatasourceManager::close},
        {"pause_source", &DatasourceManager::pause},   {"resume_source", &DatasourceManager::resume},
    };
    for (const auto& [name, op] : operations) {
        services.routes.add(Route{
            .methods = GET | POST,
            .path = std::string("/datasource/by-uuid/[uuid]/") + name,
            .formats = CMD | JSON,
            .login_required = true,
            .handler =
                [&sources, record_of, op = op](const Request& r) {
                    const std::string& uuid = r.param("uuid");
                    source_call([&] { (sources.*op)(uuid); });
                    return Reply::value(record_of(uuid));
                },
            .description = std::string(name) + " on one source",
        });
    }

    services.routes.add(Route{
        .methods = POST,
        .path = "/datasource/by-uuid/[uuid]/set_channel",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [&sources, record_of](const Request& r) {
                const std::string& uuid = r.param("uuid");
                auto current = sources.find(uuid);
                if (!current) throw HttpError(404, "no datasource with UUID " + uuid);
                if (const Value* channel = r.option("channel")) {
                    // A single channel locks the source; the other keys are ignored (per the doc).
                    if (channel->kind() != Value::Kind::String && channel->kind() != Value::Kind::Int &&
                        channel->kind() != Value::Kind::UInt)
                        throw HttpError(400, "channel must be a string such as \"6\" or \"6HT40+\"");
                    const std::string ch =
                        channel->kind() == Value::Kind::String ? channel->as_string() : std::to_string(channel->as_int());
                    source_call([&] { sources.set_channel(uuid, ch); });
                    return Reply::value(record_of(uuid));
                }
                double rate = hop_rate_option(r);
                std::vector<std::string> channels;
                if (const Value* list = r.option("channels")) channels = string_items(*list, "channels");
                if (channels.empty() && rate == 0)
                    throw HttpError(400, "set_channel needs 'channel', or 'channels' and/or 'hoprate' (or 'rate')");
                if (channels.empty()) channels = hop_list_of(current->status);
                if (rate == 0) rate = hop_rate_of(*current, sources);
                source_call([&] { sources.set_hop(uuid, rate, channels); });
                return Reply::value(record_of(uuid));
            },
        .description = "locks a source to a channel, or sets its hopping",
    });
    services.routes.add(Route{
        .methods = GET | POST, // as Kismet's: a bare command with nothing to send
        .path = "/datasource/by-uuid/[uuid]/set_hop",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [&sources, record_of](const Request& r) {
                const std::string& uuid = r.param("uuid");
                auto current = sources.find(uuid);
                if (!current) throw HttpError(404, "no datasource with UUID " + uuid);
                source_call([&] { sources.set_hop(uuid, hop_rate_of(*current, sources), hop_list_of(current->status)); });
                return Reply::value(record_of(uuid));
            },
        .description = "resumes hopping with the source's channels and rate",
    });
}

std::function<Value(const SourceSnapshot&)> source_record_renderer(FieldRegistryImpl& fields)
{
    return [source = SourceFields(fields), driver = DriverFields(fields)](const SourceSnapshot& s) {
        return source.record(s, driver);
    };
}

} // namespace airsight::core
