// DJI DroneID: the vendor IE (OUI 26:37:12) DJI's older drones put in their
// Wi-Fi beacons, decoded as Kismet reads it (dot11_ie_221_dji_droneid):
// subcommand 0x10 flight telemetry, 0x11 the user's flight purpose entry.
//
// Layout after the OUI and its vendor type byte: two unknown bytes, the
// subcommand, the record. Telemetry, version 1 and 2: version, sequence, state bits, serial
// (16), longitude and latitude (in 1/174533 degree: radians x 1e7), then
// (v1) altitude, height, velocity N/E/up, pitch, roll, yaw, home longitude and
// latitude, product type; (v2) height in 0.1 m, altitude, velocity N/E/up,
// yaw, GPS time, operator latitude and longitude, home longitude and
// latitude, product type. Velocities are in cm/s, angles in 0.01 degree.
// A record too short for the fields after the position keeps the position
// (Kismet reads no more than that).
#ifndef AIRSIGHT_PHYS_UAV_DECODE_DJI_DRONEID_H
#define AIRSIGHT_PHYS_UAV_DECODE_DJI_DRONEID_H

#include "decode/bytes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace airsight::uav {

inline constexpr std::uint32_t kDjiDroneIdOui = 0x263712;

struct DjiFlightTelemetry {
    std::uint8_t version = 0;
    std::uint16_t sequence = 0;
    std::uint16_t state = 0;
    std::optional<std::string> serial;      // state bit 0
    std::optional<double> lat, lon;         // state bit 6 (GPS valid)
    std::optional<double> altitude;         // bit 7, meters
    std::optional<double> height;           // bit 8, meters above take-off
    std::optional<double> v_north, v_east;  // bit 9, m/s
    std::optional<double> v_up;             // bit 10, m/s
    std::optional<double> pitch, roll;      // v1, bit 11, degrees
    std::optional<double> yaw;              // degrees
    std::optional<double> home_lat, home_lon; // not 0
    std::optional<double> app_lat, app_lon;   // v2, the pilot's app, not 0
    std::optional<std::uint8_t> product_type;
    bool motor_on() const { return state & 0x10; }
    bool airborne() const { return state & 0x20; }
};

struct DjiUserEntry {
    std::string serial;
    std::string drone_id;
    std::string purpose;
};

struct DjiDroneId {
    std::uint8_t subcommand = 0;
    /// Subcommand 0 with an all-zero record: Mavic firmware V01.04.0100 and
    /// V01.04.0200 send these (Kismet names the model "(Broken firmware)").
    bool broken_firmware = false;
    std::optional<DjiFlightTelemetry> telemetry;
    std::optional<DjiUserEntry> user_entry;
    unsigned truncated = 0;  // too short for its header or the subcommand's fixed part
    unsigned impossible = 0; // a position past the poles or the antimeridian (left empty)
    unsigned unknown = 0;    // another subcommand, or an unknown telemetry version (position only)
};

/// `payload`: the IE's bytes after the OUI and the vendor type byte.
DjiDroneId decode_dji_droneid(Bytes payload);

/// Kismet's product names ("Mavic Pro" for 16); "Unknown (N)" otherwise.
std::string dji_product_name(std::uint8_t product_type);

} // namespace airsight::uav

#endif
