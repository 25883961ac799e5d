#include "alerts/server_alerts.h"

namespace airsight::core {

AlertRef define_server_alerts(AlertTracker& alerts)
{
    return alerts.define({.name = "KISMET",
                          .alert_class = "SYSTEM",
                          .severity = AlertSeverity::INFO,
                          .description = "Server events (silenced unless an alert=KISMET line gives it rates)",
                          .throttle = "0/day",
                          .burst = "0/day"});
}

} // namespace airsight::core
