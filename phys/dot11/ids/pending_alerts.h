// Alerts a detector found while the device tracker held a device locked,
// kept with the packet until its OBSERVE stage raises them.
//
// Why: what an access point advertised before is only at hand inside the
// tracker's update callback (the dot11 PHY compares a beacon with it there),
// but raising an alert updates devices through the tracker, so it must not
// happen under that lock. A detector adds a PendingAlert to the packet's
// Dissection (dot11.dissection) inside the callback; the dot11 plugin's
// OBSERVE handler raises them all (raise_pending_alerts). The list lives in
// the lane's reused Dissection: adding allocates nothing, and a packet that
// found nothing costs one comparison to clear and one to check.
//
// A PendingAlert carries the values the detector compared (`before`,
// `after`, meaning per alert) and who writes its text: the text is built
// only when the alert tracker would send the alert (not throttled).
#ifndef AIRSIGHT_PHYS_DOT11_IDS_PENDING_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_PENDING_ALERTS_H

#include "dissect/frame.h"
#include "dissect/ie.h"

#include <airsight/alerts.h>
#include <airsight/packet.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace airsight::dot11 {

struct PendingAlert;

/// Writes the text of the pending alerts it added (one per detector group).
class PendingAlertText {
public:
    virtual ~PendingAlertText() = default;
    /// Appends the alert's human-readable text to `out`; `frame` and `ies`
    /// are the packet's (the IEs valid when the frame is management with IEs).
    virtual void describe(std::string& out, const PendingAlert& alert, const Frame& frame, const Ies& ies) const = 0;
};

struct PendingAlert {
    AlertRef ref;
    const PendingAlertText* text = nullptr; // outlives the packet (a detector owned by the plugin)
    std::uint64_t before = 0, after = 0;    // the compared values (see the detector)
};

/// The pending alerts of one packet: a fixed list, cleared per packet.
class PendingAlerts {
public:
    /// One packet's detectors add at most this many (ids/bss_alerts: 7).
    static constexpr std::size_t kCapacity = 8;

    /// Adds an alert; false (and counted in overflowed()) when the list is full.
    bool add(const PendingAlert& alert)
    {
        if (count_ == kCapacity) {
            ++overflowed_;
            return false;
        }
        items_[count_++] = alert;
        return true;
    }
    bool empty() const { return count_ == 0; }
    std::span<const PendingAlert> items() const { return {items_.data(), count_}; }
    /// Alerts that did not fit: the raiser reports them as a packet error.
    std::uint32_t overflowed() const { return overflowed_; }
    /// Per packet (Dissection::reset): two stores, the items are left as they are.
    void clear()
    {
        count_ = 0;
        overflowed_ = 0;
    }

private:
    std::array<PendingAlert, kCapacity> items_{};
    std::uint32_t count_ = 0;
    std::uint32_t overflowed_ = 0;
};

/// Raises every pending alert of a packet the tracker would send, naming the
/// frame's BSSID (transmitter), source and destination, and the advertised
/// channel (else the radio's). Marks the packet failed when some did not fit.
void raise_pending_alerts(AlertTracker& alerts, Packet& packet, const PendingAlerts& pending, const Frame& frame,
                          const Ies& ies, bool has_ies);

} // namespace airsight::dot11

#endif
