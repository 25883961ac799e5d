// NMEA 0183 from a GPS (serial, or over TCP): GGA, RMC, GSA and VTG, one
// sentence at a time, each checked against its checksum. What it keeps is
// the position those sentences add up to; a caller stamps the time.
//
// Every line is untrusted input (a tty, a socket): a garbled, truncated,
// binary or mis-summed line is a status, never an exception, and changes
// nothing.
#ifndef AIRSIGHT_CORE_GPS_NMEA_PARSER_H
#define AIRSIGHT_CORE_GPS_NMEA_PARSER_H

#include <airsight/location.h>

#include <optional>
#include <string_view>

namespace airsight::core {

enum class NmeaStatus {
    Position,        // the sentence gave or refined a position (fix 2D or 3D)
    NoFix,           // the GPS says it has no fix (GGA quality 0, RMC "V", GSA mode 1)
    Ignored,         // a valid sentence that says nothing about the position
    MissingChecksum, // no "*hh" at the end
    BadChecksum,     // "*hh" does not match the sentence
    Malformed,       // not NMEA, or a field we use does not parse
};

std::string_view nmea_status_name(NmeaStatus status);

class NmeaParser {
public:
    /// One sentence, "$GPGGA,...*hh", with or without its CR LF.
    NmeaStatus feed(std::string_view line);

    /// The position so far, when the GPS has a fix (time not set).
    std::optional<GpsFix> position() const
    {
        if (fix_.fix < 2) return std::nullopt;
        return fix_;
    }

private:
    NmeaStatus gga(std::string_view fields);
    NmeaStatus rmc(std::string_view fields);
    NmeaStatus gsa(std::string_view fields);
    NmeaStatus vtg(std::string_view fields);

    GpsFix fix_;
    std::uint8_t gsa_mode_ = 0; // 2 or 3 once a GSA said so; 0: unknown
};

} // namespace airsight::core

#endif
