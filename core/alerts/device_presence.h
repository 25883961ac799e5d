// Kismet's DEVICEFOUND and DEVICELOST (devicetracker.cc): the operator names
// devices in kismet.conf (`devicefound=MAC`, `devicelost=MAC`, a MAC or
// MAC/MASK), and the server raises DEVICEFOUND when one appears (first seen,
// or seen again after `devicefound_timeout` seconds of silence, by the
// packets' clock) and DEVICELOST when one that appeared has had no packet for
// `devicelost_timeout` seconds (the server's clock). Both timeouts default to
// 60, as in Kismet.
//
// The device tracker tells this watcher of appearances (PresenceWatch); the
// server's one-second ticker calls check_lost(). Nothing is watched and
// nothing costs anything on the packet path when no devicefound=/devicelost=
// line is set.
#ifndef AIRSIGHT_CORE_ALERTS_DEVICE_PRESENCE_H
#define AIRSIGHT_CORE_ALERTS_DEVICE_PRESENCE_H

#include "devices/device_tracker.h"

#include <airsight/alerts.h>
#include <airsight/host.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace airsight::core {

struct DevicePresenceOptions {
    struct Target {
        MacAddr mac;
        std::uint64_t mask = 0xFFFFFFFFFFFFull; // of MacAddr::value()
        bool found = false;                     // raise DEVICEFOUND
        bool lost = false;                      // raise DEVICELOST
    };
    std::vector<Target> targets;
    std::uint64_t found_timeout_sec = 60;
    std::uint64_t lost_timeout_sec = 60;

    /// Reads devicefound=, devicelost=, devicefound_timeout and
    /// devicelost_timeout; throws std::invalid_argument quoting a malformed
    /// value and saying what was expected.
    static DevicePresenceOptions from_config(const ConfigView& config);
};

class DevicePresenceAlerts : public PresenceWatch {
public:
    /// Defines DEVICEFOUND and DEVICELOST on `alerts` (always, as Kismet).
    DevicePresenceAlerts(DevicePresenceOptions options, AlertTracker& alerts, DeviceTrackerImpl& devices);

    /// True when some device is watched: then the tracker should tell us.
    bool watching() const { return !options_.targets.empty(); }

    std::uint64_t quiet_sec() const override { return options_.found_timeout_sec; }
    bool watches(const MacAddr& mac) const override;
    void appeared(const DeviceAppearance& device) override;

    /// Raises DEVICELOST for each appeared device of a devicelost= line that
    /// had no packet for longer than the timeout at `now_sec` (the tracker's
    /// local clock), or that the tracker dropped; it is then watched for its
    /// next appearance.
    void check_lost(std::uint64_t now_sec);

    AlertRef found_alert() const { return found_; }
    AlertRef lost_alert() const { return lost_; }

private:
    const DevicePresenceOptions::Target* target(const MacAddr& mac) const;

    const DevicePresenceOptions options_;
    AlertTracker& alerts_;
    DeviceTrackerImpl& devices_;
    AlertRef found_, lost_;

    std::mutex present_mutex_;
    std::vector<DeviceAppearance> present_; // appeared, of a devicelost= line, not lost yet
};

} // namespace airsight::core

#endif
