// The frame builder's common parts: dispatch, radiotap, FCS, AP templates.
#include "frames.h"

#include "attacks/attack.h"
#include "channels.h"
#include "ies.h"
#include "prng.h"

#include <airsight/crc32.h>

namespace airsight::sim {
namespace {

bool is_cck(std::uint8_t rate_500kbps) { return rate_500kbps == 2 || rate_500kbps == 4 || rate_500kbps == 11 || rate_500kbps == 22; }

} // namespace

FrameBuilder::FrameBuilder(const World& world, FrameOptions options) : world_(world), options_(options)
{
    templates_.reserve(world_.aps.size());
    for (const AccessPoint& ap : world_.aps) templates_.push_back(make_template(ap));
}

FrameBuilder::ApTemplate FrameBuilder::make_template(const AccessPoint& ap)
{
    const bool five = is_5ghz(ap.channel);
    ApTemplate t;
    ByteSink head(t.beacon_before_tim);
    ie::ssid(head, ap.hidden ? std::string_view{} : std::string_view{ap.ssid});
    ie::supported_rates(head, five);
    ie::ds_parameter(head, ap.channel);

    // Everything after the SSID/rates/DS (and the beacon's TIM), in element-ID order.
    auto tail = [&](ByteSink& out, bool probe_response) {
        ie::country(out, five);
        if (!five) {
            ie::erp(out);
            ie::extended_rates(out);
        }
        ie::rsn(out, ap.security);
        if (ap.ht) {
            ie::ht_capabilities(out, five);
            ie::ht_operation(out, ap.channel);
        }
        if (ap.vht) {
            ie::vht_capabilities(out);
            ie::vht_operation(out, ap.channel);
        }
        if (ap.security == Security::WpaTkip) ie::wpa(out);
        if (ap.ht) ie::wmm_parameter(out);
        if (ap.wps) ie::wps(out, ap, probe_response);
    };
    ByteSink after(t.beacon_after_tim);
    tail(after, false);

    ByteSink probe(t.probe_response_ies);
    ie::ssid(probe, ap.ssid); // a probe response names even a hidden network
    ie::supported_rates(probe, five);
    ie::ds_parameter(probe, ap.channel);
    tail(probe, true);
    return t;
}

void FrameBuilder::build(const Transmission& tx, std::vector<std::uint8_t>& buffer) const
{
    buffer.clear();
    ByteSink out(buffer);
    if (is_ble(tx.kind)) {
        if (tx.kind == FrameKind::RemoteIdBle) remote_id_ble(out, tx);
        else ble_advertisement(out, tx);
        return;
    }
    append_radiotap(out, radio_fields(tx));
    const std::size_t mac_start = out.size();
    switch (tx.kind) {
    case FrameKind::Beacon: beacon(out, tx); break;
    case FrameKind::ProbeRequest: probe_request(out, tx); break;
    case FrameKind::ProbeResponse: probe_response(out, tx); break;
    case FrameKind::Authentication: authentication(out, tx); break;
    case FrameKind::AssocRequest:
    case FrameKind::ReassocRequest: association_request(out, tx); break;
    case FrameKind::AssocResponse:
    case FrameKind::ReassocResponse: association_response(out, tx); break;
    case FrameKind::Eap: eap(out, tx); break;
    case FrameKind::EapolKey: eapol_key(out, tx); break;
    case FrameKind::Data: data(out, tx); break;
    case FrameKind::NullData: null_data(out, tx); break;
    case FrameKind::Disassociation: disassociation(out, tx); break;
    case FrameKind::Deauthentication: deauthentication(out, tx); break;
    case FrameKind::Attack: attack(out, tx); break;
    case FrameKind::RemoteIdBeacon: remote_id_beacon(out, tx); break;
    case FrameKind::BleAdvertisement:
    case FrameKind::BleScanResponse:
    case FrameKind::RemoteIdBle: break; // built above
    }
    if (options_.fcs) out.le32(crc32({out.at(mac_start), out.size() - mac_start}));
}

// Randomness for one frame's content, from the transmission alone, so a frame
// is the same bytes whichever channels the radio visited before.
std::uint64_t FrameBuilder::content_key(const Transmission& tx) const
{
    return mix(world_.config.seed, mix(tx.ts_usec, (std::uint64_t{tx.seq} << 32) | (static_cast<std::uint64_t>(tx.kind) << 24) |
                                                       static_cast<std::uint32_t>(tx.client + 1)));
}

void FrameBuilder::attack(ByteSink& out, const Transmission& tx) const
{
    const AttackSpec& spec = *world_.attacks[tx.value];
    spec.build(AttackFrame{world_, world_.aps[0], tx.session, tx.step, tx.seq, tx.ts_usec, tx.channel}, out);
}

RadiotapFields FrameBuilder::radio_fields(const Transmission& tx) const
{
    const bool five = is_5ghz(tx.channel);
    const std::uint64_t jitter = mix(world_.config.seed ^ 0x7369676e, tx.ts_usec ^ (std::uint64_t{tx.seq} << 40));
    RadiotapFields f;
    f.flags = options_.fcs ? kFlagFcs : 0;
    f.freq_mhz = static_cast<std::uint16_t>(channel_freq_mhz(tx.channel));
    f.rate_500kbps = five ? 12 : 2; // management and control traffic: the lowest basic rate
    if (tx.kind == FrameKind::Data && tx.ap >= 0) {
        if (world_.aps[static_cast<std::size_t>(tx.ap)].ht) f.mcs = static_cast<int>(jitter % 16);
        else f.rate_500kbps = 108; // 54 Mb/s
    }
    f.channel_flags = static_cast<std::uint16_t>((five ? kChan5Ghz : kChan2Ghz) | (f.mcs < 0 && is_cck(f.rate_500kbps) ? kChanCck : kChanOfdm));

    int signal = -45; // the flooder sits near the sensor
    if (tx.kind == FrameKind::Attack) signal = world_.attacks[tx.value]->signal_dbm;
    else if (tx.sender == Sender::Ap) signal = world_.aps[static_cast<std::size_t>(tx.ap)].signal_dbm;
    else if (tx.sender == Sender::Client) signal = world_.clients[static_cast<std::size_t>(tx.client)].signal_dbm;
    else if (tx.sender == Sender::Drone) signal = world_.drones[tx.value].signal_dbm;
    f.signal_dbm = static_cast<std::int8_t>(signal + static_cast<int>((jitter >> 8) % 7) - 3);
    f.noise_dbm = static_cast<std::int8_t>((five ? -97 : -93) + static_cast<int>((jitter >> 16) % 3));
    return f;
}

std::uint16_t FrameBuilder::capability(const AccessPoint& ap) const
{
    std::uint16_t cap = 0x0001; // ESS
    if (encrypts_data(ap.security)) cap |= 0x0010;      // privacy
    if (!is_5ghz(ap.channel)) cap |= 0x0020 | 0x0400;    // short preamble, short slot time
    return cap;
}

} // namespace airsight::sim
