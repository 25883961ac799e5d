// serialize-bench: how fast device-like records go out as .json and .ekjson,
// through a field spec and whole. Prints figures; asserts nothing.
//
//   serialize-bench [records]     (default 100000)
#include "fields/field_registry.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "query/field_spec.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::core;
using FT = FieldType;

namespace {

// The fields of a synthetic device, registered once.
struct DeviceFields {
    explicit DeviceFields(FieldRegistryImpl& r)
    {
        for (const char* n : {"key", "macaddr", "name", "commonname", "type", "manuf", "phyname", "channel",
                              "crypt"})
            strings.push_back(&r(std::string("kismet.device.base.") + n, FT::String, n));
        for (const char* n : {"first_time", "last_time", "mod_time", "packets.total", "packets.rx_total",
                              "packets.tx_total", "packets.llc", "packets.error", "packets.data",
                              "packets.crypt", "datasize", "basic_type_set", "basic_crypt_set"})
            uints.push_back(&r(std::string("kismet.device.base.") + n, FT::UInt64, n));
        frequency = &r("kismet.device.base.frequency", FT::Double, "frequency");
        num_alerts = &r("kismet.device.base.num_alerts", FT::UInt32, "number of alerts");
        signal = &r("kismet.device.base.signal", FT::Object, "signal data");
        for (const char* n : {"last_signal", "min_signal", "max_signal", "last_noise", "min_noise", "max_noise"})
            signal_ints.push_back(&r(std::string("kismet.common.signal.") + n, FT::Int32, n));
        maxseenrate = &r("kismet.common.signal.maxseenrate", FT::Double, "max seen rate");
        signal_type = &r("kismet.common.signal.type", FT::String, "signal type");
        ssids = &r("dot11.device.advertised_ssid_map", FT::Vector, "advertised SSIDs");
        ssid = &r("dot11.advertisedssid.ssid", FT::String, "SSID");
        ssidlen = &r("dot11.advertisedssid.ssidlen", FT::UInt32, "SSID length");
        beaconrate = &r("dot11.advertisedssid.beaconrate", FT::UInt32, "beacon rate");
    }
    std::vector<const Field*> strings, uints, signal_ints;
    const Field *frequency, *num_alerts, *signal, *maxseenrate, *signal_type, *ssids, *ssid, *ssidlen,
        *beaconrate;
};

Value make_device(const DeviceFields& f, std::size_t i)
{
    Value d = Value::object();
    char mac[32];
    std::snprintf(mac, sizeof mac, "00:11:22:%02zX:%02zX:%02zX", (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF);
    for (const Field* s : f.strings) d.set(*s, s->name.substr(19) + "-" + mac);
    for (std::size_t k = 0; k < f.uints.size(); ++k) d.set(*f.uints[k], static_cast<unsigned long>(i * 31 + k * 1000003));
    d.set(*f.frequency, 2412000.0 + static_cast<double>(i % 13) * 5000.5);
    d.set(*f.num_alerts, static_cast<unsigned>(i % 3));
    Value sig = Value::object();
    for (std::size_t k = 0; k < f.signal_ints.size(); ++k) sig.set(*f.signal_ints[k], -40 - static_cast<int>((i + k) % 50));
    sig.set(*f.maxseenrate, 54.0 + static_cast<double>(i % 7) / 4);
    sig.set(*f.signal_type, "dbm");
    d.set(*f.signal, std::move(sig));
    Value ssids = Value::array();
    for (int k = 0; k < 2; ++k) {
        Value s = Value::object();
        s.set(*f.ssid, "Network " + std::to_string(i) + (k ? " guest" : ""));
        s.set(*f.ssidlen, 12u);
        s.set(*f.beaconrate, 10u);
        ssids.push(std::move(s));
    }
    d.set(*f.ssids, std::move(ssids));
    return d;
}

void report(const char* label, std::size_t records, const std::function<void(std::string&)>& run)
{
    std::string out;
    const auto t0 = std::chrono::steady_clock::now();
    run(out);
    const std::chrono::duration<double> secs = std::chrono::steady_clock::now() - t0;
    std::printf("%-16s records=%zu bytes=%zu seconds=%.3f records/s=%.0f MB/s=%.1f\n", label, records, out.size(),
                secs.count(), static_cast<double>(records) / secs.count(),
                static_cast<double>(out.size()) / 1e6 / secs.count());
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    FieldRegistryImpl registry;
    const DeviceFields fields(registry);
    std::vector<Value> devices;
    devices.reserve(count);
    for (std::size_t i = 0; i < count; ++i) devices.push_back(make_device(fields, i));

    const FieldSpec spec = parse_field_spec(
        parse_json(R"(["kismet.device.base.macaddr", "kismet.device.base.name",
                       "kismet.device.base.signal/kismet.common.signal.last_signal",
                       ["kismet.device.base.packets.total", "packets"], "kismet.device.base.frequency"])"),
        registry);

    auto list = [&](auto writer_tag, bool projected) {
        return [&, projected](std::string& out) {
            typename decltype(writer_tag)::type w(out);
            w.begin_array();
            for (const Value& d : devices) projected ? write_projected(w, d, spec) : w.value(d);
            w.end_array();
        };
    };
    struct Json { using type = JsonWriter; };
    struct Ek { using type = EkJsonWriter; };
    report("spec .json", count, list(Json{}, true));
    report("spec .ekjson", count, list(Ek{}, true));
    report("full .json", count, list(Json{}, false));
    report("full .ekjson", count, list(Ek{}, false));
    return 0;
}
