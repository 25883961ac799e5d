// The alert tracker: alert definitions with Kismet's throttle, the backlog of
// sent alerts served at /alerts/..., and their side effects (a MSG_ALERT
// message, num_alerts on the devices involved).
//
// Definitions live in a fixed table of atomic pointers, filled once and never
// moved, so raising finds its definition without a global lock; each
// definition's throttle has its own mutex, held for a comparison. Only a sent
// alert allocates and takes the backlog's mutex.
#ifndef AIRSIGHT_CORE_ALERTS_ALERT_TRACKER_H
#define AIRSIGHT_CORE_ALERTS_ALERT_TRACKER_H

#include "alerts/alert_options.h"
#include "alerts/alert_throttle.h"
#include "devices/device_tracker.h"
#include "packetchain/current_fix.h"
#include "util/observers.h"

#include <airsight/alerts.h>
#include <airsight/host.h>

#include <array>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace airsight::core {

/// One sent alert (kismet.alert.*).
struct AlertRecord {
    std::string header;
    std::string alert_class;
    std::uint8_t severity = 0;
    std::uint32_t phy = 0; // the definition's PHY; ALERT_ANY_PHY as uint32, as Kismet
    double timestamp = 0;  // seconds since the epoch, with microseconds
    MacAddr transmitter, source, dest, other;
    std::string channel;
    double frequency_khz = 0;
    std::string text;
    std::string device_key; // the transmitter's device under the definition's PHY
    std::uint32_t hash = 0;
    std::optional<AlertLocation> location; // nothing: no GPS had a fix
};

/// A definition with its throttle state, as /alerts/definitions shows it.
struct AlertDefinitionState {
    AlertDefinition definition; // name upper-case; throttle/burst as in force
    AlertThrottle throttle;
};

class AlertTrackerImpl : public AlertTracker {
public:
    /// Seconds since the epoch (wall clock); replaceable for tests.
    using Clock = std::function<double()>;
    static constexpr std::size_t MAX_DEFINITIONS = 1024;

    AlertTrackerImpl(AlertOptions options, MessageBus& bus, DeviceTrackerImpl& devices, Clock clock = {});
    ~AlertTrackerImpl() override;

    AlertRef define(const AlertDefinition& definition) override;
    std::optional<AlertRef> find(std::string_view name) const override;
    bool would_raise(AlertRef alert) const override;
    bool raise(AlertRef alert, const AlertEvent& event) override;

    /// Alerts raised without a location get this fix (the GPS tracker's
    /// best); call before alerts are raised.
    void take_locations_from(const CurrentFix& fix) { current_fix_ = &fix; }

    /// raise(), returning the record sent (nothing when throttled).
    std::optional<AlertRecord> raise_record(AlertRef alert, const AlertEvent& event);

    /// The backlog, oldest first; and the alerts newer than `since`.
    std::vector<AlertRecord> backlog() const;
    std::vector<AlertRecord> since(double since) const;
    std::vector<AlertDefinitionState> definitions() const;
    /// One definition; throws std::out_of_range as raise() does for a bad ref.
    AlertDefinitionState definition(AlertRef alert) const;
    std::size_t backlog_limit() const { return options_.backlog; }
    double now() const { return clock_(); }
    /// Told of every alert sent, after it is in the backlog (the logs' alerts).
    Observers<AlertRecord>& sent() { return sent_; }

private:
    struct Entry;
    const Entry& entry(AlertRef alert) const;
    void count_on_devices(const Entry& e, const AlertEvent& event);

    const AlertOptions options_;
    MessageBus& bus_;
    DeviceTrackerImpl& devices_;
    Clock clock_;
    const CurrentFix* current_fix_ = nullptr;

    std::mutex define_mutex_; // serializes define(); the table is read without it
    std::array<std::atomic<Entry*>, MAX_DEFINITIONS> table_{};
    std::atomic<std::uint32_t> count_{0};

    mutable std::mutex backlog_mutex_;
    std::deque<AlertRecord> backlog_;
    Observers<AlertRecord> sent_;
};

} // namespace airsight::core

#endif
