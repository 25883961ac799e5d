// What a GPS driver is to the GPS tracker: a type (Kismet's gps builder:
// class name, default priority and name, singleton) makes drivers from
// definitions; a driver reports to its GpsSink from whatever thread it runs.
#ifndef AIRSIGHT_CORE_GPS_GPS_DRIVER_H
#define AIRSIGHT_CORE_GPS_GPS_DRIVER_H

#include "gps/gps_options.h"

#include <airsight/location.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace airsight::core {

/// Where a driver reports; thread-safe. The tracker stamps times.
class GpsSink {
public:
    virtual ~GpsSink() = default;
    /// The device or server was reached (true) or lost / not reachable
    /// (false, `detail` says why: it goes to the message bus once per change).
    virtual void connected(bool up, std::string_view detail) = 0;
    /// A new position, or nullopt when the GPS says it has no fix.
    virtual void position(const std::optional<GpsFix>& fix) = 0;
    /// A line the driver could not use (bad checksum, not JSON, ...): counted,
    /// the first of each connection goes to the message bus.
    virtual void garbage(std::string_view why, std::string_view line) = 0;
};

class GpsDriver {
public:
    virtual ~GpsDriver() = default;
    /// Starts reporting to `sink` (on a thread of its own if it needs one).
    /// Never blocks on a device or the network: a GPS that is not there is
    /// reported through the sink and retried, never an error of start().
    virtual void start(GpsSink& sink) = 0;
    /// Stops and joins its thread; the sink is not called after it returns.
    virtual void stop() = 0;
    /// kismet.gps.description.
    virtual std::string description() const = 0;
    /// Seconds a position stays valid without a new one (0: for ever).
    virtual int stale_after_sec() const { return 10; }
    /// A position a browser posted (/gps/web/update.cmd); false when this
    /// driver takes none.
    virtual bool accept_posted(const GpsFix&) { return false; }
};

/// kismet.gps.type.*
struct GpsTypeInfo {
    std::string name;        // "gpsd": the TYPE of gps=TYPE:...
    std::string description;
    int priority = 0;        // default; the lower number wins
    std::string default_name;
    bool singleton = false;  // at most one instance
};

class GpsType {
public:
    virtual ~GpsType() = default;
    virtual GpsTypeInfo info() const = 0;
    /// A driver for the definition; checks every option it reads now and
    /// throws std::invalid_argument with the reason.
    virtual std::unique_ptr<GpsDriver> create(const GpsOptions& options) const = 0;
};

} // namespace airsight::core

#endif
