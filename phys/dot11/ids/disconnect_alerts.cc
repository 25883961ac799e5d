#include "ids/disconnect_alerts.h"

#include "ids/disconnect_common.h"

#include <string>

namespace airsight::dot11::ids {
namespace {

// Reason codes Kismet takes for undefined: 25-31 and anything above 45.
bool undefined_reason(std::uint16_t code) { return (code >= 25 && code <= 31) || code > 45; }

} // namespace

DisconnectAlerts::DisconnectAlerts(AlertTracker& alerts, std::int64_t phy) : alerts_(alerts)
{
    flood_ = alerts.define({
        .name = "DEAUTHFLOOD", .alert_class = "DENIAL", .severity = AlertSeverity::MEDIUM,
        .description = "A BSSID is named in a rapid series of deauthentication or disassociation frames. "
                       "Spoofed disconnects knock clients off a network without management frame protection, "
                       "to deny service or to make them reconnect so that their handshake can be captured.",
        .phy = phy, .throttle = "5/min", .burst = "2/sec"});
    broadcast_ = alerts.define({
        .name = "BCASTDISCON", .alert_class = "DENIAL", .severity = AlertSeverity::MEDIUM,
        .description = "A deauthentication or disassociation frame was sent to the broadcast address, which "
                       "disconnects every client of the network at once. An access point shutting down may do "
                       "this; otherwise it points to a denial of service, or to an attacker forcing clients to "
                       "reconnect.",
        .phy = phy, .throttle = "5/min", .burst = "2/sec"});
    disassoc_code_ = alerts.define({
        .name = "DISCONCODEINVALID", .alert_class = "EXPLOIT", .severity = AlertSeverity::HIGH,
        .description = "A disassociation frame carries a reason code the 802.11 standard does not define. Some "
                       "drivers have mishandled such codes; seeing one suggests a misbehaving device or an "
                       "attack on them.",
        .phy = phy, .throttle = "5/min", .burst = "1/sec"});
    deauth_code_ = alerts.define({
        .name = "DEAUTHCODEINVALID", .alert_class = "EXPLOIT", .severity = AlertSeverity::HIGH,
        .description = "A deauthentication frame carries a reason code the 802.11 standard does not define. "
                       "Some drivers have mishandled such codes; seeing one suggests a misbehaving device or an "
                       "attack on them.",
        .phy = phy, .throttle = "0/min", .burst = "0/sec"});
    traffic_ = alerts.define({
        .name = "DISASSOCTRAFFIC", .alert_class = "SPOOF", .severity = AlertSeverity::MEDIUM,
        .description = "A station sent data within 10 seconds of sending a deauthentication or disassociation. "
                       "A station that left should not go on talking: either its disconnect was spoofed (a "
                       "denial of service against it) or someone injects data in its name.",
        .phy = phy, .throttle = "10/min", .burst = "1/sec"});
    no_mfp_ = alerts.define({
        .name = "NOCLIENTMFP", .alert_class = "SPOOF", .severity = AlertSeverity::LOW,
        .description = "A client associated with an RSN network without supporting management frame "
                       "protection (MFP), so spoofed deauthentication or disassociation frames can disconnect "
                       "it, to deny service or to capture its handshake.",
        .phy = phy, .throttle = "10/min", .burst = "1/sec"});
}

void DisconnectAlerts::disconnect(const Packet& p, const Frame& f)
{
    const bool deauth = f.fc.subtype == mgmt_subtype::deauth;
    const Roles& r = f.roles;
    // Kismet reads the reason code in its dissector, before the duplicate
    // filter: every copy counts. A protected (MFP) frame's reason code is
    // encrypted and not read (Kismet reads the CCMP header's first bytes).
    if (f.mgmt.reason_code && undefined_reason(*f.mgmt.reason_code)) {
        raise_about_frame(alerts_, deauth ? deauth_code_ : disassoc_code_, p, f, [&] {
            return std::string(deauth ? "Deauthentication" : "Disassociation") + " with undefined reason code " +
                   std::to_string(*f.mgmt.reason_code) + " in network " + r.bssid.str();
        });
    }
    if (p.duplicate) return;
    const std::int64_t now = p.ts_sec;
    const double touched = packet_time(p);

    // DISASSOCTRAFFIC remembers a station that disconnected. Kismet's old
    // automaton remembered any sender; a BSSID's own disconnects (an AP
    // dropping a client) say nothing about the AP's later traffic, and
    // Kismet makes a frame's source a device only when it is not the BSSID.
    if (names_device(r.source) && r.source != r.bssid) {
        disconnected_.with(r.source, touched, [&](std::int64_t& last, bool) { last = now; });
        std::int64_t latest = latest_disconnect_sec_.load(std::memory_order_relaxed);
        while (now > latest && !latest_disconnect_sec_.compare_exchange_weak(latest, now, std::memory_order_relaxed)) {
        }
        disconnected_filter_.add(r.source); // after the gate moved: clear_if() sees it
    }

    // Kismet counts floods and broadcasts on the BSSID's device: none without one.
    if (!names_device(r.bssid)) return;
    bool flood = false;
    floods_.with(r.bssid, touched, [&](Flood& fl, bool) {
        // Kismet's arithmetic is unsigned: a clock that went back restarts the count too.
        if (static_cast<std::uint64_t>(now - fl.last_sec) > 1)
            fl.count = 1;
        else
            ++fl.count;
        fl.last_sec = now;
        if (fl.count > kFloodCount) {
            flood = true;
            fl.count = 1;
        }
    });
    if (flood)
        raise_about_frame(alerts_, flood_, p, f, [&] {
            return "Flood of deauthentication/disassociation frames in network " + r.bssid.str() +
                   " (more than " + std::to_string(kFloodCount) + " at most a second apart)";
        });
    if (r.dest.is_broadcast())
        raise_about_frame(alerts_, broadcast_, p, f, [&] {
            return "Access point " + r.bssid.str() + " told every client to " +
                   (deauth ? "deauthenticate" : "disassociate") +
                   " (sent to broadcast): the AP shutting down, or a denial of service";
        });
}

void DisconnectAlerts::association_request(const Packet& p, const Frame& f, const Ies& ies, bool has_ies)
{
    if (p.duplicate || !has_ies || !ies.rsn.present || ies.rsn.malformed || ies.rsn.mfp_capable()) return;
    const Roles& r = f.roles;
    if (!names_device(r.bssid)) return;
    // Kismet checks each client the frame maps to its BSSID: the source, and
    // a destination that is neither the source nor the BSSID (both, should a
    // frame have both).
    const auto check = [&](const MacAddr& client) {
        raise_about_frame(alerts_, no_mfp_, p, f, [&] {
            return "Client " + client.str() + " associates with network " + r.bssid.str() +
                   " without management frame protection (MFP): spoofed disconnects work on it";
        });
    };
    if (names_device(r.source) && r.source != r.bssid) check(r.source);
    if (names_device(r.dest) && r.dest != r.source && r.dest != r.bssid) check(r.dest);
}

void DisconnectAlerts::data(const Packet& p, const Frame& f)
{
    const auto quiet = [&] { return p.ts_sec - latest_disconnect_sec_.load(std::memory_order_relaxed) >= kTrafficWindowSec; };
    if (quiet()) {
        // No station disconnected for a window: start the filter afresh
        // (once; an empty filter returns at once).
        disconnected_filter_.clear_if(quiet);
        return;
    }
    const MacAddr& source = f.roles.source;
    if (p.duplicate || !names_device(source) || !disconnected_filter_.may_contain(source)) return;
    std::int64_t since = 0;
    bool recent = false;
    disconnected_.with_existing(source, [&](std::int64_t& last) {
        since = p.ts_sec - last;
        recent = since < kTrafficWindowSec;
        return recent; // an older disconnect is forgotten, as Kismet's automaton does
    });
    if (recent)
        raise_about_frame(alerts_, traffic_, p, f, [&] {
            return "Station " + source.str() + " sent data " + std::to_string(since) +
                   " s after it sent a deauthentication/disassociation: a spoofed disconnect, or a spoofed station";
        });
}

} // namespace airsight::dot11::ids
