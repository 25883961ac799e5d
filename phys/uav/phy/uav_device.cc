#include "phy/uav_device.h"

namespace airsight::uav {

void UavDevice::add_telemetry(const UavTelemetry& t)
{
    last_telemetry = t;
    history.push_back(t);
    if (history.size() > kHistory) history.pop_front();
}

Value UavDevice::location(const GpsFix& l) const { return fields_->location.full(l); }

Value UavDevice::telemetry(const UavTelemetry& t) const
{
    const UavFields& f = *fields_;
    Value v = Value::object();
    v.set(f.t_location, location(t.location));
    v.set(f.t_timestamp, t.timestamp);
    v.set(f.t_yaw, t.yaw);
    v.set(f.t_pitch, t.pitch);
    v.set(f.t_roll, t.roll);
    v.set(f.t_height, t.height);
    v.set(f.t_v_north, t.v_north);
    v.set(f.t_v_east, t.v_east);
    v.set(f.t_v_up, t.v_up);
    v.set(f.t_motor_on, std::uint64_t{t.motor_on});
    v.set(f.t_airborne, std::uint64_t{t.airborne});
    return v;
}

Value UavDevice::member(const Field& field) const
{
    const UavFields& f = *fields_;
    if (&field == &f.manufacturer) return manufacturer;
    if (&field == &f.model) return model;
    if (&field == &f.serialnumber) return serial;
    if (&field == &f.match_type) return match_type;
    if (&field == &f.last_telemetry) return last_telemetry ? telemetry(*last_telemetry) : Value();
    if (&field == &f.home_location) return location(home);
    if (&field == &f.app_location) return location(app);
    return DeviceComponent::member(field);
}

Value UavDevice::to_value() const
{
    const UavFields& f = *fields_;
    Value v = Value::object();
    v.set(f.manufacturer, manufacturer);
    v.set(f.model, model);
    v.set(f.serialnumber, serial);
    v.set(f.match_type, match_type);
    // Kismet's dynamic fields: present once there is something to show.
    if (last_telemetry) v.set(f.last_telemetry, telemetry(*last_telemetry));
    Value list = Value::array();
    for (const UavTelemetry& t : history) list.push(telemetry(t));
    v.set(f.telemetry_history, std::move(list));
    v.set(f.home_location, location(home));
    v.set(f.app_location, location(app));
    if (matched_rule) v.set(f.matched_rule, matched_rule->to_value(f));
    v.set(f.rid_ua_type, std::uint64_t{ua_type});
    v.set(f.rid_id_type, std::uint64_t{id_type});
    v.set(f.rid_status, std::uint64_t{status});
    v.set(f.rid_operator_id, operator_id);
    v.set(f.rid_self_id, self_id);
    v.set(f.rid_operator_location_type, std::uint64_t{operator_location_type});
    v.set(f.rid_auth_type, std::uint64_t{auth_type});
    v.set(f.rid_auth_pages, auth_pages);
    v.set(f.rid_protocol_version, std::uint64_t{protocol_version});
    v.set(f.decode_errors, decode_errors);
    return v;
}

} // namespace airsight::uav
