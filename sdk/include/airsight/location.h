// airsight SDK: GPS positions.
//
// The server's GPS tracker (core/gps, configured with Kismet's gps= lines)
// keeps the best current fix. When a GPS is configured, the packet chain hands
// every packet that fix (Packet::location, nullptr when there is none), the
// device tracker keeps each transmitter's LocationRecord
// (kismet.device.base.location), and an alert records where it was raised.
#ifndef AIRSIGHT_LOCATION_H
#define AIRSIGHT_LOCATION_H

#include <cmath>
#include <cstdint>

namespace airsight {

/// One position, as a GPS reported it (Kismet's kis_gps_packinfo).
struct GpsFix {
    double lat = 0, lon = 0; // degrees
    double alt = 0;          // meters; meaningful with a 3D fix
    double speed = 0;        // km/h
    double heading = 0;      // degrees from true north
    /// Kismet's fix: 0/1 none, 2 = 2D (lat/lon), 3 = 3D (and altitude).
    std::uint8_t fix = 0;
    /// When the server received it (wall clock).
    std::int64_t time_sec = 0;
    std::uint32_t time_usec = 0;

    bool valid() const { return fix >= 2; }
    bool operator==(const GpsFix&) const = default;
};

/// A corner or centre of a LocationRecord (kismet.common.location triplet:
/// geopoint, alt only when known, fix and time only where Kismet sets them).
struct LocationPoint {
    double lat = 0, lon = 0;
    double alt = 0;
    bool has_alt = false;
};

/// What a device, an SSID or a client remembers of where it was heard
/// (Kismet's kis_tracked_location, kismet.common.location.*): the last
/// position, the bounding box, and the average. Only fixes of 2D or better
/// count. The arithmetic follows Kismet's add_loc / add_loc_with_avg: the
/// box ignores coordinates of exactly 0 (Kismet's "unset"), altitudes count
/// with a 3D fix only, and the average is the centre of the unit vectors of
/// the positions (so it is right across the antimeridian), its altitude the
/// mean of the 3D fixes.
struct LocationRecord {
    std::uint8_t loc_fix = 0;   // best fix seen
    GpsFix last;                // kismet.common.location.last
    LocationPoint min, max;     // min_loc, max_loc
    LocationPoint avg;          // avg_loc
    std::uint8_t avg_fix = 0;
    std::int64_t avg_time_sec = 0;
    std::uint32_t avg_time_usec = 0;
    double agg_x = 0, agg_y = 0, agg_z = 0, agg_alt = 0;
    std::uint64_t num_avg = 0, num_alt_avg = 0;
    bool has_box = false; // min/max hold a position

    bool seen() const { return loc_fix >= 2; }

    void add(const GpsFix& f)
    {
        if (f.fix < 2) return;
        if (f.fix > loc_fix) loc_fix = f.fix;
        last = f;
        if (f.lat != 0 && f.lon != 0) {
            if (!has_box || f.lat < min.lat || min.lat == 0) min.lat = f.lat;
            if (!has_box || f.lat > max.lat || max.lat == 0) max.lat = f.lat;
            if (!has_box || f.lon < min.lon || min.lon == 0) min.lon = f.lon;
            if (!has_box || f.lon > max.lon || max.lon == 0) max.lon = f.lon;
            has_box = true;
        }
        if (f.fix > 2 && f.alt != 0) {
            if (!min.has_alt || f.alt < min.alt || min.alt == 0) min.alt = f.alt;
            if (!max.has_alt || f.alt > max.alt || max.alt == 0) max.alt = f.alt;
            min.has_alt = max.has_alt = true;
        }

        constexpr double kRad = 3.14159265358979323846 / 180.0;
        if (f.lat != 0 && f.lon != 0) {
            agg_x += std::cos(f.lat * kRad) * std::cos(f.lon * kRad);
            agg_y += std::cos(f.lat * kRad) * std::sin(f.lon * kRad);
            agg_z += std::sin(f.lat * kRad);
            ++num_avg;
        }
        if (f.fix > 2) {
            agg_alt += f.alt;
            ++num_alt_avg;
        }
        const double alt = num_alt_avg > 0 ? agg_alt / static_cast<double>(num_alt_avg) : 0;
        if (num_avg > 1) {
            const double n = static_cast<double>(num_avg);
            const double x = agg_x / n, y = agg_y / n, z = agg_z / n;
            avg.lon = std::atan2(y, x) / kRad;
            avg.lat = std::atan2(z, std::sqrt(x * x + y * y)) / kRad;
            avg_fix = num_alt_avg > 0 ? 3 : 2;
        } else {
            avg.lat = f.lat;
            avg.lon = f.lon;
            avg_fix = f.fix;
        }
        avg.alt = alt;
        avg.has_alt = true;
        avg_time_sec = f.time_sec;
        avg_time_usec = f.time_usec;
    }
};

} // namespace airsight

#endif
