// Kismet's location records (kismet.common.location.*) as served: a fix as
// the "full" record (/gps/location, kismet.gps.location), as a triplet
// (kismet.alert.location, the corners and centre of a device's record), and
// a LocationRecord as kismet.device.base.location (loc_fix, min_loc,
// max_loc, avg_loc, last). The position is `geopoint`, [lon, lat].
#ifndef AIRSIGHT_CORE_DEVICES_LOCATION_FIELDS_H
#define AIRSIGHT_CORE_DEVICES_LOCATION_FIELDS_H

#include <airsight/field.h>
#include <airsight/location.h>
#include <airsight/location_fields.h>
#include <airsight/value.h>

#include <optional>

namespace airsight::core {

/// The SDK's GpsFixFields (geopoint, alt, fix, time, speed, heading; point(),
/// triplet(), full()) and the device record's members.
struct LocationFields : GpsFixFields {
    explicit LocationFields(FieldRegistry& registry);

    const Field& loc_fix;
    const Field& min_loc;
    const Field& max_loc;
    const Field& avg_loc;
    const Field& last;
    const Field& device_location; // kismet.device.base.location

    /// Kismet's triplet of an unset location: geopoint [0, 0] only.
    Value empty() const;
    /// kismet.device.base.location.
    Value record(const LocationRecord& r) const;
    /// One member of record() (Null when absent), for field queries.
    Value record_member(const LocationRecord& r, const Field& f) const;
};

} // namespace airsight::core

#endif
