// Remote ID drones of the simulated world. Each flies a circle around its
// take-off point (where its operator stands) at a steady height and speed,
// airborne from before the world's start, so where it is at any moment is a
// formula (drone_pose) that tests compare decoded positions with.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_DRONES_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_DRONES_H

#include "prng.h"

#include <airsight/mac.h>

#include <cstdint>
#include <string>

namespace airsight::sim {

/// 100 TU, as the APs: a Remote ID beacon (a full message pack) each.
inline constexpr std::uint64_t kDroneBeaconIntervalUsec = 102'400;

struct Drone {
    std::string serial;       // ANSI/CTA-2063-A serial number (Basic ID, ID type 1)
    std::uint8_t ua_type = 2; // F3411 UA type: 1 aeroplane, 2 helicopter or multirotor, 4 hybrid VTOL
    std::string operator_id;  // Operator ID message (type 0)
    MacAddr wifi_mac;         // sends the Remote ID beacons (its own BSSID)
    MacAddr ble_address;      // static random, for BLE legacy advertising
    int channel = 6;          // the Wi-Fi channel of its beacons
    std::uint32_t freq_mhz = 0;
    int signal_dbm = -70;

    // The path. Angles in degrees, distances in metres, WGS84.
    double takeoff_lat = 0, takeoff_lon = 0; // the circle's centre, the operator's place
    double ground_altitude_m = 0;            // geodetic altitude of the take-off point
    double height_m = 0;                     // above the take-off point
    double radius_m = 0;
    double speed_mps = 0;                    // along the circle
    double start_bearing_deg = 0;            // from the centre to the drone at the world's start
    bool clockwise = true;

    std::uint64_t first_beacon_usec = 0; // offset of the first Wi-Fi beacon after the start
    std::uint64_t ble_interval_usec = 0; // between BLE advertising events (100-300 ms)
    std::uint64_t first_ble_usec = 0;
};

struct DronePose {
    double lat = 0, lon = 0;     // degrees
    double altitude_m = 0;       // geodetic
    double height_m = 0;         // above the take-off point
    double speed_mps = 0;        // horizontal
    double vertical_mps = 0;     // level flight: 0
    double direction_deg = 0;    // track over ground, clockwise from true north, [0, 360)
};

/// Where `drone` is `since_start_usec` after the world's start: on its circle,
/// the angle advanced by speed / radius; latitude and longitude from the
/// north and east offsets on a sphere of the WGS84 equatorial radius (metres
/// to degrees, exact enough over a few hundred metres).
DronePose drone_pose(const Drone& drone, std::uint64_t since_start_usec);

/// Drone `index` of the world, on `channel`; the rest comes from `prng`. The
/// caller picks the addresses (unique in the world).
Drone make_drone(int index, int channel, const MacAddr& wifi_mac, const MacAddr& ble_address, Prng& prng);

} // namespace airsight::sim

#endif
