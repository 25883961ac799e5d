#include "ids/bss_alerts.h"

#include "dissect/crypto.h"

#include <airsight/printable.h>

#include <string>

namespace airsight::dot11 {
namespace {

constexpr std::uint8_t kModeEss = 1, kModeIbss = 2;

std::string country_text(std::uint64_t packed)
{
    if (!packed) return "none";
    return {static_cast<char>(packed >> 8), static_cast<char>(packed & 0xff)};
}

std::string crypt_text(std::uint64_t bitfield)
{
    const std::string s = kismet_crypt_string(bitfield);
    return s.empty() ? "Open" : s;
}

} // namespace

BssAlerts::BssAlerts(AlertTracker& alerts, std::int64_t phy_id, ApspoofRules apspoof)
    : apspoof_rules_(std::move(apspoof))
{
    // Names, classes, severities and rates are Kismet's (phy_80211.cc,
    // kismet_alerts.conf); the descriptions are ours.
    const auto define = [&](const char* name, AlertSeverity severity, const char* description, const char* throttle) {
        return alerts.define({.name = name, .alert_class = "SPOOF", .severity = severity, .description = description,
                              .phy = phy_id, .throttle = throttle, .burst = "1/sec"});
    };
    chanchange_ = define("CHANCHANGE", AlertSeverity::LOW,
                         "An access point advertises another channel than before. Access points that pick their "
                         "channel themselves do this, but so does an 'evil twin' copy of the network on another "
                         "channel.",
                         "5/min");
    bsstimestamp_ = define("BSSTIMESTAMP", AlertSeverity::MEDIUM,
                           "The BSS timestamp (the microsecond clock an access point sends in every beacon) of an "
                           "access point keeps jumping instead of counting on: a second transmitter is probably "
                           "sending beacons with the same BSSID ('evil twin').",
                           "5/min");
    apspoof_ = define("APSPOOF", AlertSeverity::HIGH,
                      "An SSID that an apspoof= rule reserves for a list of access point MACs is advertised (beacon "
                      "or probe response) by a MAC that rule does not list: spoofing or impersonation.",
                      "10/min");
    cryptodrop_ = define("CRYPTODROP", AlertSeverity::HIGH,
                         "An SSID that advertised encryption now advertises an open network. A network reconfigured "
                         "as open does this, but more often it is a spoofed ('evil twin') copy of the network.",
                         "5/min");
    advcryptchange_ = define("ADVCRYPTCHANGE", AlertSeverity::HIGH,
                             "An SSID advertises other encryption than before: a reconfigured access point, or a "
                             "spoofed ('evil twin') copy of the network.",
                             "5/min");
    beaconrate_ = define("BEACONRATE", AlertSeverity::HIGH,
                         "The beacon rate an SSID advertises changed: a configuration change, or a spoofed ('evil "
                         "twin') copy of the network.",
                         "5/min");
    dot11d_ = define("DOT11D", AlertSeverity::HIGH,
                     "A beacon of an SSID advertises another 802.11d country than before. Access points rarely change "
                     "it: this suggests a spoofed ('evil twin') network, or an attempt to restrict the channels "
                     "clients may use (denial of service).",
                     "5/min");
    adhocconflict_ = define("ADHOCCONFLICT", AlertSeverity::HIGH,
                            "A BSSID advertised as an access point is now advertised as an ad-hoc (IBSS) network, "
                            "or the reverse: a misbehaving device, or a spoofed ('evil twin') network.",
                            "5/min");
}

void BssAlerts::add(PendingAlerts& out, AlertRef ref, std::uint64_t before, std::uint64_t after) const
{
    out.add(PendingAlert{.ref = ref, .text = this, .before = before, .after = after});
}

void BssAlerts::beacon_timestamp(Dot11Device& ap, std::uint64_t tsf, std::uint64_t ts_sec, PendingAlerts& out) const
{
    if (ap.last_beacon_timestamp == 0) return; // the first beacon: nothing to compare with
    // The TSF should have advanced by the time between the two beacons (the
    // packets' clock, to the second: well within the wobble). Kismet compares
    // the two timestamps alone, which only works for beacons heard closely in
    // turn; this also holds across a pause.
    const auto elapsed_usec = (static_cast<std::int64_t>(ts_sec) - static_cast<std::int64_t>(ap.last_beacon_timestamp)) *
                              1'000'000;
    const auto advanced = static_cast<std::int64_t>(tsf - ap.bss_timestamp);
    const std::int64_t off = advanced - elapsed_usec;
    if (static_cast<std::uint64_t>(off < 0 ? -off : off) <= kTimestampWobbleUsec) return;
    const auto now = static_cast<std::uint32_t>(ts_sec);
    // A run: each out-of-step beacon within a few seconds of the previous one.
    if (ap.bss_ts_invalid_count == 0 || now - ap.bss_ts_invalid_last > kTimestampGapSec)
        ap.bss_ts_invalid_count = 1;
    else if (ap.bss_ts_invalid_count < 255)
        ++ap.bss_ts_invalid_count;
    ap.bss_ts_invalid_last = now;
    if (ap.bss_ts_invalid_count > kTimestampInvalidRun) add(out, bsstimestamp_, ap.bss_timestamp, tsf);
}

void BssAlerts::bss_mode(Dot11Device& ap, bool ess, bool ibss, PendingAlerts& out) const
{
    const std::uint8_t mode = ibss ? kModeIbss : ess ? kModeEss : 0;
    if (!mode) return; // neither (a mesh beacon): no claim either way
    if (ap.bss_mode && ap.bss_mode != mode) add(out, adhocconflict_, ap.bss_mode, mode);
    ap.bss_mode = mode;
}

void BssAlerts::advertisement(const AdvertisedState& before, const AdvertisedState& after, bool added, bool beacon,
                              std::string_view ssid, const MacAddr& source, PendingAlerts& out) const
{
    if (added) {
        // Kismet checks the rules once, when an AP's SSID record is new.
        if (!ssid.empty() && !apspoof_rules_.empty())
            if (auto rule = apspoof_rules_.violated(ssid, source)) add(out, apspoof_, *rule, beacon);
        return;
    }
    if (before.crypt != after.crypt)
        add(out, before.crypt && !after.crypt ? cryptodrop_ : advcryptchange_, before.crypt, after.crypt);
    if (before.beacon_rate && after.beacon_rate && before.beacon_rate != after.beacon_rate)
        add(out, beaconrate_, before.beacon_rate, after.beacon_rate);
    if (!beacon) return; // Kismet: a probe response's channel is PROBECHAN's, its country unchecked
    if (before.channel && after.channel && before.channel != after.channel)
        add(out, chanchange_, before.channel, after.channel);
    if (before.country && before.country != after.country) add(out, dot11d_, before.country, after.country);
}

void BssAlerts::describe(std::string& out, const PendingAlert& a, const Frame& frame, const Ies& ies) const
{
    const std::string bssid = frame.roles.bssid.str();
    const auto network = [&] { return "Access point " + bssid + " (SSID \"" + printable_text(ies.ssid) + "\")"; };
    if (a.ref == chanchange_) {
        out = network() + " moved from channel " + std::to_string(a.before) + " to " + std::to_string(a.after) +
              ": an 'evil twin' on another channel, or the access point choosing a quieter one";
    } else if (a.ref == bsstimestamp_) {
        out = "BSSID " + bssid + " sends BSS timestamps out of step with each other (last " +
              std::to_string(a.before) + ", now " + std::to_string(a.after) +
              " us): probably two transmitters share the BSSID ('evil twin')";
    } else if (a.ref == apspoof_) {
        out = "MAC " + frame.roles.source.str() + (a.after ? " advertises" : " answers probes for") + " SSID \"" +
              printable_text(ies.ssid) + "\", which apspoof rule " + apspoof_rules_.name(a.before) +
              " reserves for other access points: spoofing or impersonation";
    } else if (a.ref == cryptodrop_) {
        out = network() + " advertised " + crypt_text(a.before) +
              " and now advertises an open network: likely a spoofed ('evil twin') copy";
    } else if (a.ref == advcryptchange_) {
        out = network() + " changed its advertised encryption from " + crypt_text(a.before) + " to " +
              crypt_text(a.after);
    } else if (a.ref == beaconrate_) {
        out = network() + " changed its beacon rate from " + std::to_string(a.before) + " to " +
              std::to_string(a.after) + " beacons per second";
    } else if (a.ref == dot11d_) {
        out = network() + " changed its 802.11d country from " + country_text(a.before) + " to " +
              country_text(a.after);
    } else if (a.ref == adhocconflict_) {
        out = "BSSID " + bssid + (a.after == kModeIbss ? " advertised an access point and now an ad-hoc (IBSS) network"
                                                       : " advertised an ad-hoc (IBSS) network and now an access point");
    }
}

} // namespace airsight::dot11
