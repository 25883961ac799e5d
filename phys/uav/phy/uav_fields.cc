#include "phy/uav_fields.h"

namespace airsight::uav {

UavFields::UavFields(FieldRegistry& r)
    : location(r),
      device(r.add("uav.device", FieldType::Object, "UAV device")),
      manufacturer(r.add("uav.manufacturer", FieldType::String, "Manufacturer")),
      model(r.add("uav.model", FieldType::String, "Model")),
      serialnumber(r.add("uav.serialnumber", FieldType::String, "Serial number")),
      telemetry_history(r.add("uav.telemetry_history", FieldType::Vector, "Previous telemetry location data")),
      last_telemetry(r.add("uav.last_telemetry", FieldType::Object, "Last drone telemetry location")),
      telemetry_entry(r.add("uav.telemetry_entry", FieldType::Object, "historical telemetry")),
      match_type(r.add("uav.match_type", FieldType::String, "Match type (drone characteristics)")),
      home_location(r.add("uav.telemetry.home_location", FieldType::Object, "UAV takeoff/home location")),
      app_location(r.add("uav.telemetry.app_location", FieldType::Object, "UAV app/operator location")),
      matched_rule(r.add("uav.type", FieldType::Object, "Matching rules for Wi-Fi devices")),
      t_location(r.add("uav.telemetry.location", FieldType::Object, "UAV GPS location")),
      t_timestamp(r.add("uav.telemetry.timestamp", FieldType::Double, "timestamp (sec.usec)")),
      t_yaw(r.add("uav.telemetry.yaw", FieldType::Double, "yaw")),
      t_pitch(r.add("uav.telemetry.pitch", FieldType::Double, "pitch")),
      t_roll(r.add("uav.telemetry.roll", FieldType::Double, "roll")),
      t_height(r.add("uav.telemetry.height", FieldType::Double, "height above ground")),
      t_v_north(r.add("uav.telemetry.v_north", FieldType::Double, "velocity relative to n/s")),
      t_v_east(r.add("uav.telemetry.v_east", FieldType::Double, "velocity relative to e/w")),
      t_v_up(r.add("uav.telemetry.v_up", FieldType::Double, "velocity relative to up/down")),
      t_motor_on(r.add("uav.telemetry.motor_on", FieldType::UInt8, "device reports motor enabled")),
      t_airborne(r.add("uav.telemetry.airborne", FieldType::UInt8, "device reports UAV is airborne")),
      m_match_name(r.add("uav_match_name", FieldType::String, "Match name")),
      m_name(r.add("uav.manufmatch.name", FieldType::String, "Matched manufacturer name")),
      m_model(r.add("uav.manufmatch.model", FieldType::String, "Matched model name")),
      m_mac(r.add("uav.manufmatch.mac", FieldType::MacAddr, "Matching mac address fragment")),
      m_ssid_regex(r.add("uav.manufmatch.ssid_regex", FieldType::String, "Matching SSID regex")),
      m_partial(r.add("uav.manufmatch.partial", FieldType::UInt8, "Allow partial matches (only manuf or only ssid)")),
      rid_ua_type(r.add("uav.remoteid.ua_type", FieldType::UInt8, "Remote ID UA type (0 none, 2 helicopter or multirotor, ...)")),
      rid_id_type(r.add("uav.remoteid.id_type", FieldType::UInt8, "Remote ID type of the serial (1 serial number, 2 CAA registration, 3 UTM, 4 session)")),
      rid_status(r.add("uav.remoteid.status", FieldType::UInt8, "Remote ID operational status (1 ground, 2 airborne, 3 emergency, 4 failure)")),
      rid_operator_id(r.add("uav.remoteid.operator_id", FieldType::String, "Remote ID operator ID")),
      rid_self_id(r.add("uav.remoteid.self_id", FieldType::String, "Remote ID self-ID description")),
      rid_operator_location_type(r.add("uav.remoteid.operator_location_type", FieldType::UInt8, "Remote ID operator location (0 take-off, 1 live GNSS, 2 fixed)")),
      rid_auth_type(r.add("uav.remoteid.auth_type", FieldType::UInt8, "Remote ID authentication type of the last page")),
      rid_auth_pages(r.add("uav.remoteid.auth_pages", FieldType::UInt64, "Remote ID authentication pages received")),
      rid_protocol_version(r.add("uav.remoteid.protocol_version", FieldType::UInt8, "Remote ID protocol version (0 F3411-19, 1 F3411-20, 2 F3411-22)")),
      decode_errors(r.add("uav.decode_errors", FieldType::UInt64, "UAV messages from this device that were truncated, impossible or of an unknown type"))
{
}

} // namespace airsight::uav
