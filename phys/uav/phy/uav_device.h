// Kismet's uav.device record, attached to the device (of the PHY that carries
// the drone's frames, dot11) whose frames told us about a drone: who made it,
// its serial, where it is and was, where its pilot is.
#ifndef AIRSIGHT_PHYS_UAV_PHY_UAV_DEVICE_H
#define AIRSIGHT_PHYS_UAV_PHY_UAV_DEVICE_H

#include "phy/uav_fields.h"
#include "phy/uav_match.h"

#include <airsight/devices.h>
#include <airsight/location.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace airsight::uav {

/// uav_tracked_telemetry: one report of the drone's own position.
struct UavTelemetry {
    GpsFix location; // the drone's position; time: the packet's
    double timestamp = 0; // the packet's time, seconds
    double yaw = 0, pitch = 0, roll = 0;
    double height = 0;    // meters above take-off or ground
    double v_north = 0, v_east = 0, v_up = 0; // m/s
    bool motor_on = false, airborne = false;
};

class UavDevice : public DeviceComponent {
public:
    static constexpr std::size_t kHistory = 128; // Kismet keeps the last 128 reports

    explicit UavDevice(std::shared_ptr<const UavFields> fields) : fields_(std::move(fields)) {}

    Value to_value() const override;
    Value member(const Field& field) const override;

    /// Records a report as the last one and in the history (oldest dropped).
    void add_telemetry(const UavTelemetry& t);

    std::string manufacturer, model, serial, match_type;
    std::optional<UavTelemetry> last_telemetry;
    std::deque<UavTelemetry> history;
    GpsFix home, app; // times: the packet's that told them
    std::shared_ptr<const UavMatchRule> matched_rule;

    // Remote ID
    std::uint8_t ua_type = 0, id_type = 0, status = 0, operator_location_type = 0, auth_type = 0, protocol_version = 0;
    std::string operator_id, self_id;
    std::uint64_t auth_pages = 0;
    std::uint64_t decode_errors = 0;

private:
    /// A kis_tracked_location_triplet with speed and heading.
    Value location(const GpsFix& l) const;
    Value telemetry(const UavTelemetry& t) const;

    std::shared_ptr<const UavFields> fields_;
};

} // namespace airsight::uav

#endif
