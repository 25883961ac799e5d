// /devices/... and /phy/all_phys: the device tracker over
// REST, with Kismet's paths, options and field names.
#include "endpoints/endpoints.h"
#include "util/local_clock.h"

#include "json/json_parser.h"
#include "query/device_lists.h"
#include "query/field_spec.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace airsight::core {
namespace {

DeviceKey key_param(const Request& r)
{
    auto key = DeviceKey::parse(r.param("KEY"));
    if (!key) throw HttpError(400, "'" + r.param("KEY") + "' is not a device key (like 4202770D00000000_554433221100)");
    return *key;
}

// One device's whole record, or 404.
Value device_record(DeviceTrackerImpl& devices, const DeviceListsImpl& lists, const DeviceKey& key)
{
    Value record;
    if (!devices.with_key(key, [&](Device& d) { record = lists.record(d); }))
        throw HttpError(404, "no device with key " + key.str());
    return record;
}

// A MAC, or MAC/mask ("AA:BB:CC:00:00:00/FF:FF:FF:00:00:00"), from multimac.
struct MacMatcher {
    std::uint64_t value = 0, mask = 0xffffffffffffULL;
    bool matches(const MacAddr& m) const { return (m.value() & mask) == (value & mask); }
};

MacMatcher parse_mac_matcher(const Value& v)
{
    if (v.kind() != Value::Kind::String) throw HttpError(400, "devices must be a list of MAC strings");
    const std::string& s = v.as_string();
    const std::size_t slash = s.find('/');
    auto mac = MacAddr::parse(std::string_view(s).substr(0, slash));
    if (!mac) throw HttpError(400, "'" + s + "' is not a MAC address or MAC/mask");
    MacMatcher m;
    m.value = mac->value();
    if (slash != std::string::npos) {
        auto mask = MacAddr::parse(std::string_view(s).substr(slash + 1));
        if (!mask) throw HttpError(400, "'" + s + "' has a malformed mask");
        m.mask = mask->value();
    }
    return m;
}

// A device list, or one window of it when the request is a web UI's table
// (DataTables' datatable=true, or Kismet's paged table; query/table_request.h).
Reply list_or_table(const Request& r, DeviceListsImpl& lists, FunctionRef<bool(const Device&)> select)
{
    DeviceListOptions options = lists.options(r);
    if (auto table = parse_table_request(r, options.query.spec, lists.registry()))
        return lists.table(*table, std::move(options), select);
    return lists.list(std::move(options), select);
}

} // namespace

