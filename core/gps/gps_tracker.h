// The GPS tracker: the GPS instances Kismet's gps= lines define, each run by
// its driver, and the best fix among them. Instances are kept in order of
// priority (the lower number first, as Kismet sorts them); the best fix is
// the first valid one of an instance that is not data-only. A fix is valid
// while its instance is connected, says 2D or 3D, and is not older than its
// driver's limit (10 s for a device, 30 s for a browser, never for virtual).
//
// Every change of the best fix is published to the packet chain's
// CurrentFix, which hands it to packets and alerts. tick() runs once a
// second (the server's ticker) so a fix that goes stale is withdrawn.
//
// Drivers report from their own threads (one per gpsd, serial or tcp
// instance; virtual and web have none). One mutex guards the instances'
// state; no driver is started or stopped while it is held.
#ifndef AIRSIGHT_CORE_GPS_GPS_TRACKER_H
#define AIRSIGHT_CORE_GPS_GPS_TRACKER_H

#include "gps/gps_driver.h"
#include "packetchain/current_fix.h"

#include <airsight/host.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace airsight::core {

/// One GPS as /gps/all_gps shows it (kismet.gps.*).
struct GpsInstanceState {
    std::string name;
    std::string description;
    std::string type;
    std::string uuid;
    std::string definition;
    int priority = 0;
    bool data_only = false;
    bool reconnect = true;
    bool connected = false;
    std::optional<GpsFix> location;      // the last position it reported
    std::optional<GpsFix> last_location; // the one before
    bool valid = false;                  // `location` counts now (see the top of this file)
    std::uint64_t data_time = 0;         // wall-clock second of its last report
    std::uint64_t signal_time = 0;       // ... of its last position
    std::uint64_t garbage_lines = 0;     // lines it could not use
};

/// The best fix and the GPS it came from.
struct BestFix {
    GpsFix fix;
    std::string gps_uuid;
};

class GpsTracker {
public:
    /// Wall-clock seconds with microseconds; replaceable for tests.
    using Clock = std::function<double()>;

    GpsTracker(MessageBus& log, CurrentFix& publish_to, std::string server_name, Clock clock = {});
    ~GpsTracker();
    GpsTracker(const GpsTracker&) = delete;
    GpsTracker& operator=(const GpsTracker&) = delete;

    void add_type(std::unique_ptr<GpsType> type);
    std::vector<GpsTypeInfo> types() const;

    /// Creates and starts the GPS a definition describes; returns its state.
    /// Throws std::invalid_argument with the reason: an unknown type, a bad
    /// option, a second instance of a singleton type, a bad uuid=.
    GpsInstanceState add(std::string_view definition);
    /// Stops every driver (joins their threads) and forgets the instances.
    void stop_all();

    std::vector<GpsInstanceState> instances() const;
    std::optional<BestFix> best() const;
    /// Hands a browser's position to the web GPS; false when none is configured.
    bool post_position(const GpsFix& fix);
    /// Withdraws fixes gone stale; the server calls it once a second.
    void tick();

    /// Kismet's GPS UUID for a definition: adler32("kismet_gps") and
    /// adler32(server name + definition) as "%08X-0000-0000-0000-0000%08X".
    static std::string uuid_for(std::string_view server_name, std::string_view definition);

private:
    struct Instance;
    bool is_valid(const Instance& i, double now) const;
    /// Publishes the best fix when it changed; mutex_ held.
    void publish_locked(double now);
    std::optional<BestFix> best_locked(double now) const;
    std::string unique_name_locked(const std::string& wanted) const;

    MessageBus& log_;
    CurrentFix& current_;
    const std::string server_name_;
    Clock clock_;
    std::vector<std::unique_ptr<GpsType>> types_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Instance>> instances_; // by priority
    std::optional<GpsFix> published_; // what current_ holds
};

} // namespace airsight::core

#endif
