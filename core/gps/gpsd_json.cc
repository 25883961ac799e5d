#include "gps/gpsd_json.h"

#include "json/json_parser.h"

#include <cmath>

namespace airsight::core {
namespace {

GpsdReport malformed(std::string why)
{
    GpsdReport r;
    r.kind = GpsdReport::Malformed;
    r.text = std::move(why);
    return r;
}

// A member as a finite number, or nothing when absent; throws on a non-number.
std::optional<double> number(const Value& object, std::string_view key)
{
    const Value* v = object.find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) throw std::invalid_argument("'" + std::string(key) + "' is not a number");
    const double d = v->as_double();
    if (!std::isfinite(d)) throw std::invalid_argument("'" + std::string(key) + "' is not finite");
    return d;
}

GpsdReport tpv(const Value& o)
{
    GpsdReport r;
    r.kind = GpsdReport::Tpv;
    const std::optional<double> mode = number(o, "mode");
    if (!mode || *mode < 0 || *mode > 3) return malformed("TPV without a mode of 0-3");
    r.mode = static_cast<std::uint8_t>(*mode);
    if (r.mode < 2) return r;
    const std::optional<double> lat = number(o, "lat"), lon = number(o, "lon");
    if (!lat || !lon) return malformed("TPV with a fix but no lat/lon");
    if (std::fabs(*lat) > 90 || std::fabs(*lon) > 180) return malformed("TPV lat/lon out of range");
    GpsFix f;
    f.fix = r.mode;
    f.lat = *lat;
    f.lon = *lon;
    // gpsd 3.20+ sends altMSL (and altHAE) beside the deprecated alt.
    if (r.mode == 3) {
        if (const auto msl = number(o, "altMSL")) f.alt = *msl;
        else if (const auto alt = number(o, "alt")) f.alt = *alt;
    }
    if (const auto speed = number(o, "speed")) f.speed = *speed * 3.6;
    if (const auto track = number(o, "track")) f.heading = *track;
    r.fix = f;
    return r;
}

GpsdReport sky(const Value& o)
{
    GpsdReport r;
    r.kind = GpsdReport::Sky;
    if (const auto used = number(o, "uSat")) {
        r.satellites_used = static_cast<int>(*used);
        return r;
    }
    const Value* satellites = o.find("satellites");
    if (satellites && satellites->kind() == Value::Kind::Array)
        for (std::size_t i = 0; i < satellites->size(); ++i) {
            const Value& s = satellites->at(i);
            if (s.kind() != Value::Kind::Map) continue;
            const Value* used = s.find("used");
            if (used && used->kind() == Value::Kind::Bool && used->as_bool()) ++r.satellites_used;
        }
    return r;
}

} // namespace

GpsdReport parse_gpsd_line(std::string_view line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    Value o;
    try {
        o = parse_json(line);
    } catch (const JsonParseError& e) {
        return malformed(e.what());
    }
    if (o.kind() != Value::Kind::Map) return malformed("not a JSON object");
    const Value* cls = o.find("class");
    if (!cls || cls->kind() != Value::Kind::String) return malformed("no \"class\"");
    try {
        if (cls->as_string() == "TPV") return tpv(o);
        if (cls->as_string() == "SKY") return sky(o);
    } catch (const std::invalid_argument& e) {
        return malformed(cls->as_string() + ": " + e.what());
    }
    GpsdReport r;
    if (cls->as_string() == "VERSION") {
        r.kind = GpsdReport::Version;
        if (const Value* release = o.find("release"); release && release->kind() == Value::Kind::String)
            r.text = release->as_string();
    }
    return r;
}

} // namespace airsight::core
