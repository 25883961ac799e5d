// An ASTM F3411-22a Remote ID encoder (protocol version 2), written from the
// standard's message tables: every message is 25 bytes, a header (type in
// the high nibble, version in the low) and 24 bytes of body; a message pack
// (type 0xF) carries several. The simulator's drones send them in Wi-Fi
// beacons (vendor IE FA:0B:BC type 0x0D) and BLE service data 0xFFFA.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_REMOTE_ID_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_REMOTE_ID_H

#include "bytes.h"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace airsight::sim::rid {

inline constexpr std::size_t kMessageSize = 25;
inline constexpr std::uint8_t kProtocolVersion = 2;
/// The application code before the counter in BLE service data 0xFFFA and the
/// Wi-Fi vendor IE's OUI type: "Open Drone ID".
inline constexpr std::uint8_t kAppCode = 0x0D;

enum class Type : std::uint8_t { BasicId = 0x0, Location = 0x1, System = 0x4, OperatorId = 0x5, Pack = 0xF };

using Message = std::array<std::uint8_t, kMessageSize>;

// Field encodings (F3411 Table 7 and the like), exposed for tests.
/// Degrees as int32 in units of 1e-7, rounded to the nearest.
std::int32_t encode_lat_lon(double degrees);
/// Metres as uint16 in 0.5 m units offset by -1000 m (0: unknown), rounded, clamped.
std::uint16_t encode_altitude(double metres);
/// Horizontal speed: 0.25 m/s steps up to 63.75 m/s, then 0.75 m/s steps with the multiplier flag.
struct SpeedCode {
    std::uint8_t value = 0;
    bool multiplier = false;
};
SpeedCode encode_speed(double mps);
/// Direction: whole degrees 0-179, with the E/W flag adding 180.
struct DirectionCode {
    std::uint8_t value = 0;
    bool east_west = false;
};
DirectionCode encode_direction(double degrees);

struct Location {
    std::uint8_t status = 2;     // 0 undeclared, 1 ground, 2 airborne
    double direction_deg = 0;    // track over ground
    double speed_mps = 0;
    double vertical_mps = 0;
    double lat = 0, lon = 0;
    double altitude_geo_m = 0;   // geodetic; the pressure altitude is sent as unknown
    double height_m = 0;         // above the take-off point
    std::uint64_t time_usec = 0; // Unix time of the position; sent as tenths of a second after the hour
};

struct System {
    std::uint8_t operator_location_type = 0; // 0 take-off, 1 live GNSS, 2 fixed
    double operator_lat = 0, operator_lon = 0;
    double operator_altitude_geo_m = 0;
    std::uint64_t time_usec = 0; // Unix time; sent as seconds since 2019-01-01 00:00 UTC
};

/// Basic ID: ID type (1 serial number) and UA type, the ID NUL padded to 20 bytes.
Message basic_id(std::uint8_t id_type, std::uint8_t ua_type, std::string_view uas_id);
Message location(const Location& l);
/// System: one aircraft in a zero-radius area with unknown ceiling and floor, class undeclared.
Message system(const System& s);
/// Operator ID of type 0, NUL padded to 20 bytes.
Message operator_id(std::string_view id);

/// A message pack: header, message size (25), count, the messages (at most 9).
void append_pack(ByteSink& out, std::span<const Message> messages);

} // namespace airsight::sim::rid

#endif
