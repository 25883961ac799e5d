#include "gps/nmea_parser.h"

#include <airsight/hex.h>

#include <array>
#include <charconv>
#include <cstdint>

namespace airsight::core {
namespace {

constexpr double kKnotsToKmh = 1.852;

// Splits "a,b,,c" into at most N fields; fields past N are dropped.
template <std::size_t N> struct Fields {
    std::array<std::string_view, N> f{};
    std::size_t count = 0;

    explicit Fields(std::string_view s)
    {
        while (count < N) {
            const std::size_t comma = s.find(',');
            f[count++] = s.substr(0, comma);
            if (comma == std::string_view::npos) break;
            s.remove_prefix(comma + 1);
        }
    }
    std::string_view operator[](std::size_t i) const { return i < count ? f[i] : std::string_view(); }
};

std::optional<double> number(std::string_view s)
{
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    if (!(v == v) || v > 1e9 || v < -1e9) return std::nullopt; // NaN, absurd
    return v;
}

// "ddmm.mmmm" / "dddmm.mmmm" and its hemisphere into signed degrees.
std::optional<double> coordinate(std::string_view text, std::string_view hemisphere, int degree_digits,
                                 char positive, char negative)
{
    if (text.size() < static_cast<std::size_t>(degree_digits) + 2 || hemisphere.size() != 1) return std::nullopt;
    int degrees = 0;
    for (int i = 0; i < degree_digits; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        degrees = degrees * 10 + (text[i] - '0');
    }
    const std::string_view minutes_text = text.substr(degree_digits);
    if (minutes_text.front() < '0' || minutes_text.front() > '9') return std::nullopt;
    const std::optional<double> minutes = number(minutes_text);
    if (!minutes || *minutes >= 60) return std::nullopt;
    double value = degrees + *minutes / 60.0;
    if (value > (degree_digits == 2 ? 90.0 : 180.0)) return std::nullopt;
    if (hemisphere[0] == negative) value = -value;
    else if (hemisphere[0] != positive) return std::nullopt;
    return value;
}

} // namespace

std::string_view nmea_status_name(NmeaStatus status)
{
    switch (status) {
    case NmeaStatus::Position: return "position";
    case NmeaStatus::NoFix: return "no fix";
    case NmeaStatus::Ignored: return "ignored";
    case NmeaStatus::MissingChecksum: return "missing checksum";
    case NmeaStatus::BadChecksum: return "bad checksum";
    case NmeaStatus::Malformed: return "malformed";
    }
    return "unknown";
}

NmeaStatus NmeaParser::feed(std::string_view line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.size() < 7 || line.size() > 200 || (line[0] != '$' && line[0] != '!')) return NmeaStatus::Malformed;
    for (char c : line)
        if (c < 0x20 || c > 0x7e) return NmeaStatus::Malformed; // binary: not NMEA

    const std::size_t star = line.rfind('*');
    if (star == std::string_view::npos) return NmeaStatus::MissingChecksum;
    if (star + 3 != line.size()) return NmeaStatus::Malformed;
    const int high = hex_digit_value(line[star + 1]), low = hex_digit_value(line[star + 2]);
    if (high < 0 || low < 0) return NmeaStatus::Malformed;
    std::uint8_t sum = 0;
    for (char c : line.substr(1, star - 1)) sum ^= static_cast<std::uint8_t>(c);
    if (sum != high * 16 + low) return NmeaStatus::BadChecksum;

    const std::string_view body = line.substr(1, star - 1);
    const std::size_t comma = body.find(',');
    const std::string_view address = body.substr(0, comma);
    // A talker ("GP", "GN", "GL", ...) and a sentence type of three letters.
    if (address.size() != 5 || comma == std::string_view::npos) return NmeaStatus::Malformed;
    for (char c : address)
        if (c < 'A' || c > 'Z') return NmeaStatus::Malformed;
    const std::string_view type = address.substr(2);
    const std::string_view fields = body.substr(comma + 1);
    if (type == "GGA") return gga(fields);
    if (type == "RMC") return rmc(fields);
    if (type == "GSA") return gsa(fields);
    if (type == "VTG") return vtg(fields);
    return NmeaStatus::Ignored;
}

