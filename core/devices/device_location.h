// A device's kismet.device.base.location: a DeviceComponent the tracker adds
// the first time a packet the device sent carries a fix. Devices never heard
// with a fix have none, and cost nothing more (the component list keeps one
// entry inline, the PHY's; a located device's list moves to the heap).
#ifndef AIRSIGHT_CORE_DEVICES_DEVICE_LOCATION_H
#define AIRSIGHT_CORE_DEVICES_DEVICE_LOCATION_H

#include "devices/location_fields.h"

#include <airsight/devices.h>

namespace airsight::core {

class DeviceLocation final : public DeviceComponent {
public:
    explicit DeviceLocation(const LocationFields& fields) : fields_(fields) {}

    /// Adds a packet's fix, at most once per local second, as Kismet does
    /// (a busy device must not cost a trigonometric average per frame).
    void add(const GpsFix& fix, std::int64_t now_sec)
    {
        if (now_sec == last_update_sec_) return;
        last_update_sec_ = now_sec;
        record_.add(fix);
    }
    const LocationRecord& record() const { return record_; }

    Value to_value() const override { return fields_.record(record_); }
    Value member(const Field& field) const override { return fields_.record_member(record_, field); }

private:
    const LocationFields& fields_;
    LocationRecord record_;
    std::int64_t last_update_sec_ = -1;
};

} // namespace airsight::core

#endif
