#include "drones.h"

#include <cmath>

namespace airsight::sim {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadiusM = 6'378'137.0; // WGS84 equatorial radius
constexpr double kDeg = kPi / 180.0;

// Flying fields near the virtual GPS of the examples (Seattle), so a map shows them together.
constexpr double kBaseLat = 47.6205, kBaseLon = -122.3493;

// ANSI/CTA-2063-A manufacturer codes (4 characters) to start serial numbers with.
constexpr const char* kManufacturerCodes[] = {"1581", "1596", "1748", "1669"};
constexpr std::uint8_t kUaTypes[] = {2, 2, 1, 4}; // mostly multirotors

std::string random_chars(Prng& prng, std::size_t n, const char* alphabet, std::size_t alphabet_size)
{
    std::string s(n, ' ');
    for (char& c : s) c = alphabet[prng.below(alphabet_size)];
    return s;
}

} // namespace

DronePose drone_pose(const Drone& d, std::uint64_t since_start_usec)
{
    const double seconds = static_cast<double>(since_start_usec) / 1e6;
    const double swept_deg = d.speed_mps * seconds / d.radius_m / kDeg;
    const double bearing = d.start_bearing_deg + (d.clockwise ? swept_deg : -swept_deg);
    const double north = d.radius_m * std::cos(bearing * kDeg);
    const double east = d.radius_m * std::sin(bearing * kDeg);
    DronePose p;
    p.lat = d.takeoff_lat + north / kEarthRadiusM / kDeg;
    p.lon = d.takeoff_lon + east / (kEarthRadiusM * std::cos(d.takeoff_lat * kDeg)) / kDeg;
    p.height_m = d.height_m;
    p.altitude_m = d.ground_altitude_m + d.height_m;
    p.speed_mps = d.speed_mps;
    p.vertical_mps = 0;
    // The track is tangent to the circle: a quarter turn ahead of the bearing.
    double track = std::fmod(bearing + (d.clockwise ? 90.0 : -90.0), 360.0);
    if (track < 0) track += 360.0;
    p.direction_deg = track;
    return p;
}

Drone make_drone(int index, int channel, const MacAddr& wifi_mac, const MacAddr& ble_address, Prng& prng)
{
    static constexpr char kUpperDigits[] = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"; // CTA-2063-A leaves out I and O
    static constexpr char kLowerDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    Drone d;
    // Serial: manufacturer code, a length character (1-9, A-F for 10-15), then the serial itself.
    const std::size_t length = 8 + prng.below(8);
    d.serial = std::string(kManufacturerCodes[prng.below(std::size(kManufacturerCodes))]) +
               "0123456789ABCDEF"[length] + random_chars(prng, length, kUpperDigits, sizeof kUpperDigits - 1);
    d.ua_type = kUaTypes[static_cast<std::size_t>(index) % std::size(kUaTypes)];
    // An EU-style operator registration: country, then 12 characters.
    d.operator_id = "FIN" + random_chars(prng, 12, kLowerDigits, sizeof kLowerDigits - 1);
    d.wifi_mac = wifi_mac;
    d.ble_address = ble_address;
    d.channel = channel;
    d.signal_dbm = static_cast<int>(prng.between(-85, -50));
    d.takeoff_lat = kBaseLat + static_cast<double>(prng.between(-200'000, 200'000)) * 1e-7;
    d.takeoff_lon = kBaseLon + static_cast<double>(prng.between(-200'000, 200'000)) * 1e-7;
    d.ground_altitude_m = static_cast<double>(prng.between(20, 150));
    d.height_m = static_cast<double>(prng.between(30, 120));
    d.radius_m = static_cast<double>(prng.between(50, 300));
    d.speed_mps = static_cast<double>(prng.between(20, 60)) / 4; // 5-15 m/s in the encoder's 0.25 m/s steps
    d.start_bearing_deg = static_cast<double>(prng.below(360));
    d.clockwise = prng.chance(50);
    d.first_beacon_usec = prng.below(kDroneBeaconIntervalUsec);
    d.ble_interval_usec = static_cast<std::uint64_t>(prng.between(100, 300)) * 1'000;
    d.first_ble_usec = prng.below(d.ble_interval_usec);
    return d;
}

} // namespace airsight::sim
