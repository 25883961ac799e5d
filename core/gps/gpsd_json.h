// gpsd's JSON protocol (https://gpsd.io/gpsd_json.html), the lines a client
// reads after "?WATCH={"enable":true,"json":true}": VERSION on connect, then
// TPV (time-position-velocity) and SKY (satellites) reports, among others.
// Each line is untrusted: a malformed one is a status with the reason.
#ifndef AIRSIGHT_CORE_GPS_GPSD_JSON_H
#define AIRSIGHT_CORE_GPS_GPSD_JSON_H

#include <airsight/location.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace airsight::core {

/// What a client sends to gpsd to receive JSON reports.
inline constexpr std::string_view kGpsdWatch = "?WATCH={\"enable\":true,\"json\":true};\n";

struct GpsdReport {
    enum Kind { Version, Tpv, Sky, Other, Malformed } kind = Other;
    /// TPV: mode 0 (unknown), 1 (no fix), 2 (2D), 3 (3D); the position when
    /// mode is 2 or 3 (time not set; speed in km/h, gpsd sends m/s).
    std::uint8_t mode = 0;
    std::optional<GpsFix> fix;
    /// SKY: satellites used in the solution.
    int satellites_used = 0;
    /// VERSION: gpsd's release; Malformed: why.
    std::string text;
};

GpsdReport parse_gpsd_line(std::string_view line);

} // namespace airsight::core

#endif