// GGA: time, lat, N/S, lon, E/W, quality, satellites, HDOP, altitude, M, ...
NmeaStatus NmeaParser::gga(std::string_view text)
{
    const Fields<14> f(text);
    if (f.count < 10) return NmeaStatus::Malformed;
    const std::optional<double> quality = number(f[5]);
    if (!quality) return f[5].empty() ? NmeaStatus::NoFix : NmeaStatus::Malformed;
    if (*quality == 0) {
        fix_.fix = 0;
        return NmeaStatus::NoFix;
    }
    const auto lat = coordinate(f[1], f[2], 2, 'N', 'S');
    const auto lon = coordinate(f[3], f[4], 3, 'E', 'W');
    if (!lat || !lon) return NmeaStatus::Malformed;
    fix_.lat = *lat;
    fix_.lon = *lon;
    const std::optional<double> alt = number(f[8]);
    if (!f[8].empty() && !alt) return NmeaStatus::Malformed;
    if (alt) fix_.alt = *alt;
    // GGA has no 2D/3D; GSA does. Without GSA, an altitude means 3D.
    fix_.fix = gsa_mode_ ? gsa_mode_ : (alt ? 3 : 2);
    return NmeaStatus::Position;
}

// RMC: time, status A/V, lat, N/S, lon, E/W, speed (knots), track, date, ...
NmeaStatus NmeaParser::rmc(std::string_view text)
{
    const Fields<12> f(text);
    if (f.count < 9) return NmeaStatus::Malformed;
    if (f[1] == "V") {
        fix_.fix = 0;
        return NmeaStatus::NoFix;
    }
    if (f[1] != "A") return NmeaStatus::Malformed;
    const auto lat = coordinate(f[2], f[3], 2, 'N', 'S');
    const auto lon = coordinate(f[4], f[5], 3, 'E', 'W');
    if (!lat || !lon) return NmeaStatus::Malformed;
    const std::optional<double> knots = number(f[6]);
    const std::optional<double> track = number(f[7]);
    if ((!f[6].empty() && !knots) || (!f[7].empty() && !track)) return NmeaStatus::Malformed;
    fix_.lat = *lat;
    fix_.lon = *lon;
    if (knots) fix_.speed = *knots * kKnotsToKmh;
    if (track) fix_.heading = *track;
    // RMC says only "valid": keep the 3D a GGA or GSA found.
    if (fix_.fix < 2) fix_.fix = gsa_mode_ ? gsa_mode_ : 2;
    return NmeaStatus::Position;
}

// GSA: selection mode, fix mode 1/2/3, satellites, PDOP, HDOP, VDOP
NmeaStatus NmeaParser::gsa(std::string_view text)
{
    const Fields<3> f(text);
    if (f.count < 2) return NmeaStatus::Malformed;
    if (f[1] == "1") {
        gsa_mode_ = 0;
        fix_.fix = 0;
        return NmeaStatus::NoFix;
    }
    if (f[1] != "2" && f[1] != "3") return NmeaStatus::Malformed;
    gsa_mode_ = static_cast<std::uint8_t>(f[1][0] - '0');
    if (fix_.fix < 2) return NmeaStatus::Ignored; // no position yet: GGA/RMC bring it
    fix_.fix = gsa_mode_;
    return NmeaStatus::Position;
}

// VTG: track true, T, track magnetic, M, speed knots, N, speed km/h, K
NmeaStatus NmeaParser::vtg(std::string_view text)
{
    const Fields<9> f(text);
    if (f.count < 8) return NmeaStatus::Malformed;
    const std::optional<double> track = number(f[0]);
    const std::optional<double> kmh = number(f[6]);
    if ((!f[0].empty() && !track) || (!f[6].empty() && !kmh)) return NmeaStatus::Malformed;
    if (track) fix_.heading = *track;
    if (kmh) fix_.speed = *kmh;
    return fix_.fix >= 2 && (track || kmh) ? NmeaStatus::Position : NmeaStatus::Ignored;
}

} // namespace airsight::core