void register_device_endpoints(Services& services)
{
    DeviceTrackerImpl& devices = services.devices;
    DeviceListsImpl& lists = services.device_lists;
    FieldRegistryImpl& registry = services.fields;

    services.routes.add(Route{
        .methods = POST,
        .path = "/devices/summary/devices",
        .formats = LIST_FORMATS,
        .handler =
            [&lists](const Request& r) {
                const Value* wrapper = r.option("wrapper");
                if (wrapper && wrapper->kind() != Value::Kind::String) throw HttpError(400, "wrapper must be a string");
                Reply list = list_or_table(r, lists, nullptr);
                if (!wrapper) return list;
                return Reply::stream([inner = list.body, name = wrapper->as_string()](Writer& w) {
                    w.begin_object();
                    w.key(name, nullptr);
                    inner(w);
                    w.end_object();
                });
            },
        .description = "every device, with fields, regex and an optional wrapper",
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/devices/all_devices",
        .formats = LIST_FORMATS,
        .handler = [&lists](const Request& r) { return lists.list(r, nullptr); },
        .description = "every device, whole",
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/devices/last-time/[TS]/devices",
        .formats = LIST_FORMATS,
        .handler =
            [&lists](const Request& r) {
                const double since = parse_timestamp_param(r.param("TS"), wall_clock_now());
                const std::uint64_t bound = seconds_bound(since);
                return lists.list(r, [bound](const Device& d) { return d.mod_time >= bound; });
            },
        .description = "devices changed since TS (negative: seconds before now)",
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/devices/by-key/[KEY]/device",
        .formats = OBJECT_FORMATS,
        .handler = [&devices, &lists](const Request& r) { return Reply::value(device_record(devices, lists, key_param(r))); },
        .description = "one device",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/devices/by-key/[KEY]/device.json/[*PATH]",
        .formats = JSON,
        .handler =
            [&devices, &lists, &registry](const Request& r) {
                FieldPath path;
                try {
                    path = parse_field_path(r.param("PATH"), registry);
                } catch (const QueryError& e) {
                    throw HttpError(400, e.what());
                }
                const Value record = device_record(devices, lists, key_param(r));
                const Value* sub = resolve_path(record, path);
                if (!sub) throw HttpError(404, "device " + r.param("KEY") + " has no " + r.param("PATH"));
                return Reply::value(*sub);
            },
        .description = "one field or sub-record of a device",
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/devices/by-mac/[MAC]/devices",
        .formats = LIST_FORMATS,
        .handler =
            [&lists](const Request& r) {
                auto mac = MacAddr::parse(r.param("MAC"));
                if (!mac) throw HttpError(400, "'" + r.param("MAC") + "' is not a MAC address");
                return lists.list(r, [m = *mac](const Device& d) { return d.mac == m; });
            },
        .description = "devices with this MAC, on every PHY",
    });
    services.routes.add(Route{
        .methods = POST,
        .path = "/devices/multimac/devices",
        .formats = LIST_FORMATS,
        .handler =
            [&lists](const Request& r) {
                const Value* list = r.option("devices");
                if (!list || list->kind() != Value::Kind::Array)
                    throw HttpError(400, "multimac needs 'devices': a list of MACs or MAC/masks");
                std::vector<MacMatcher> matchers;
                for (std::size_t i = 0; i < list->size(); ++i) matchers.push_back(parse_mac_matcher(list->at(i)));
                return lists.list(r, [&matchers](const Device& d) {
                    return std::any_of(matchers.begin(), matchers.end(), [&](const MacMatcher& m) { return m.matches(d.mac); });
                });
            },
        .description = "devices matching any of a list of MACs or MAC/masks",
    });
    services.routes.add(Route{
        .methods = POST | GET,
        .path = "/devices/by-phy/[PHY]/devices",
        .formats = LIST_FORMATS,
        .handler =
            [&devices, &lists](const Request& r) {
                const std::string& name = r.param("PHY");
                std::uint32_t id = 0;
                for (const PhyInfo& p : devices.phys())
                    if (p.name == name) id = p.id;
                if (!id) throw HttpError(404, "no PHY named '" + name + "' (see /phy/all_phys.json)");
                return lists.list(r, [id](const Device& d) { return d.phy_id == id; });
            },
        .description = "devices of one PHY, with fields, regex and last_time",
    });

    // Views: every device, one per PHY, and what plugins add.
    const Field& view_id = registry("kismet.devices.view.id", FieldType::String, "View ID/Endpoint");
    const Field& view_desc = registry("kismet.devices.view.description", FieldType::String, "List description");
    const Field& view_size = registry("kismet.devices.view.size", FieldType::UInt64, "Number of devices in list");
    const Field& view_indexed = registry("kismet.devices.view.indexed", FieldType::UInt8, "Index view in normal displays");
    services.routes.add(Route{
        .methods = GET,
        .path = "/devices/views/all_views",
        .formats = LIST_FORMATS,
        .handler =
            [&devices, &view_id, &view_desc, &view_size, &view_indexed](const Request&) {
                Value list = Value::array();
                auto add = [&](const std::string& id, const std::string& description,
                               const std::function<bool(const Device&)>& select) {
                    std::uint64_t n = 0;
                    devices.visit_devices([&](const Device& d) { n += (!select || select(d)) ? 1 : 0; });
                    Value v = Value::object();
                    v.set(view_id, id);
                    v.set(view_desc, description);
                    v.set(view_size, n);
                    v.set(view_indexed, 1u);
                    list.push(std::move(v));
                };
                add("all", "All devices", nullptr);
                for (const PhyInfo& p : devices.phys())
                    add("phy-" + p.name, p.name + " devices", [id = p.id](const Device& d) { return d.phy_id == id; });
                for (const DeviceView& v : devices.views()) add(v.id, v.description, v.select);
                return Reply::value(std::move(list));
            },
        .description = "the device views",
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/devices/views/[VIEW]/devices",
        .formats = LIST_FORMATS,
        .handler =
            [&devices, &lists](const Request& r) {
                const std::string& id = r.param("VIEW");
                if (id == "all") return list_or_table(r, lists, nullptr);
                for (const PhyInfo& p : devices.phys())
                    if (id == "phy-" + p.name)
                        return list_or_table(r, lists, [pid = p.id](const Device& d) { return d.phy_id == pid; });
                for (const DeviceView& v : devices.views())
                    if (v.id == id) return list_or_table(r, lists, [&v](const Device& d) { return !v.select || v.select(d); });
                throw HttpError(404, "no device view '" + id + "' (see /devices/views/all_views.json)");
            },
        .description = "the devices of one view, with fields, regex and last_time; a window of them for a web UI's table "
                       "(datatable=true with start/length/search[value]/order, or page/length/sort/sort_dir/search)",
    });

    // Editing: set_name and set_tag (LOGIN REQUIRED).
    services.routes.add(Route{
        .methods = POST,
        .path = "/devices/by-key/[KEY]/set_name",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [&devices, &lists](const Request& r) {
                const Value* name = r.option("username");
                if (!name || name->kind() != Value::Kind::String)
                    throw HttpError(400, "set_name needs a 'username' string");
                const DeviceKey key = key_param(r);
                if (!devices.with_key(key, [&](Device& d) { d.username = name->as_string(); }))
                    throw HttpError(404, "no device with key " + key.str());
                return Reply::value(device_record(devices, lists, key));
            },
        .description = "sets a device's user name",
    });
    services.routes.add(Route{
        .methods = POST,
        .path = "/devices/by-key/[KEY]/set_tag",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [&devices, &lists](const Request& r) {
                const Value* tag = r.option("tagname");
                const Value* value = r.option("tagvalue");
                if (!tag || tag->kind() != Value::Kind::String || tag->as_string().empty())
                    throw HttpError(400, "set_tag needs a 'tagname' string");
                if (!value || value->kind() != Value::Kind::String)
                    throw HttpError(400, "set_tag needs a 'tagvalue' string");
                const DeviceKey key = key_param(r);
                const bool found = devices.with_key(key, [&](Device& d) {
                    for (auto& [k, v] : d.tags)
                        if (k == tag->as_string()) {
                            v = value->as_string();
                            return;
                        }
                    d.tags.emplace_back(tag->as_string(), value->as_string());
                });
                if (!found) throw HttpError(404, "no device with key " + key.str());
                return Reply::value(device_record(devices, lists, key));
            },
        .description = "sets a tag on a device",
    });

    // PHYs.
    const Field& phy_name = registry("kismet.phy.phy_name", FieldType::String, "Phy name (consistent across executions)");
    const Field& phy_id = registry("kismet.phy.phy_id", FieldType::UInt32, "Phy ID (dynamic runtime index, may change between executions)");
    const Field& phy_devices = registry("kismet.phy.device_count", FieldType::UInt64, "Devices present in phy");
    const Field& phy_packets = registry("kismet.phy.packet_count", FieldType::UInt64, "Packets seen in phy");
    services.routes.add(Route{
        .methods = GET,
        .path = "/phy/all_phys",
        .formats = LIST_FORMATS,
        .handler =
            [&devices, &phy_name, &phy_id, &phy_devices, &phy_packets](const Request&) {
                Value list = Value::array();
                for (const PhyInfo& p : devices.phys()) {
                    Value v = Value::object();
                    v.set(phy_name, p.name);
                    v.set(phy_id, p.id);
                    v.set(phy_devices, p.devices);
                    v.set(phy_packets, p.packets);
                    list.push(std::move(v));
                }
                return Reply::value(std::move(list));
            },
        .description = "every PHY with its device and packet counts",
        .field_query = true,
    });
}

} // namespace airsight::core
