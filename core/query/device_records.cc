#include "query/device_records.h"

#include "util/local_clock.h"

#include <algorithm>

namespace airsight::core {

DeviceRecords::DeviceRecords(FieldRegistryImpl& f, std::string server_uuid)
    : server_uuid_(std::move(server_uuid)),
      key_(f("kismet.device.base.key", FieldType::DeviceKey, "unique device key across phy and server")),
      macaddr_(f("kismet.device.base.macaddr", FieldType::MacAddr, "mac address")),
      name_(f("kismet.device.base.name", FieldType::String, "printable device name")),
      commonname_(f("kismet.device.base.commonname", FieldType::String, "common name alias of custom or device names")),
      server_uuid_field_(f("kismet.server.uuid", FieldType::Uuid, "unique server UUID")),
      basic_type_set_(f("kismet.device.base.basic_type_set", FieldType::UInt64, "bitset of basic type")),
      crypt_(f("kismet.device.base.crypt", FieldType::String, "printable basic encryption information")),
      basic_crypt_set_(f("kismet.device.base.basic_crypt_set", FieldType::UInt64, "bitset of basic encryption")),
      first_time_(f("kismet.device.base.first_time", FieldType::UInt64, "first time seen time_t")),
      last_time_(f("kismet.device.base.last_time", FieldType::UInt64, "last time seen time_t")),
      mod_time_(f("kismet.device.base.mod_time", FieldType::UInt64, "timestamp of last seen time (local clock)")),
      packets_total_(f("kismet.device.base.packets.total", FieldType::UInt64, "total packets seen of all types")),
      packets_rx_(f("kismet.device.base.packets.rx_total", FieldType::UInt64, "total received packets (addressed to this device) seen of all types")),
      packets_tx_(f("kismet.device.base.packets.tx_total", FieldType::UInt64, "total transmitted packets seen of all types")),
      packets_llc_(f("kismet.device.base.packets.llc", FieldType::UInt64, "observed protocol control packets")),
      packets_error_(f("kismet.device.base.packets.error", FieldType::UInt64, "corrupt/error packets")),
      packets_data_(f("kismet.device.base.packets.data", FieldType::UInt64, "data packets")),
      packets_crypt_(f("kismet.device.base.packets.crypt", FieldType::UInt64, "data packets using encryption")),
      packets_filtered_(f("kismet.device.base.packets.filtered", FieldType::UInt64, "packets dropped by filter")),
      datasize_(f("kismet.device.base.datasize", FieldType::UInt64, "transmitted data in bytes")),
      packets_rrd_(f("kismet.device.base.packets.rrd", FieldType::Object, "packet rate rrd")),
      channel_(f("kismet.device.base.channel", FieldType::String, "channel (phy specific)")),
      frequency_(f("kismet.device.base.frequency", FieldType::Double, "frequency")),
      freq_khz_map_(f("kismet.device.base.freq_khz_map", FieldType::DoubleMap, "packets seen per frequency (khz)")),
      num_alerts_(f("kismet.device.base.num_alerts", FieldType::UInt32, "number of alerts on this device")),
      seenby_(f("kismet.device.base.seenby", FieldType::IntMap, "sources that have seen this device")),
      phyname_(f("kismet.device.base.phyname", FieldType::String, "phy name")),
      manuf_(f("kismet.device.base.manuf", FieldType::String, "manufacturer name")),
      signal_(f("kismet.device.base.signal", FieldType::Object, "signal data")),
      type_(f("kismet.device.base.type", FieldType::String, "printable device type")),
      username_(f("kismet.device.base.username", FieldType::String, "user name")),
      tags_(f("kismet.device.base.tags", FieldType::StringMap, "set of arbitrary tags, including user notes")),
      sig_type_(f("kismet.common.signal.type", FieldType::String, "signal type")),
      sig_last_(f("kismet.common.signal.last_signal", FieldType::Int32, "most recent signal")),
      sig_last_noise_(f("kismet.common.signal.last_noise", FieldType::Int32, "most recent noise")),
      sig_min_(f("kismet.common.signal.min_signal", FieldType::Int32, "minimum signal")),
      sig_min_noise_(f("kismet.common.signal.min_noise", FieldType::Int32, "minimum noise")),
      sig_max_(f("kismet.common.signal.max_signal", FieldType::Int32, "maximum signal")),
      sig_max_noise_(f("kismet.common.signal.max_noise", FieldType::Int32, "maximum noise")),
      sig_maxrate_(f("kismet.common.signal.maxseenrate", FieldType::Double, "maximum observed data rate (phy dependent)")),
      sig_encoding_(f("kismet.common.signal.encodingset", FieldType::UInt64, "bitset of observed encodings")),
      sig_carrier_(f("kismet.common.signal.carrierset", FieldType::UInt64, "bitset of observed carrier types")),
      sig_rrd_(f("kismet.common.signal.signal_rrd", FieldType::Object, "past minute of signal data")),
      seen_source_number_(f("airsight.common.seenby.source_number", FieldType::UInt64, "number of the source (kismet.datasource.source_number)")),
      seen_first_(f("kismet.common.seenby.first_time", FieldType::UInt64, "first time seen time_t")),
      seen_last_(f("kismet.common.seenby.last_time", FieldType::UInt64, "last time seen time_t")),
      seen_packets_(f("kismet.common.seenby.num_packets", FieldType::UInt64, "number of packets seen by this device")),
      seen_signal_(f("kismet.common.seenby.signal", FieldType::Object, "signal data")),
      rrd_fields_(f)
{
    base_order_ = {&key_,          &macaddr_,      &name_,           &commonname_,    &server_uuid_field_,
                   &basic_type_set_, &crypt_,      &basic_crypt_set_, &first_time_,   &last_time_,
                   &mod_time_,     &packets_total_, &packets_rx_,    &packets_tx_,     &packets_llc_,
                   &packets_error_, &packets_data_, &packets_crypt_, &packets_filtered_, &datasize_,
                   &packets_rrd_,
                   &channel_,      &frequency_,    &freq_khz_map_,   &num_alerts_,    &seenby_,
                   &phyname_,      &manuf_,        &signal_,         &type_,          &username_,
                   &tags_};
    signal_order_ = {&sig_type_, &sig_last_, &sig_last_noise_, &sig_min_, &sig_min_noise_,
                     &sig_max_, &sig_max_noise_, &sig_maxrate_, &sig_encoding_, &sig_carrier_, &sig_rrd_};
}

Value DeviceRecords::signal_member(const SignalStats& s, const SignalRrd* rrd, const Field& f) const
{
    if (&f == &sig_type_) return "dbm";
    if (&f == &sig_last_) return s.last_signal;
    if (&f == &sig_last_noise_) return s.last_noise;
    if (&f == &sig_min_) return s.min_signal;
    if (&f == &sig_min_noise_) return s.min_noise;
    if (&f == &sig_max_) return s.max_signal;
    if (&f == &sig_max_noise_) return s.max_noise;
    if (&f == &sig_maxrate_) return s.max_seen_rate;
    if (&f == &sig_encoding_) return s.encoding_set;
    if (&f == &sig_carrier_) return s.carrier_set;
    if (&f == &sig_rrd_) return rrd && !rrd->empty() ? rrd_fields_.minute_record(*rrd, local_now_sec()) : Value();
    return Value();
}

Value DeviceRecords::signal_record(const SignalStats& s, const SignalRrd* rrd) const
{
    Value v = Value::object();
    for (const Field* f : signal_order_) {
        Value m = signal_member(s, rrd, *f);
        if (!m.is_null()) v.set(*f, std::move(m));
    }
    return v;
}

// One top-level member; Null when the device has none (absent, as in Kismet).
Value DeviceRecords::member(const Device& d, const std::string& phy_name, const Field& f) const
{
    if (&f == &key_) return d.key.str();
    if (&f == &macaddr_) return d.mac.str();
    if (&f == &name_) return d.name;
    if (&f == &commonname_) return !d.username.empty() ? d.username : !d.name.empty() ? d.name : d.mac.str();
    if (&f == &server_uuid_field_) return server_uuid_;
    if (&f == &basic_type_set_) return d.basic_type_set;
    if (&f == &crypt_) return d.crypt;
    if (&f == &basic_crypt_set_) return d.basic_crypt_set;
    if (&f == &first_time_) return d.first_time;
    if (&f == &last_time_) return d.last_time;
    if (&f == &mod_time_) return d.mod_time;
    if (&f == &packets_total_) return d.packets.total;
    if (&f == &packets_rx_) return d.packets.rx_total;
    if (&f == &packets_tx_) return d.packets.tx_total;
    if (&f == &packets_llc_) return d.packets.llc;
    if (&f == &packets_error_) return d.packets.error;
    if (&f == &packets_data_) return d.packets.data;
    if (&f == &packets_crypt_) return d.packets.crypt;
    if (&f == &packets_filtered_) return d.packets.filtered;
    if (&f == &datasize_) return d.datasize;
    if (&f == &packets_rrd_) return rrd_fields_.record(d.packets_rrd, local_now_sec());
    if (&f == &channel_) return d.channel;
    if (&f == &frequency_) return d.frequency;
    if (&f == &freq_khz_map_) {
        Value m = Value::map();
        for (const auto& [khz, count] : d.freq_khz_map) m.append(std::to_string(khz), count);
        return m;
    }
    if (&f == &num_alerts_) return d.num_alerts;
    if (&f == &seenby_) {
        Value list = Value::array();
        for (const SeenBy& s : d.seenby) {
            Value v = Value::object();
            v.set(seen_source_number_, std::uint64_t{s.source_number});
            v.set(seen_first_, s.first_time);
            v.set(seen_last_, s.last_time);
            v.set(seen_packets_, s.packets);
            if (s.signal.valid) v.set(seen_signal_, signal_record(s.signal, nullptr));
            list.push(std::move(v));
        }
        return list;
    }
    if (&f == &phyname_) return phy_name;
    if (&f == &manuf_) return std::string(d.manuf);
    if (&f == &signal_) return d.signal.valid ? signal_record(d.signal, &d.signal_rrd) : Value();
    if (&f == &type_) return d.type;
    if (&f == &username_) return d.username.empty() ? Value() : Value(d.username);
    if (&f == &tags_) {
        if (d.tags.empty()) return Value();
        Value m = Value::map();
        for (const auto& [k, v] : d.tags) m.append(k, v);
        return m;
    }
    for (const auto& [field, component] : d.components)
        if (field == &f) return component->to_value();
    return Value();
}

Value DeviceRecords::record(const Device& d, const std::string& phy_name) const
{
    Value v = Value::object();
    for (const Field* f : base_order_) {
        Value m = member(d, phy_name, *f);
        if (!m.is_null()) v.set(*f, std::move(m));
    }
    for (const auto& [field, component] : d.components) v.set(*field, component->to_value());
    return v;
}

Value DeviceRecords::sparse_record(const Device& d, const std::string& phy_name,
                                   const std::vector<WantedField>& wanted) const
{
    Value v = Value::object();
    for (const WantedField& w : wanted) {
        const DeviceComponent* component = nullptr;
        for (const auto& [field, c] : d.components)
            if (field == w.field) component = c.get();
        if (component && !w.members.empty()) {
            Value partial = Value::object();
            for (const Field* m : w.members) {
                Value value = component->member(*m);
                if (!value.is_null()) partial.set(*m, std::move(value));
            }
            v.set(*w.field, std::move(partial));
            continue;
        }
        if (w.field == &signal_ && !w.members.empty()) { // a summary's signal/last_signal: not the other nine
            if (!d.signal.valid) continue;
            Value partial = Value::object();
            for (const Field* m : w.members) {
                Value value = signal_member(d.signal, &d.signal_rrd, *m);
                if (!value.is_null()) partial.set(*m, std::move(value));
            }
            v.set(*w.field, std::move(partial));
            continue;
        }
        Value m = member(d, phy_name, *w.field);
        if (!m.is_null()) v.set(*w.field, std::move(m));
    }
    return v;
}

Value DeviceRecords::resolve(const Device& d, const std::string& phy_name, const FieldPath& path) const
{
    const Field* top = path.steps.front().field;
    if (!top) return Value();
    if (path.steps.size() == 1) return member(d, phy_name, *top);
    const PathStep& second = path.steps[1];
    if (path.steps.size() == 2 && second.field && !second.data_key) {
        if (top == &signal_) return d.signal.valid ? signal_member(d.signal, &d.signal_rrd, *second.field) : Value();
        for (const auto& [field, component] : d.components)
            if (field == top) return component->member(*second.field);
    }
    // A deeper path: the top-level member whole, then the rest of the path in it.
    Value whole = member(d, phy_name, *top);
    if (whole.is_null()) return whole;
    Value holder = Value::object();
    holder.set(*top, std::move(whole));
    const Value* found = resolve_path(holder, path);
    return found ? *found : Value();
}

} // namespace airsight::core
