#include "phy/btle_device.h"

#include "dissect/hci.h"
#include "dissect/names.h"

namespace airsight::btle {
namespace {

std::string_view address_type_name(std::uint8_t t)
{
    switch (t) {
    case address_type::public_device: return "public";
    case address_type::random_device: return "random";
    case address_type::public_identity: return "public identity";
    case address_type::random_identity: return "random identity";
    case address_type::anonymous: return "anonymous";
    default: return "reserved";
    }
}

} // namespace

Value BtleDevice::to_value() const
{
    const BtleFields& f = *fields_;
    Value v = Value::object();
    const std::uint8_t fl = flags.value_or(0);
    v.set(f.le_limited_discoverable, unsigned{(fl & ad_flag::le_limited) != 0});
    v.set(f.le_general_discoverable, unsigned{(fl & ad_flag::le_general) != 0});
    v.set(f.br_edr_unsupported, unsigned{(fl & ad_flag::br_edr_unsupported) != 0});
    v.set(f.simultaneous_br_edr_controller, unsigned{(fl & ad_flag::simultaneous_controller) != 0});
    v.set(f.simultaneous_br_edr_host, unsigned{(fl & ad_flag::simultaneous_host) != 0});
    v.set(f.pdu_type, unsigned{pdu_type});
    v.set(f.random_address, unsigned{random_address});
    v.set(f.pdu_types_seen, pdu_types_seen);
    if (appearance) v.set(f.appearance, unsigned{*appearance});
    Value manuf = Value::map();
    for (const auto& [id, hex] : manufacturer_data) manuf.append(std::to_string(id), hex);
    v.set(f.manufacturer_data, std::move(manuf));
    if (!company.empty()) v.set(f.company, company);
    Value apple = Value::array();
    for (unsigned t = 0; t < 32; ++t)
        if (apple_types & (1u << t)) {
            const std::string_view name = apple_continuity_name(static_cast<std::uint8_t>(t));
            apple.push(name.empty() ? "type " + std::to_string(t) : std::string(name));
        }
    v.set(f.apple_continuity, std::move(apple));
    if (ibeacon) {
        Value b = Value::object();
        b.set(f.ibeacon_uuid, ibeacon->proximity_uuid.str());
        b.set(f.ibeacon_major, unsigned{ibeacon->major});
        b.set(f.ibeacon_minor, unsigned{ibeacon->minor});
        b.set(f.ibeacon_measured_power, int{ibeacon->measured_power});
        v.set(f.ibeacon, std::move(b));
    }
    if (!eddystone_uid.empty() || !eddystone_url.empty() || eddystone_tx_power) {
        Value e = Value::object();
        if (!eddystone_uid.empty()) e.set(f.eddystone_uid, eddystone_uid);
        if (!eddystone_url.empty()) e.set(f.eddystone_url, eddystone_url);
        if (eddystone_tx_power) e.set(f.eddystone_tx_power, int{*eddystone_tx_power});
        v.set(f.eddystone, std::move(e));
    }
    if (!microsoft_device_type.empty()) v.set(f.microsoft_device_type, microsoft_device_type);
    Value conns = Value::map();
    for (const ConnectionRecord& c : connections) {
        Value r = Value::object();
        r.set(f.connection_role, c.central ? "central" : "peripheral");
        r.set(f.connection_access_address, c.access_address);
        r.set(f.connection_interval, unsigned{c.interval});
        r.set(f.connection_first_time, c.first_time);
        r.set(f.connection_last_time, c.last_time);
        conns.append(c.peer.str(), std::move(r));
    }
    v.set(f.connections, std::move(conns));
    v.set(f.not_kept, not_kept);
    return v;
}

Value BluetoothDevice::to_value() const
{
    const BtleFields& f = *fields_;
    Value v = Value::object();
    v.set(f.bt_type, unsigned{type});
    Value services = Value::array();
    for (const Uuid& u : service_uuids) services.push(u.str());
    v.set(f.service_uuid_vec, std::move(services));
    Value solicited = Value::array();
    for (const Uuid& u : solicitation_uuids) solicited.push(u.str());
    v.set(f.solicitation_uuid_vec, std::move(solicited));
    v.set(f.scan_data_bytes, scan_data);
    Value data = Value::map();
    for (const auto& [u, hex] : service_data) data.append(u.str(), hex);
    v.set(f.service_data_bytes, std::move(data));
    v.set(f.txpower, int{txpower.value_or(0)});
    v.set(f.pathloss, int{pathloss.value_or(0)});
    v.set(f.connectable, unsigned{connectable.value_or(false)});
    if (class_of_device) {
        // Kismet declares the classes as strings and never fills them: the
        // major class by name, the minor one as its number (its meaning
        // depends on the major class).
        const auto major = static_cast<std::uint8_t>((*class_of_device >> 8) & 0x1F);
        const std::string_view name = major_device_class_name(major);
        v.set(f.major_class, name.empty() ? "major class " + std::to_string(major) : std::string(name));
        v.set(f.minor_class, std::to_string((*class_of_device >> 2) & 0x3F));
        v.set(f.class_of_device, *class_of_device);
    }
    if (address_type) v.set(f.address_type, std::string(address_type_name(*address_type)));
    return v;
}

} // namespace airsight::btle
