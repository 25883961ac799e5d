// airsight SDK: Kismet's location records (kismet.common.location.*) for a
// GpsFix, with one set of field names and types for the core and every
// plugin that serves a position (the uav record's telemetry, say), so the
// same record reads the same wherever it appears.
#ifndef AIRSIGHT_LOCATION_FIELDS_H
#define AIRSIGHT_LOCATION_FIELDS_H

#include <airsight/field.h>
#include <airsight/location.h>
#include <airsight/value.h>

#include <cstdint>

namespace airsight {

struct GpsFixFields {
    /// Registers the fields (or finds them, when another part registered them first).
    explicit GpsFixFields(FieldRegistry& r)
        : geopoint(r.add("kismet.common.location.geopoint", FieldType::Vector, "[lon, lat] point")),
          alt(r.add("kismet.common.location.alt", FieldType::Float, "altitude (meters)")),
          fix(r.add("kismet.common.location.fix", FieldType::UInt8, "gps fix")),
          time_sec(r.add("kismet.common.location.time_sec", FieldType::UInt64, "timestamp (seconds)")),
          time_usec(r.add("kismet.common.location.time_usec", FieldType::UInt64, "timestamp (usec)")),
          speed(r.add("kismet.common.location.speed", FieldType::Float, "speed (kph)")),
          heading(r.add("kismet.common.location.heading", FieldType::Float, "heading (degrees)"))
    {
    }

    const Field& geopoint;
    const Field& alt;
    const Field& fix;
    const Field& time_sec;
    const Field& time_usec;
    const Field& speed;
    const Field& heading;

    /// Kismet's point: [lon, lat].
    static Value point(double lat, double lon)
    {
        Value p = Value::array();
        p.push(lon);
        p.push(lat);
        return p;
    }

    /// kis_tracked_location_triplet: geopoint, alt, fix, time.
    Value triplet(const GpsFix& f) const
    {
        Value v = Value::object();
        v.set(geopoint, point(f.lat, f.lon));
        v.set(alt, f.alt);
        v.set(fix, std::uint64_t{f.fix});
        v.set(time_sec, static_cast<std::uint64_t>(f.time_sec < 0 ? 0 : f.time_sec));
        v.set(time_usec, std::uint64_t{f.time_usec});
        return v;
    }

    /// kis_tracked_location_full: the triplet, speed and heading.
    Value full(const GpsFix& f) const
    {
        Value v = triplet(f);
        v.set(speed, f.speed);
        v.set(heading, f.heading);
        return v;
    }
};

} // namespace airsight

#endif
