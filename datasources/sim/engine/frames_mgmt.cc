// Management frames: beacons, probes, authentication, (re)association, disassociation, deauthentication.
#include "channels.h"
#include "frames.h"
#include "ies.h"
#include "prng.h"

namespace airsight::sim {
namespace {

const MacAddr kBroadcast{{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}};

enum Subtype : std::uint8_t {
    kAssocReq = 0, kAssocResp = 1, kReassocReq = 2, kReassocResp = 3, kProbeReq = 4, kProbeResp = 5,
    kBeacon = 8, kDisassoc = 10, kAuth = 11, kDeauth = 12,
};

// SIFS + ACK time: the NAV a unicast frame reserves (1 Mb/s on 2.4 GHz, 6 Mb/s on 5 GHz).
std::uint16_t unicast_duration(int channel) { return is_5ghz(channel) ? 44 : 314; }

} // namespace

void FrameBuilder::management_header(ByteSink& out, std::uint8_t subtype, bool is_protected, const MacAddr& a1,
                                     const MacAddr& a2, const MacAddr& a3, const Transmission& tx) const
{
    out.u8(static_cast<std::uint8_t>(subtype << 4)); // type 0: management
    out.u8(is_protected ? 0x40 : 0x00);
    out.le16(a1.is_broadcast() ? 0 : unicast_duration(tx.channel));
    out.mac(a1);
    out.mac(a2);
    out.mac(a3);
    out.le16(static_cast<std::uint16_t>(tx.seq << 4)); // fragment 0
}

void FrameBuilder::beacon(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const ApTemplate& t = templates_[static_cast<std::size_t>(tx.ap)];
    management_header(out, kBeacon, false, kBroadcast, ap.bssid, ap.bssid, tx);
    const std::uint64_t since_start = tx.ts_usec - world_.config.start_usec;
    out.le64(ap.tsf_at_start + since_start);
    out.le16(static_cast<std::uint16_t>(kBeaconIntervalUsec / 1024)); // TUs
    out.le16(capability(ap));
    out.bytes(t.beacon_before_tim);
    const std::uint64_t number = (since_start - ap.first_beacon_usec) / kBeaconIntervalUsec;
    ie::tim(out, static_cast<std::uint8_t>(ap.dtim_period - 1 - number % ap.dtim_period), ap.dtim_period);
    out.bytes(t.beacon_after_tim);
}

void FrameBuilder::probe_request(ByteSink& out, const Transmission& tx) const
{
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    const bool five = is_5ghz(tx.channel);
    management_header(out, kProbeReq, false, kBroadcast, c.mac, kBroadcast, tx);
    if (tx.ap >= 0) ie::ssid(out, world_.aps[static_cast<std::size_t>(tx.ap)].ssid);
    else if (tx.value > 0) ie::ssid(out, remembered_ssids()[tx.value - 1]);
    else ie::ssid(out, {}); // wildcard
    ie::supported_rates(out, five);
    if (!five) ie::extended_rates(out);
    ie::ht_capabilities(out, five);
    if (five) ie::vht_capabilities(out);
}

void FrameBuilder::probe_response(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    management_header(out, kProbeResp, false, c.mac, ap.bssid, ap.bssid, tx);
    out.le64(ap.tsf_at_start + (tx.ts_usec - world_.config.start_usec));
    out.le16(static_cast<std::uint16_t>(kBeaconIntervalUsec / 1024));
    out.le16(capability(ap));
    out.bytes(templates_[static_cast<std::size_t>(tx.ap)].probe_response_ies);
}

void FrameBuilder::authentication(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    const bool from_ap = tx.sender == Sender::Ap;
    management_header(out, kAuth, false, from_ap ? c.mac : ap.bssid, from_ap ? ap.bssid : c.mac, ap.bssid, tx);
    out.le16(static_cast<std::uint16_t>(tx.value)); // algorithm
    out.le16(tx.step);                              // transaction sequence
    out.le16(0);                                    // status: success
    if (tx.value != 3) return;
    // SAE (hunting and pecking, group 19): commit = scalar + element, confirm = counter + hash.
    const std::uint64_t key = mix(world_.config.seed, mix((std::uint64_t{tx.session} << 32) | static_cast<std::uint32_t>(tx.client),
                                                          from_ap ? 0x534145'4150 : 0x534145'5354));
    if (tx.step == 1) {
        out.le16(19);
        fill_from_key(key, out.grow(32 + 64), 32 + 64);
    } else {
        out.le16(1); // send-confirm
        fill_from_key(key ^ 0xC0F1, out.grow(32), 32);
    }
}

void FrameBuilder::association_request(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    const bool reassoc = tx.kind == FrameKind::ReassocRequest;
    const bool five = is_5ghz(ap.channel);
    management_header(out, reassoc ? kReassocReq : kAssocReq, false, ap.bssid, c.mac, ap.bssid, tx);
    out.le16(capability(ap));
    out.le16(10); // listen interval, in beacon intervals
    if (reassoc) out.mac(world_.aps[tx.value].bssid); // the AP it is leaving
    ie::ssid(out, ap.ssid);
    ie::supported_rates(out, five);
    if (!five) ie::extended_rates(out);
    ie::rsn(out, ap.security, true); // the client picks the AP's only cipher and AKM
    if (ap.ht) ie::ht_capabilities(out, five);
    if (ap.vht) ie::vht_capabilities(out);
    if (ap.security == Security::WpaTkip) ie::wpa(out);
    if (ap.ht) ie::wmm_info(out);
    if (ap.security == Security::Owe) ie::owe_dh(out, mix(world_.config.seed, mix(tx.session, 0x4f5745'5354 + static_cast<std::uint64_t>(tx.client))));
}

void FrameBuilder::association_response(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    const bool five = is_5ghz(ap.channel);
    management_header(out, tx.kind == FrameKind::ReassocResponse ? kReassocResp : kAssocResp, false, c.mac, ap.bssid, ap.bssid, tx);
    out.le16(capability(ap));
    out.le16(0);                                                         // status: success
    out.le16(static_cast<std::uint16_t>(0xC000 | (1 + tx.client % 2007))); // AID, top two bits set
    ie::supported_rates(out, five);
    if (!five) ie::extended_rates(out);
    if (ap.ht) {
        ie::ht_capabilities(out, five);
        ie::ht_operation(out, ap.channel);
    }
    if (ap.vht) {
        ie::vht_capabilities(out);
        ie::vht_operation(out, ap.channel);
    }
    if (ap.ht) ie::wmm_parameter(out);
    if (ap.security == Security::Owe) ie::owe_dh(out, mix(world_.config.seed, mix(tx.session, 0x4f5745'4150 + static_cast<std::uint64_t>(tx.client))));
}

void FrameBuilder::disassociation(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    const Client& c = world_.clients[static_cast<std::size_t>(tx.client)];
    // With MFP the reason is encrypted like data (a robust management frame).
    const bool robust = requires_mfp(ap.security);
    management_header(out, kDisassoc, robust, ap.bssid, c.mac, ap.bssid, tx);
    if (robust) encrypted_body(out, tx, 2);
    else out.le16(static_cast<std::uint16_t>(tx.value));
}

void FrameBuilder::deauthentication(ByteSink& out, const Transmission& tx) const
{
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(tx.ap)];
    management_header(out, kDeauth, false, kBroadcast, ap.bssid, ap.bssid, tx); // forged: the AP's own address
    out.le16(static_cast<std::uint16_t>(tx.value));
}

} // namespace airsight::sim
