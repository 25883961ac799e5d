// /channels/channels: Kismet's channel tracker record (kismet.channeltracker.*),
// per frequency its packets, bytes and devices per second and its signal;
// what the web UI's channel graphs draw. The counting is the ChannelTracker's.
#include "endpoints/endpoints.h"
#include "util/local_clock.h"

#include <string>

namespace airsight::core {

void register_channel_endpoints(Services& services, ChannelTracker& tracker)
{
    services.chain.add_handler(PacketStage::OBSERVE, "channel counts", [&tracker](Packet& p) { tracker.count(p); });
    FieldRegistryImpl& f = services.fields;
    const Field& channel_map = f("kismet.channeltracker.channel_map", FieldType::StringMap, "channel use");
    const Field& frequency_map = f("kismet.channeltracker.frequency_map", FieldType::DoubleMap, "frequency use");
    const Field& channel = f("kismet.channelrec.channel", FieldType::String, "channel");
    const Field& frequency = f("kismet.channelrec.frequency", FieldType::Double, "frequency (khz)");
    const Field& packets_rrd = f("kismet.channelrec.packets_rrd", FieldType::Object, "packets per second");
    const Field& data_rrd = f("kismet.channelrec.data_rrd", FieldType::Object, "bytes per second");
    const Field& device_rrd = f("kismet.channelrec.device_rrd", FieldType::Object, "active devices (heard in the past 30 s)");
    const Field& signal = f("kismet.channelrec.signal", FieldType::Object, "signal of the packets on the frequency");
    const Field& packets = f("airsight.channelrec.packets", FieldType::UInt64, "packets seen on the frequency");
    const Field& bytes = f("airsight.channelrec.bytes", FieldType::UInt64, "bytes seen on the frequency");
    const Field& device_count = f("airsight.channelrec.devices", FieldType::UInt64, "devices heard on the frequency in the past 30 s");
    // The kismet.common.signal.* members a frequency has (no noise, no RRD).
    const Field& sig_type = f("kismet.common.signal.type", FieldType::String, "signal type");
    const Field& sig_last = f("kismet.common.signal.last_signal", FieldType::Int32, "most recent signal");
    const Field& sig_min = f("kismet.common.signal.min_signal", FieldType::Int32, "minimum signal");
    const Field& sig_max = f("kismet.common.signal.max_signal", FieldType::Int32, "maximum signal");
    const RrdFields rrd(f);
    services.routes.add(Route{
        .methods = GET,
        .path = "/channels/channels",
        .formats = OBJECT_FORMATS,
        .handler =
            [&tracker, &channel_map, &frequency_map, &channel, &frequency, &packets_rrd, &data_rrd, &device_rrd,
             &signal, &packets, &bytes, &device_count, &sig_type, &sig_last, &sig_min, &sig_max, rrd](const Request&) {
                const std::int64_t now = local_now_sec();
                Value freqs = Value::map();
                for (const ChannelTracker::Channel& c : tracker.channels()) {
                    Value rec = Value::object();
                    const int ch = wifi_channel_for_mhz(c.khz / 1000);
                    rec.set(channel, ch ? std::to_string(ch) : std::to_string(c.khz / 1000) + "MHz");
                    rec.set(frequency, static_cast<double>(c.khz));
                    rec.set(packets_rrd, rrd.record(c.packets_rrd, now));
                    rec.set(data_rrd, rrd.record(c.data_rrd, now));
                    rec.set(device_rrd, rrd.record(c.device_rrd, now));
                    if (c.signal.last != 0) {
                        Value s = Value::object();
                        s.set(sig_type, "dbm");
                        s.set(sig_last, c.signal.last);
                        s.set(sig_min, c.signal.min);
                        s.set(sig_max, c.signal.max);
                        rec.set(signal, std::move(s));
                    }
                    rec.set(packets, c.packets);
                    rec.set(bytes, c.bytes);
                    rec.set(device_count, static_cast<std::uint64_t>(c.device_rrd.last_value()));
                    freqs.append(std::to_string(c.khz), std::move(rec));
                }
                Value v = Value::object();
                v.set(channel_map, Value::map());
                v.set(frequency_map, std::move(freqs));
                return Reply::value(std::move(v));
            },
        .description = "packets, bytes, devices and signal per frequency, with their RRDs",
        .field_query = true,
    });
}

} // namespace airsight::core
