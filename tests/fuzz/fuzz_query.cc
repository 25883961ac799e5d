// libFuzzer target: field specs ({"fields": [...]}) and regex filters
// ({"regex": [...]}) as a client sends them, parsed against the real dot11
// and core field names, then applied to a device record: the regex matched,
// the record projected and written. Bad specs must end in QueryError (HTTP
// 400), bad JSON in JsonParseError, nothing else.
#include "fields/field_registry.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "query/field_spec.h"
#include "query/regex_filter.h"

#include <cstdint>
#include <string>
#include <string_view>

using namespace airsight;
using namespace airsight::core;

namespace {

// The fields of the fixture record, named as on a real server.
struct Fixture {
    FieldRegistryImpl reg;
    const Field& name = reg("kismet.device.base.name", FieldType::String, "printable device name");
    const Field& packets = reg("kismet.device.base.packets.total", FieldType::UInt64, "total packets");
    const Field& signal = reg("kismet.device.base.signal", FieldType::Object, "signal");
    const Field& last_signal = reg("kismet.common.signal.last_signal", FieldType::Int32, "last signal");
    const Field& tags = reg("kismet.device.base.tags", FieldType::StringMap, "tags");
    const Field& dot11 = reg("dot11.device", FieldType::Object, "IEEE802.11 device");
    const Field& ssids = reg("dot11.device.advertised_ssid_map", FieldType::Vector, "advertised SSIDs");
    const Field& ssid = reg("dot11.advertisedssid.ssid", FieldType::String, "beaconed ssid string");
    const Field& clients = reg("dot11.device.associated_client_map", FieldType::MacMap, "associated clients");
    const Field& client_name = reg("dot11.client.name", FieldType::String, "client name");
    const Field& rate = reg("kismet.common.rrd.last_value", FieldType::Double, "a double");
    Value device;

    Fixture()
    {
        Value list = Value::array();
        for (const char* n : {"lab", "caf\xc3\xa9", "bad\xff utf8", ""}) {
            Value s = Value::object();
            s.set(ssid, n);
            list.push(std::move(s));
        }
        Value client = Value::object();
        client.set(client_name, "laptop");
        Value cmap = Value::map();
        cmap.put("AA:BB:CC:DD:EE:FF", std::move(client));
        Value dot = Value::object();
        dot.set(ssids, std::move(list));
        dot.set(clients, std::move(cmap));
        Value sig = Value::object();
        sig.set(last_signal, -42);
        device = Value::object();
        device.set(dot11, std::move(dot));
        device.set(signal, std::move(sig));
        device.set(name, "Device one");
        device.set(packets, 42u);
        device.set(rate, 0.5);
        Value t = Value::map();
        t.put("owner", "alice");
        device.set(tags, std::move(t));
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const Fixture f;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Value request;
    try {
        request = parse_json(text);
    } catch (const JsonParseError&) {
        return 0;
    }
    for (const char* key : {"fields", "regex"}) {
        const Value* part = request.kind() == Value::Kind::Map ? request.find(key) : nullptr;
        const Value& spec = part ? *part : request;
        try {
            if (key[0] == 'f') {
                const FieldSpec s = parse_field_spec(spec, f.reg);
                std::string out;
                JsonWriter w(out);
                write_projected(w, f.device, s);
                std::string pretty;
                PrettyJsonWriter pw(pretty);
                write_projected(pw, f.device, s);
            } else {
                const RegexFilter r = parse_regex_filter(spec, f.reg);
                (void)r.matches(f.device);
            }
        } catch (const QueryError&) {
        }
    }
    return 0;
}
