#include "ids/eapol_alerts.h"

#include "dissect/wsc.h"
#include "ids/disconnect_common.h"

#include <airsight/hex.h>

#include <algorithm>
#include <string>

namespace airsight::dot11::ids {
namespace {

constexpr std::uint8_t eapol_type_eap_packet = 0;
constexpr std::uint8_t key_descriptor_rsn = 2;

bool all_zero(Bytes b)
{
    return std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0; });
}

} // namespace

EapolAlerts::EapolAlerts(AlertTracker& alerts, std::int64_t phy) : alerts_(alerts)
{
    degrade_ = alerts.define({
        .name = "NONCEDEGRADE", .alert_class = "EXPLOIT", .severity = AlertSeverity::MEDIUM,
        .description = "A WPA handshake message carried an all-zero nonce. This is how downgrade attacks on some "
                       "supplicants begin (vanhoefm's attack on OpenBSD), though a partly captured handshake can "
                       "look the same.",
        .phy = phy, .throttle = "0/min", .burst = "0/sec"});
    reuse_ = alerts.define({
        .name = "NONCEREUSE", .alert_class = "EXPLOIT", .severity = AlertSeverity::HIGH,
        .description = "A WPA handshake used a nonce it had used before, with no newer replay counter. Key "
                       "reinstallation attacks (KRACK) replay handshake messages this way; on a busy channel a "
                       "plain retransmission can look similar.",
        .phy = phy, .throttle = "0/min", .burst = "0/sec"});
    wps_brute_ = alerts.define({
        .name = "WPSBRUTE", .alert_class = "EXPLOIT", .severity = AlertSeverity::CRITICAL,
        .description = "A station sent many WPS M3 messages within minutes. Each WPS PIN guess gets as far as "
                       "M3, so this is what a PIN brute force (Reaver, for one) looks like, or a broken client.",
        .phy = phy, .throttle = "5/min", .burst = "1/sec"});
}

void EapolAlerts::eapol(const Packet& p, const Frame& f)
{
    // Kismet looks for EAPOL only in plain or QoS data, behind an RFC 1042
    // SNAP header right after the MAC header, and only in a frame's first copy.
    if (p.duplicate || f.fc.protected_frame || f.mesh) return;
    if (f.fc.subtype != data_subtype::data && f.fc.subtype != data_subtype::qos_data) return;
    if (f.body.size() < 8 || f.body[3] != 0 || f.body[4] != 0 || f.body[5] != 0) return;

    if (f.eapol->type == eapol_type_eap_packet) {
        check_wps(p, f);
        return;
    }
    const std::optional<EapolKey>& key = f.eapol->key;
    if (!key || key->descriptor_type != key_descriptor_rsn) return;
    // Kismet's handshake checks run for each client the frame maps to its
    // BSSID: the source, and a destination that is neither the source nor
    // the BSSID.
    const Roles& r = f.roles;
    if (!names_device(r.bssid)) return;
    if (names_device(r.source) && r.source != r.bssid) check_key(p, f, *key, r.source);
    if (names_device(r.dest) && r.dest != r.source && r.dest != r.bssid) check_key(p, f, *key, r.dest);
}

void EapolAlerts::check_key(const Packet& p, const Frame& f, const EapolKey& key, const MacAddr& client)
{
    const std::uint8_t message = key.message_number();
    // Message "4" by Kismet's numbering (MIC, no ACK, no key data) of a group
    // key with an empty nonce.
    if (message == 4 && !key.pairwise() && all_zero(key.nonce))
        raise_about_frame(alerts_, degrade_, p, f, [&] {
            return "WPA handshake message from " + f.roles.source.str() + " in network " + f.roles.bssid.str() +
                   " has an empty key and an all-zero nonce: a possible WPA downgrade attack";
        });

    // Replays: the ANonce of messages 1 and 3, remembered per client and
    // message; an all-zero nonce is never compared.
    if ((message != 1 && message != 3) || key.nonce.size() != 32 || all_zero(key.nonce)) return;
    const double now = packet_time(p);
    const bool retry = f.fc.retry;
    bool reused = false;
    nonces_.with(client, now, [&](ClientNonces& c, bool) {
        std::vector<SeenNonce>& seen = message == 3 ? c.message3 : c.message1;
        auto it = std::find_if(seen.begin(), seen.end(),
                               [&](const SeenNonce& s) { return std::equal(s.nonce.begin(), s.nonce.end(), key.nonce.begin()); });
        if (it == seen.end()) {
            if (seen.size() > kNoncesPerClient) seen.erase(seen.begin());
            SeenNonce s;
            std::copy(key.nonce.begin(), key.nonce.end(), s.nonce.begin());
            s.replay_counter = key.replay_counter;
            s.time = now;
            seen.push_back(s);
            return;
        }
        if (key.replay_counter > it->replay_counter) {
            it->replay_counter = key.replay_counter; // the handshake moved on: no replay
            return;
        }
        // The same nonce without a newer replay counter. A retransmission
        // comes within a second; message 1 without the retry bit is a
        // replay at once (Kismet's rules).
        const double apart = now - it->time;
        const bool outside_retry_window = apart > 1.0 || apart < -1.0;
        const bool duplicate = message == 3 || retry ? outside_retry_window : true;
        reused = duplicate && !retry;
    });
    if (reused)
        raise_about_frame(alerts_, reuse_, p, f, [&] {
            return "WPA handshake message " + std::to_string(message) + " to/from client " + client.str() +
                   " in network " + f.roles.bssid.str() + " reuses nonce " + hex_string(key.nonce) +
                   ": a possible key reinstallation (KRACK) attack";
        });
}

void EapolAlerts::check_wps(const Packet& p, const Frame& f)
{
    // Kismet keeps this count on the data frame's source device, which it
    // makes only when the source is not the BSSID, so an AP's own M3 (the
    // message a PIN brute force makes it send) is never counted there. The
    // count here is per source MAC, the AP included, so that the alert fires
    // on the attack its text describes.
    const MacAddr& source = f.roles.source;
    if (!names_device(source)) return;
    const auto wsc = parse_wsc(f.llc_payload);
    if (!wsc || wsc->eap_code != eap_code::request || wsc->message_type != wsc_message::m3) return;
    const std::int64_t now = p.ts_sec;
    bool brute = false;
    wps_.with(source, packet_time(p), [&](WpsCount& w, bool) {
        if (static_cast<std::uint64_t>(now - w.last_sec) > static_cast<std::uint64_t>(kWpsWindowSec))
            w.count = 1;
        else
            ++w.count;
        w.last_sec = now;
        if (w.count > kWpsCount) {
            brute = true;
            w.count = 1;
        }
    });
    if (brute)
        raise_about_frame(alerts_, wps_brute_, p, f, [&] {
            return "Station " + source.str() + " in network " + f.roles.bssid.str() +
                   " sends WPS M3 messages again and again: a possible WPS PIN brute force (Reaver)";
        });
}

} // namespace airsight::dot11::ids
