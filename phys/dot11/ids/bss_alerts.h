// Kismet's per-access-point 802.11 alerts: a beacon or probe response
// compared with what the same AP advertised before.
//
//   CHANCHANGE      a beacon names another channel than the SSID's last one
//   BSSTIMESTAMP    the BSS timestamp (TSF) keeps jumping against the clock
//   APSPOOF         an SSID an apspoof= rule guards, from a MAC it does not list
//   CRYPTODROP      an encrypted SSID now advertises no encryption
//   ADVCRYPTCHANGE  an SSID advertises other encryption than before
//   BEACONRATE      an SSID's beacon interval changed
//   DOT11D          a beacon's 802.11d country differs from the SSID's last one
//   ADHOCCONFLICT   a BSSID advertises ad-hoc (IBSS) after infrastructure, or back
//
// The dot11 PHY calls these (an AdvertisementWatch) while it holds the AP's
// device locked, before it records the frame; each adds a PendingAlert to the packet, raised in the
// OBSERVE stage (ids/pending_alerts.h). The state kept is the AP's own
// (Dot11Device, AdvertisedSsid: a few bytes in their padding). A frame that
// changes nothing costs a few comparisons.
#ifndef AIRSIGHT_PHYS_DOT11_IDS_BSS_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_IDS_BSS_ALERTS_H

#include "ids/apspoof_rules.h"
#include "ids/pending_alerts.h"
#include "phy/advertisement_watch.h"

#include <airsight/alerts.h>

#include <cstdint>

namespace airsight::dot11 {

class BssAlerts : public AdvertisementWatch, public PendingAlertText {
public:
    /// Defines the alerts on `alerts` for PHY `phy_id`, with Kismet's rates.
    BssAlerts(AlertTracker& alerts, std::int64_t phy_id, ApspoofRules apspoof);

    /// A beacon of an infrastructure BSS with timestamp `tsf` (microseconds),
    /// heard at `ts_sec`: checked against `ap`'s last beacon (bss_timestamp,
    /// last_beacon_timestamp, not yet overwritten). Updates ap's counters.
    void beacon_timestamp(Dot11Device& ap, std::uint64_t tsf, std::uint64_t ts_sec, PendingAlerts& out) const override;
    /// An advertisement with the ESS or IBSS capability; remembers its mode.
    void bss_mode(Dot11Device& ap, bool ess, bool ibss, PendingAlerts& out) const override;
    /// One SSID record, `before` and `after` this frame updated it; `added`:
    /// the record is new (then only APSPOOF is checked, with `ssid` and the
    /// frame's `source`). Channel and 802.11d are checked on beacons only.
    void advertisement(const AdvertisedState& before, const AdvertisedState& after, bool added, bool beacon,
                       std::string_view ssid, const MacAddr& source, PendingAlerts& out) const override;

    void describe(std::string& out, const PendingAlert& alert, const Frame& frame, const Ies& ies) const override;

    /// Kismet's tolerances for BSSTIMESTAMP: a timestamp more than this far
    /// from the last one plus the time between them is out of step...
    static constexpr std::uint64_t kTimestampWobbleUsec = 10'000'000;
    /// ... and more than this many in a row (none more than kTimestampGapSec
    /// after the previous) raise it.
    static constexpr std::uint8_t kTimestampInvalidRun = 5;
    static constexpr std::uint32_t kTimestampGapSec = 5;

private:
    void add(PendingAlerts& out, AlertRef ref, std::uint64_t before = 0, std::uint64_t after = 0) const;

    AlertRef chanchange_, bsstimestamp_, apspoof_, cryptodrop_, advcryptchange_, beaconrate_, dot11d_, adhocconflict_;
    ApspoofRules apspoof_rules_;
};

} // namespace airsight::dot11

#endif
