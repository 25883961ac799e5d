// The fields of Kismet's UAV records (phy_uav_drone.h: uav.device,
// uav.telemetry.*, uav.manufmatch.*), the location records they share with
// the core (the SDK's GpsFixFields: kismet.common.location.*), and
// airsight's Remote ID additions (uav.remoteid.*: Kismet reads no ASTM
// messages, so these have no Kismet name to follow).
#ifndef AIRSIGHT_PHYS_UAV_PHY_UAV_FIELDS_H
#define AIRSIGHT_PHYS_UAV_PHY_UAV_FIELDS_H

#include <airsight/field.h>
#include <airsight/location_fields.h>

namespace airsight::uav {

struct UavFields {
    explicit UavFields(FieldRegistry& r);

    // kis_tracked_location_full, as the core serves it
    const GpsFixFields location;

    // uav_tracked_device
    const Field& device;
    const Field& manufacturer;
    const Field& model;
    const Field& serialnumber;
    const Field& telemetry_history;
    const Field& last_telemetry;
    const Field& telemetry_entry;
    const Field& match_type;
    const Field& home_location;
    const Field& app_location;
    const Field& matched_rule; // uav.type

    // uav_tracked_telemetry
    const Field& t_location;
    const Field& t_timestamp;
    const Field& t_yaw;
    const Field& t_pitch;
    const Field& t_roll;
    const Field& t_height;
    const Field& t_v_north;
    const Field& t_v_east;
    const Field& t_v_up;
    const Field& t_motor_on;
    const Field& t_airborne;

    // uav_manuf_match
    const Field& m_match_name;
    const Field& m_name;
    const Field& m_model;
    const Field& m_mac;
    const Field& m_ssid_regex;
    const Field& m_partial;

    // Remote ID (ASTM F3411) additions
    const Field& rid_ua_type;
    const Field& rid_id_type;
    const Field& rid_status;
    const Field& rid_operator_id;
    const Field& rid_self_id;
    const Field& rid_operator_location_type;
    const Field& rid_auth_type;
    const Field& rid_auth_pages;
    const Field& rid_protocol_version;
    const Field& decode_errors;
};

} // namespace airsight::uav

#endif
