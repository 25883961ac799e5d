#include "devices/location_fields.h"

namespace airsight::core {

LocationFields::LocationFields(FieldRegistry& r)
    : GpsFixFields(r),
      loc_fix(r.add("kismet.common.location.loc_fix", FieldType::UInt8, "location fix precision (2d/3d)")),
      min_loc(r.add("kismet.common.location.min_loc", FieldType::Object, "Minimum corner of bounding rectangle")),
      max_loc(r.add("kismet.common.location.max_loc", FieldType::Object, "Maximume corner of bounding rectangle")),
      avg_loc(r.add("kismet.common.location.avg_loc", FieldType::Object, "Average GPS center of all samples")),
      last(r.add("kismet.common.location.last", FieldType::Object, "Last location")),
      device_location(r.add("kismet.device.base.location", FieldType::Object, "location"))
{
}

Value LocationFields::empty() const
{
    Value v = Value::object();
    v.set(geopoint, point(0, 0));
    return v;
}

Value LocationFields::record_member(const LocationRecord& r, const Field& f) const
{
    if (!r.seen()) return Value();
    auto corner = [&](const LocationPoint& p) {
        Value v = Value::object();
        v.set(geopoint, point(p.lat, p.lon));
        if (p.has_alt) v.set(alt, p.alt);
        return v;
    };
    if (&f == &loc_fix) return std::uint64_t{r.loc_fix};
    if (&f == &min_loc) return corner(r.min);
    if (&f == &max_loc) return corner(r.max);
    if (&f == &avg_loc) {
        Value v = corner(r.avg);
        v.set(fix, std::uint64_t{r.avg_fix});
        v.set(time_sec, static_cast<std::uint64_t>(r.avg_time_sec < 0 ? 0 : r.avg_time_sec));
        v.set(time_usec, std::uint64_t{r.avg_time_usec});
        return v;
    }
    if (&f == &last) {
        // Kismet's last: position, altitude, fix, speed, heading (no time).
        Value v = Value::object();
        v.set(geopoint, point(r.last.lat, r.last.lon));
        v.set(alt, r.last.alt);
        v.set(fix, std::uint64_t{r.last.fix});
        v.set(speed, r.last.speed);
        v.set(heading, r.last.heading);
        return v;
    }
    return Value();
}

Value LocationFields::record(const LocationRecord& r) const
{
    Value v = Value::object();
    for (const Field* f : {&loc_fix, &min_loc, &max_loc, &avg_loc, &last}) {
        Value m = record_member(r, *f);
        if (!m.is_null()) v.set(*f, std::move(m));
    }
    return v;
}

} // namespace airsight::core
