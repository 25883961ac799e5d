// The frame-fingerprint detectors: Kismet's 802.11 alerts that one frame
// decides on its own (exploit signatures, over-long or malformed IEs, odd
// SSIDs, over-strong signals, SSID canaries). One OBSERVE handler reads the
// dot11 dissection and the notes track() left in it; it keeps no state of
// its own. Where Kismet raises only on a change it learns from the devices
// (IEs an AP had not sent before, an SSID new to a device), the tracker's
// Dot11Device holds that state and track() passes the verdict on.
//
// The common case costs a few branches: a data frame that is not EAPOL is
// one test of the signal and one of the frame type; a management frame adds
// a switch on its subtype and compares on IE measurements the parser took.
// Nothing is allocated and no text is built unless an alert would be sent.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_FRAME_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_FRAME_ALERTS_H

#include "ids/frame_alert_definitions.h"
#include "ids/ssid_canaries.h"
#include "phy/dot11_phy.h"

#include <airsight/alerts.h>
#include <airsight/host.h>
#include <airsight/packet.h>

#include <cstdint>
#include <string_view>

namespace airsight::dot11::ids {

struct FrameAlertOptions {
    /// kismet.conf dot11_max_signal: OVERPOWERED above this (and below 0) dBm.
    int max_signal_dbm = -10;
    SsidCanaries canaries;
};

/// The options from kismet.conf: dot11_max_signal and the ssidcanary= lines.
/// A malformed value is posted to `messages` as an error naming it, and left
/// out (the default threshold, no such canary): the server keeps running.
FrameAlertOptions frame_alert_options(const ConfigView& config, MessageBus& messages);

class FrameAlerts {
public:
    /// Defines the group's alerts for PHY `phy` (see define_frame_alerts).
    FrameAlerts(AlertTracker& alerts, std::int64_t phy, FrameAlertOptions options);

    /// The OBSERVE handler's work for one dissected 802.11 packet.
    void observe(const Packet& p, const Dissection& d) const;

    const FrameAlertRefs& refs() const { return refs_; }

private:
    void management(const Packet& p, const Dissection& d) const;
    void advertisement(const Packet& p, const Dissection& d, bool beacon) const;
    void ie_anomalies(const Packet& p, const Dissection& d, bool beacon) const;
    void ssid_checks(const Packet& p, const Dissection& d, std::string_view verb) const;
    void neighbor_report(const Packet& p, const Dissection& d) const;
    void eapol(const Packet& p, const Dissection& d) const;
    /// Raises `ref` naming the frame's BSSID, source and destination, the
    /// channel and frequency; `text` is only called when it would be sent.
    template <typename Text> void raise(AlertRef ref, const Packet& p, const Dissection& d, Text&& text) const;

    AlertTracker& alerts_;
    FrameAlertRefs refs_;
    FrameAlertOptions options_;
};

} // namespace airsight::dot11::ids

#endif
