// airsight SDK: alerts, Kismet's intrusion-detection events.
//
// A plugin defines each alert it can raise once (at creation), keeps the
// AlertRef it gets back, and raises it from a packet handler (OBSERVE stage)
// or anywhere else:
//
//     AlertRef deauth = host.alerts().define({
//         .name = "DEAUTHFLOOD", .alert_class = "DENIAL", .severity = AlertSeverity::HIGH,
//         .description = "...", .phy = my_phy_id, .throttle = "10/min", .burst = "2/sec"});
//     ...
//     if (host.alerts().would_raise(deauth))            // cheap: skip building the text
//         host.alerts().raise(deauth, {.transmitter = bssid, .text = text});
//
// Throttling follows Kismet's alertracker: an alert is sent while fewer than
// `burst` were sent in the current burst period and fewer than `throttle` in
// the current throttle period; a period restarts once no alert of that name
// was sent for a whole period. A throttle of 0 silences the alert. The
// operator's kismet.conf lines `alert=NAME,throttle,burst` replace a
// definition's defaults.
//
// A sent alert goes to the alert backlog (/alerts/...), to the message bus
// (MSG_ALERT) and adds one to `num_alerts` of every tracked device among its
// MACs. Raising a throttled alert takes one short per-alert lock and
// allocates nothing. Never raise from inside a DeviceTracker update/with_device
// callback: raising updates devices through the tracker.
#ifndef AIRSIGHT_ALERTS_H
#define AIRSIGHT_ALERTS_H

#include <airsight/location.h>
#include <airsight/mac.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace airsight {

/// Kismet's severities (kis_alert_severity): a higher number is more severe.
enum class AlertSeverity : std::uint8_t {
    INFO = 0,      // datasource errors, state changes
    LOW = 5,       // probe fingerprints
    MEDIUM = 10,   // denial-of-service attempts
    HIGH = 15,     // denial-of-service attacks, spoofing
    CRITICAL = 20, // fingerprinted exploits
};

/// Kismet's rate time units (alert_time_unit), with its numbers, as served in
/// kismet.alert.definition.limit_unit / burst_unit.
enum class AlertTimeUnit : std::uint8_t { SECOND = 0, MINUTE = 1, HOUR = 2, DAY = 3 };

/// Seconds in a unit.
constexpr std::uint32_t alert_unit_seconds(AlertTimeUnit unit)
{
    switch (unit) {
    case AlertTimeUnit::SECOND: return 1;
    case AlertTimeUnit::MINUTE: return 60;
    case AlertTimeUnit::HOUR: return 3600;
    case AlertTimeUnit::DAY: return 86400;
    }
    return 86400;
}

/// A rate "N/unit" ("10/min"; unit sec|second|min|minute|hr|hour|day, any
/// case; a bare "N" is per minute, as in Kismet).
struct AlertRate {
    std::uint32_t count = 0;
    AlertTimeUnit unit = AlertTimeUnit::MINUTE;

    /// Nothing when `text` is not such a rate.
    static std::optional<AlertRate> parse(std::string_view text)
    {
        const std::size_t slash = text.find('/');
        const std::string_view number = text.substr(0, slash);
        if (number.empty() || number.size() > 9) return std::nullopt;
        AlertRate rate;
        for (char c : number) {
            if (c < '0' || c > '9') return std::nullopt;
            rate.count = rate.count * 10 + static_cast<std::uint32_t>(c - '0');
        }
        if (slash == std::string_view::npos) return rate;
        std::string unit(text.substr(slash + 1));
        for (char& c : unit)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (unit == "sec" || unit == "second") rate.unit = AlertTimeUnit::SECOND;
        else if (unit == "min" || unit == "minute") rate.unit = AlertTimeUnit::MINUTE;
        else if (unit == "hr" || unit == "hour") rate.unit = AlertTimeUnit::HOUR;
        else if (unit == "day") rate.unit = AlertTimeUnit::DAY;
        else return std::nullopt;
        return rate;
    }
};

/// Kismet's "any PHY" (KIS_PHY_ANY) for AlertDefinition::phy.
inline constexpr std::int64_t ALERT_ANY_PHY = -1;

/// One kind of alert (kismet.alert.definition.*).
struct AlertDefinition {
    std::string name{};        // header, e.g. "DEAUTHFLOOD"; stored upper-case, unique
    std::string alert_class{}; // DENIAL, EXPLOIT, OTHER, PROBE, SPOOF, SYSTEM, ...
    AlertSeverity severity = AlertSeverity::MEDIUM;
    std::string description{}; // shown to the user
    std::int64_t phy = ALERT_ANY_PHY; // a DeviceTracker::register_phy id, or ALERT_ANY_PHY
    std::string throttle = "10/min";  // Kismet's default rates
    std::string burst = "1/sec";
};

/// Where an alert happened (kismet.alert.location): a packet's fix
/// (Packet::location) for an alert about a packet. An alert raised without
/// one gets the GPS tracker's best fix at that moment, as in Kismet.
using AlertLocation = GpsFix;

/// What one raise carries; every member is optional. A zero MAC is "none".
/// The views need only live for the call.
struct AlertEvent {
    MacAddr transmitter{}; // kismet.alert.transmitter_mac (the BSSID for Wi-Fi)
    MacAddr source{};
    MacAddr dest{};
    MacAddr other{};
    std::string_view channel{}; // PHY-specific, e.g. "6"
    double frequency_khz = 0;
    std::string_view text{};    // human-readable
    const AlertLocation* location = nullptr; // see AlertLocation
};

/// A defined alert, as define() returns it; cheap to copy and compare. A
/// default one names no alert: raising it throws std::out_of_range.
class AlertRef {
public:
    AlertRef() = default;
    explicit AlertRef(std::uint32_t index) : index_(index) {}
    std::uint32_t index() const { return index_; }
    bool valid() const { return index_ != kNone; }
    bool operator==(const AlertRef&) const = default;

private:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    std::uint32_t index_ = kNone;
};

/// The server's alert tracker (PluginHost::alerts()); thread-safe.
class AlertTracker {
public:
    virtual ~AlertTracker() = default;
    /// Defines an alert; its throttle and burst are replaced by the
    /// operator's `alert=NAME,...` line when there is one. Throws
    /// std::invalid_argument with the reason for a duplicate or empty name,
    /// a malformed rate, or a burst unit longer than the throttle unit.
    virtual AlertRef define(const AlertDefinition& definition) = 0;
    /// The alert named `name` (any case), if defined.
    virtual std::optional<AlertRef> find(std::string_view name) const = 0;
    /// Whether raise() would send it now (Kismet's potential_alert); changes
    /// nothing.
    virtual bool would_raise(AlertRef alert) const = 0;
    /// Raises the alert: true when it was sent, false when throttled.
    virtual bool raise(AlertRef alert, const AlertEvent& event) = 0;
};

} // namespace airsight

#endif
