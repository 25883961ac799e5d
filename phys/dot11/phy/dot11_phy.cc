#include "phy/dot11_phy.h"

#include "dissect/crypto.h"
#include "phy/frame_component.h"
#include "phy/kismet_type.h"

#include <airsight/crc32.h>
#include <airsight/hex.h>
#include <airsight/printable.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>

namespace airsight::dot11 {
namespace {

std::uint64_t ssid_hash(Bytes ssid)
{
    return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(ssid.data()), ssid.size())) ^
           (std::uint64_t{ssid.size()} << 56);
}

// The advertised channel: the IEs' (DS parameter set, else HT primary), else
// the radio's.
std::string channel_string(const Ies& ies, const Packet& p)
{
    if (unsigned ch = ies.channel()) return std::to_string(ch);
    if (p.radio.freq_khz) {
        if (int ch = wifi_channel_for_mhz(p.radio.freq_khz / 1000)) return std::to_string(ch);
    }
    return "";
}

std::string radio_channel(const Packet& p)
{
    if (!p.radio.freq_khz) return "";
    const int ch = wifi_channel_for_mhz(p.radio.freq_khz / 1000);
    return ch ? std::to_string(ch) : "";
}

// Copies what the handshake pcap needs of a packet: the record as captured and
// where its bare 802.11 frame lies, with the MAC header padding a radiotap
// "data pad" inserted (measured by parsing the header unpadded).
void keep_frame(KeptFrame& out, const Packet& p, const Dissection& d)
{
    std::size_t header = 0, padding = 0;
    if (d.header_padded && p.dlt == dlt_radiotap) {
        const Frame unpadded = parse_frame(p.payload, false);
        if (unpadded.ok && d.frame.header_length > unpadded.header_length) {
            header = unpadded.header_length;
            padding = d.frame.header_length - header;
        }
    }
    out.assign(p, header, padding);
}

// A unicast, non-zero address: broadcast and multicast addresses are groups,
// never devices (Kismet's multicast_mac test), and zero means "not set".
bool usable(const MacAddr& m) { return !m.is_multicast() && !m.is_zero(); }

// What a frame counts for its BSSID when the BSSID did not send it. Kismet
// counts a packet for a BSSID only when it is the frame's source
// (update_common_device gets UCD_UPDATE_PACKETS only then): merely named (a
// probe request's BSSID, the IBSS of two peers' data) it is created or kept
// alive and counts nothing. One departure: a BSSID that is the frame's
// receiver (addr1: authentication or association to the AP, to-DS data, an
// IBSS peer whose address is the BSSID) counts it as received. Kismet counts
// nothing there, only because its destination rule skips the BSSID; tshark's
// wlan.ra names it the receiver. `received` is the update for that case.
unsigned bssid_update_flags(const Frame& f, const MacAddr& bssid, unsigned received)
{
    return bssid == f.addr[0] ? received : DEVICE_NAMED | (received & DEVICE_EXISTING_ONLY);
}

// Kismet's rules for the BSSID of a management frame: an access point, or an
// ad-hoc peer when the frame carries the IBSS capability.
void classify_mgmt_bssid(Device& dev, bool ibss)
{
    set_initial_type(dev, type_name::device);
    if (ibss) {
        dev.basic_type_set |= basic_type::peer;
        dev.type.assign(type_name::adhoc);
    } else {
        dev.basic_type_set |= basic_type::ap;
        type_unless_all(dev, type_name::ap, basic_type::ap | basic_type::peer); // a WDS AP stays one
    }
}

// The source of a management frame is a Wi-Fi device of some kind, never
// just bridged: a client unless known as an AP.
void classify_mgmt_source(Device& dev, bool ibss)
{
    set_initial_type(dev, type_name::device);
    if (ibss) {
        dev.basic_type_set |= basic_type::peer;
        dev.type.assign(type_name::adhoc);
    } else {
        type_unless_any(dev, type_name::client, basic_type::client | basic_type::ap);
        dev.basic_type_set |= basic_type::client;
    }
}

// A device a management frame is addressed to must be a Wi-Fi station.
void classify_mgmt_dest(Device& dev)
{
    set_initial_type(dev, type_name::inferred);
    type_unless_any(dev, type_name::client, basic_type::client | basic_type::ap);
    dev.basic_type_set &= ~basic_type::wired;
    dev.basic_type_set |= basic_type::client;
}

// `same` is a template parameter, not a std::function: no allocation per frame.
template <typename T, typename List, typename Same> T& find_or_add(List& list, std::size_t limit, const Same& same, bool& added)
{
    auto it = std::find_if(list.begin(), list.end(), same);
    added = it == list.end();
    if (!added) return *it;
    if (list.size() >= limit) list.erase(list.begin()); // oldest goes: memory stays bounded
    list.emplace_back();
    return list.back();
}

} // namespace

Dot11Phy::Dot11Phy(DeviceTracker& devices, std::shared_ptr<const Dot11Fields> fields,
                   PacketComponent<Dissection> dissection)
    : devices_(devices), fields_(std::move(fields)), dissection_(dissection), phy_id_(devices.register_phy(kPhyName))
{
}

bool Dot11Phy::is_access_point(const Device& d, const Dot11Fields& fields)
{
    const auto* c = d.find_component<Dot11Device>(fields.device);
    return c && (c->typeset & (device_type::beacon_ap | device_type::probe_ap));
}

Dot11Device& Dot11Phy::component(Device& d) const
{
    Dot11Device& c = d.component<Dot11Device>(fields_->device, [this] { return std::make_unique<Dot11Device>(fields_); });
    return c;
}

void Dot11Phy::decap(Packet& packet) const
{
    if (packet.dlt != dlt_ieee802_11 && packet.dlt != dlt_radiotap && packet.dlt != dlt_ppi) return;
    const Decapped d = dot11::decap(static_cast<int>(packet.dlt), packet.data);
    if (d.not_80211) return; // e.g. PPI around Bluetooth: left unclaimed for another PHY
    if (!d.ok) {
        packet.fail("malformed capture header");
        return;
    }
    packet.radio = d.radio;
    // Kismet computes the CRC of every frame whose capture header says it ends
    // in an FCS (kis_dlt_radiotap.cc, either byte order) and drops the frame
    // when it does not match; the header's bad-FCS flag alone is not enough:
    // rewritten frames (OppoFindX3Neo-A_anonymized.pcap,
    // bad_rsn_parsing_overrides_ssid.pcap) carry a stale FCS and no such flag.
    if (d.radio.fcs_present && !d.radio.fcs_bad) {
        const std::uint8_t* fcs = d.frame.data() + d.frame.size();
        if (fcs >= packet.data.data() && fcs + 4 <= packet.data.data() + packet.data.size()) {
            const std::uint32_t carried = load_le32(fcs);
            const std::uint32_t computed = crc32(d.frame);
            if (carried != computed && carried != __builtin_bswap32(computed)) packet.radio.fcs_bad = true;
        }
    }
    packet.payload = d.frame;
    packet.payload_dlt = dlt_ieee802_11;
    prefetch_devices(d.frame);
    dissection_.attach(packet).header_padded = d.extras.header_padded; // read by dissect()
}

void Dot11Phy::prefetch_devices(std::span<const std::uint8_t> frame) const
{
    // The tracker will look up the frame's addresses after the duplicate
    // filter and the dissector have run: start those memory loads now. Read
    // raw, before parsing; a wrong guess only wastes a prefetch.
    const auto hint = [&](std::size_t offset) {
        if (frame.size() < offset + 6 || (frame[offset] & 1)) return; // absent, or group-addressed
        devices_.prefetch(phy_id_, MacAddr::from_bytes(frame.data() + offset));
    };
    hint(10); // addr2, the transmitter
    hint(4);  // addr1, the receiver
    if (frame.size() >= 1 && (frame[0] & 0x0c) != 0x04) hint(16); // addr3 (control frames have none)
}

void Dot11Phy::dissect(Packet& packet) const
{
    if (packet.payload_dlt != dlt_ieee802_11 || packet.error) return;
    if (packet.radio.fcs_bad) {
        packet.fail("bad FCS");
        return;
    }
    // Our decap attached it; another plugin's decap of an 802.11 payload did not (then no padding is known).
    Dissection& d = dissection_.attach(packet);
    d.frame = parse_frame(packet.payload, packet.dlt == dlt_radiotap && d.header_padded);
    if (!d.frame.ok) {
        packet.fail("malformed 802.11 header");
        return;
    }
    d.has_ies = d.frame.is_management() && !d.frame.mgmt.truncated && !d.frame.mgmt.ies.empty();
    if (d.has_ies) d.ies = parse_ies(d.frame.mgmt.ies);
    d.dissected = true;
    packet.phy_id = phy_id_;
    // Logs and streams read these without knowing 802.11; the transmitter is
    // addr2 (the radio that sent it) where the frame has one.
    packet.addresses.source = d.frame.roles.source;
    packet.addresses.destination = d.frame.roles.dest;
    packet.addresses.network = d.frame.roles.bssid;
    packet.addresses.transmitter = d.frame.address_count >= 2 ? d.frame.addr[1] : MacAddr{};
    packet.kind = d.frame.is_data()         ? PacketKind::data
                  : d.frame.is_management() ? PacketKind::management
                                            : PacketKind::phy; // control and extension frames, as Kismet classes them
    if (shared_frame_.registered() && shares_frame(d)) fill_frame_component(d, shared_frame_.attach(packet));
}

void Dot11Phy::track(Packet& packet) const
{
    Dissection* found = dissection_.find(packet);
    if (packet.phy_id != phy_id_ || !found || !found->dissected) return;
    Dissection& d = *found;
    const Frame& f = d.frame;
    if (!packet.duplicate) devices_.count_packet(phy_id_); // another source's copy counted already
    if (f.is_management()) {
        const std::uint8_t sub = f.fc.subtype;
        if (sub == mgmt_subtype::beacon || sub == mgmt_subtype::probe_resp)
            track_beacon_or_response(packet, d);
        else if (sub == mgmt_subtype::probe_req)
            track_probe_request(packet, d);
        else
            track_management(packet, d);
        track_mgmt_receivers(packet, d);
    } else if (f.is_data()) {
        track_data(packet, d);
    }
    // Control frames carry no reliable transmitter (ACK/CTS have only a receiver):
    // they create no devices, as in Kismet.
}

void Dot11Phy::track_beacon_or_response(const Packet& p, Dissection& d) const
{
    const Frame& f = d.frame;
    const MacAddr ap = f.roles.bssid;
    if (ap.is_multicast() || ap.is_zero()) return;
    const bool beacon = f.is_beacon();
    const bool privacy = f.mgmt.capability && f.mgmt.capability->privacy();
    const bool ibss = f.distribution == Distribution::adhoc; // the IBSS capability without ESS
    // Usually the AP sent it; a station advertising for a BSS it does not
    // transmit as (a Wi-Fi NAN device beaconing for its cluster) only names it.
    const unsigned flags = f.roles.source == ap ? DEVICE_TRANSMITTED | DEVICE_LLC
                                                : bssid_update_flags(f, ap, DEVICE_RECEIVED | DEVICE_LLC);
    std::optional<Dot11Event> event; // a new SSID's, built locked and published unlocked
    devices_.update(phy_id_, ap, p, flags, 0, [&](Device& dev) {
        Dot11Device& c = component(dev);
        c.typeset |= beacon ? device_type::beacon_ap : device_type::probe_ap;
        const auto ts = static_cast<std::uint64_t>(p.ts_sec);
        // Kismet keeps the BSS timestamp of an infrastructure AP's beacons.
        if (beacon && !ibss && f.mgmt.timestamp) {
            if (watch_) watch_->beacon_timestamp(c, *f.mgmt.timestamp, ts, d.alerts);
            c.bss_timestamp = *f.mgmt.timestamp;
        }
        if (watch_ && f.mgmt.capability)
            watch_->bss_mode(c, f.mgmt.capability->ess(), f.mgmt.capability->ibss(), d.alerts);
        std::uint32_t& fingerprint = beacon ? c.beacon_fingerprint : c.response_fingerprint;
        d.advert_changed = fingerprint != d.ies.checksum;
        fingerprint = d.ies.checksum;
        if (beacon) c.last_beacon_timestamp = ts;
        classify_mgmt_bssid(dev, ibss);
        if (!d.has_ies || d.ies.kismet_corrupt) return;
        if (beacon || !c.ssid_frame_is_beacon) {
            if (!c.ssid_frame) c.ssid_frame = std::make_unique<KeptFrame>();
            keep_frame(*c.ssid_frame, p, d);
            c.ssid_frame_is_beacon = beacon;
        }
        std::vector<AdvertisedSsid>& list = beacon ? c.advertised : c.responded;
        const std::uint64_t hash = ssid_hash(d.ies.ssid);
        bool added = false;
        AdvertisedSsid& a = find_or_add<AdvertisedSsid>(list, Dot11Device::kMaxSsids,
                                                        [&](const AdvertisedSsid& x) { return x.ssid_hash == hash; }, added);
        const AdvertisedState before = AdvertisedState::of(a);
        if (added) {
            d.new_ssid = true;
            a.ssid_hash = hash;
            a.first_time = ts;
            a.ssid = printable_text(d.ies.ssid);
            a.ssid_length = static_cast<std::uint32_t>(d.ies.ssid.size());
        }
        a.last_time = ts;
        (beacon ? a.beacon : a.probe_response) = true;
        a.cloaked = d.ies.ssid_cloaked();
        a.channel = channel_string(d.ies, p);
        a.ie_channel = static_cast<std::uint8_t>(d.ies.channel());
        a.ht_mode = std::string(d.ies.ht_mode());
        a.ht_center_1 = d.ies.ht_center_1_mhz();
        a.ht_center_2 = d.ies.ht_center_2_mhz();
        a.channel_width = d.ies.channel_width_mhz();
        a.crypt_bitfield = crypt_bitfield(d.ies, privacy);
        a.crypt_set = legacy_crypt_set(a.crypt_bitfield);
        a.crypt_string = kismet_crypt_string(a.crypt_bitfield);
        a.max_rate = d.ies.kismet_max_rate_mbps();
        // Beacons per second the interval (in 1024 us units) implies, rounded
        // up as Kismet's Ieee80211Interval2NSecs; an interval of 0 keeps the last.
        if (f.mgmt.beacon_interval)
            a.beacon_rate = static_cast<std::uint32_t>(std::ceil(1e6 / (f.mgmt.beacon_interval * 1024.0)));
        a.ietag_checksum = d.ies.checksum;
        const SecurityIe& rsn = d.ies.rsn;
        a.mfp_required = rsn.present && rsn.mfp_required();
        a.mfp_supported = rsn.present && rsn.mfp_capable();
        a.dot11r = d.ies.mobility_domain.has_value();
        a.dot11r_domain = d.ies.mobility_domain ? d.ies.mobility_domain->mdid : 0;
        a.qbss = d.ies.qbss.has_value();
        a.qbss_stations = d.ies.qbss ? d.ies.qbss->station_count : 0;
        a.channel_utilization = d.ies.qbss ? d.ies.qbss->channel_utilization_percent() : 0;
        // A beacon without the 802.11d IE clears it, as in Kismet (DOT11D compares beacons).
        if (d.ies.country)
            a.country = std::string(d.ies.country->code.data(), 2);
        else if (beacon)
            a.country.clear();
        if (d.ies.wps) {
            a.wps = true;
            a.wps_version = d.ies.wps->version;
            a.wps_state = d.ies.wps->kismet_state_bits();
            a.wps_config_methods = d.ies.wps->config_methods;
            a.wps_device_name = printable_text(d.ies.wps->device_name);
        }
        if (beacon) c.last_beaconed = static_cast<int>(&a - list.data());
        if (watch_)
            watch_->advertisement(before, AdvertisedState::of(a), added, beacon, a.ssid, f.roles.source, d.alerts);

        // The device's name is set when a new SSID record appears, as Kismet's
        // handle_ssid does: the SSID, or the MAC for a cloaked one (checked
        // against tshark: a hidden AP is named by its MAC, not left unnamed).
        if (added) dev.name = a.cloaked ? dev.mac.str() : a.ssid;
        // The rest of the summary follows its newest advertisement.
        // Kismet's kismet.device.base.crypt is crypt_to_simple_string() of the
        // advertisement, the same text as its crypt_string ("WPA2 WPA2-PSK
        // AES-CCMP"), not a short summary.
        dev.crypt = a.crypt_string;
        dev.basic_crypt_set = a.crypt_bitfield ? 2 : 0;
        if (!a.channel.empty()) dev.channel = a.channel;
        const std::string_view topic = beacon ? topic::advertised_ssid : topic::response_ssid;
        if (added && events_ && events_->wanted(topic)) [[unlikely]]
            event = events_->new_ssid(topic, dev, c.advertised_record(a));
    });
    if (event) events_->publish(std::move(*event));
}

void Dot11Phy::track_probe_request(const Packet& p, Dissection& d) const
{
    const MacAddr client = d.frame.roles.source;
    if (client.is_multicast() || client.is_zero()) return;
    const MacAddr bssid = d.frame.roles.bssid;
    std::optional<Dot11Event> event; // a new probed SSID's, built locked and published unlocked
    devices_.update(phy_id_, client, p, DEVICE_TRANSMITTED | DEVICE_LLC, 0, [&](Device& dev) {
        Dot11Device& c = component(dev);
        c.typeset |= device_type::client;
        c.probe_fingerprint = d.ies.checksum;
        if (d.has_ies && !d.ies.kismet_corrupt && d.ies.has_ssid && !d.ies.ssid.empty()) {
            const std::string ssid = printable_text(d.ies.ssid);
            bool added = false;
            ProbedSsid& probe = find_or_add<ProbedSsid>(c.probed, Dot11Device::kMaxSsids,
                                                        [&](const ProbedSsid& x) { return x.ssid == ssid; }, added);
            const auto ts = static_cast<std::uint64_t>(p.ts_sec);
            if (added) {
                d.new_ssid = true;
                probe.ssid = ssid;
                probe.ssid_length = static_cast<std::uint32_t>(d.ies.ssid.size());
                probe.first_time = ts;
            }
            probe.last_time = ts;
            if (!bssid.is_broadcast()) probe.bssid = bssid;
            probe.crypt_bitfield = crypt_bitfield(d.ies, false);
            probe.crypt_set = legacy_crypt_set(probe.crypt_bitfield);
            probe.crypt_string = kismet_crypt_string(probe.crypt_bitfield);
            probe.mfp_required = d.ies.rsn.present && d.ies.rsn.mfp_required();
            probe.mfp_supported = d.ies.rsn.present && d.ies.rsn.mfp_capable();
            c.last_probed = static_cast<int>(&probe - c.probed.data());
            if (added && events_ && events_->wanted(topic::probed_ssid)) [[unlikely]]
                event = events_->new_ssid(topic::probed_ssid, dev, c.probed_record(probe));
        }
        if (dev.channel.empty()) dev.channel = radio_channel(p);
        if (client == bssid)
            classify_mgmt_bssid(dev, false);
        else
            classify_mgmt_source(dev, false);
    });
    if (event) events_->publish(std::move(*event));
}

void Dot11Phy::track_management(const Packet& p, const Dissection& d) const
{
    const Frame& f = d.frame;
    const MacAddr tx = f.roles.source;
    if (tx.is_multicast() || tx.is_zero()) return;
    const MacAddr bssid = f.roles.bssid;
    const std::uint8_t sub = f.fc.subtype;
    const bool from_client = tx != bssid;
    devices_.update(phy_id_, tx, p, DEVICE_TRANSMITTED | DEVICE_LLC, 0, [&](Device& dev) {
        Dot11Device& c = component(dev);
        if (from_client && (sub == mgmt_subtype::assoc_req || sub == mgmt_subtype::reassoc_req ||
                            sub == mgmt_subtype::auth))
            c.typeset |= device_type::client;
        if (sub == mgmt_subtype::deauth || sub == mgmt_subtype::disassoc) {
            ++c.client_disconnects;
            c.client_disconnects_last = static_cast<std::uint64_t>(p.ts_sec);
        }
        if (dev.channel.empty()) dev.channel = radio_channel(p);
        if (from_client)
            classify_mgmt_source(dev, false);
        else
            classify_mgmt_bssid(dev, false);
    });
    // (Re)association requests join a client to its BSS.
    if (from_client && !bssid.is_multicast() && !bssid.is_zero() &&
        (sub == mgmt_subtype::assoc_req || sub == mgmt_subtype::reassoc_req))
        associate(p, tx, bssid);
}

Dot11Phy::PairNote Dot11Phy::note_bss(Dot11Device& c, const MacAddr& bssid, std::uint64_t ts,
                                      std::uint64_t data_bytes)
{
    // Keys are formatted only for new pairs, not on every frame.
    PairNote note;
    note.noted = true;
    ClientRecord& rec = find_or_add<ClientRecord>(c.client_of, Dot11Device::kMaxSsids,
                                                  [&](const ClientRecord& r) { return r.bssid == bssid; }, note.new_pair);
    if (note.new_pair) {
        rec.bssid = bssid;
        rec.first_time = ts;
    }
    note.first_time = rec.first_time;
    rec.last_time = ts;
    rec.datasize += data_bytes;
    c.last_bssid = bssid;
    c.has_last_bssid = true;
    return note;
}

void Dot11Phy::offer_client(const MacAddr& bssid, const MacAddr& client, PairNote pair,
                            std::uint64_t ap_first_time) const
{
    // A pair the client already knew was offered to the AP then, so the AP
    // (its list holds up to 4096 clients) is locked and scanned only for a
    // new pair, or when the AP device is newer than the pair (it was
    // forgotten and heard again since).
    if (!pair.noted || (!pair.new_pair && ap_first_time < pair.first_time)) return;
    devices_.with_device(phy_id_, bssid, [&](Device& dev) {
        Dot11Device& c = component(dev);
        if (c.associated_clients.size() >= Dot11Device::kMaxClients) return; // full: nothing can change
        if (!pair.new_pair && dev.first_time < pair.first_time) return;
        c.associated_clients.insert(client);
    });
}

void Dot11Phy::associate(const Packet& p, const MacAddr& client, const MacAddr& bssid) const
{
    PairNote pair;
    devices_.with_device(phy_id_, client,
                         [&](Device& dev) { pair = note_bss(component(dev), bssid, static_cast<std::uint64_t>(p.ts_sec), 0); });
    // The AP's first time is not known here: the largest value makes offer_client look under the AP's lock.
    offer_client(bssid, client, pair, std::numeric_limits<std::uint64_t>::max());
}

void Dot11Phy::track_mgmt_receivers(const Packet& p, const Dissection& d) const
{
    const Frame& f = d.frame;
    const Roles& r = f.roles;
    const bool ibss = f.distribution == Distribution::adhoc;
    // The subtype's handler updated the BSSID of an advertisement, the
    // source of any other frame.
    const bool advertisement = f.fc.subtype == mgmt_subtype::beacon || f.fc.subtype == mgmt_subtype::probe_resp;
    // An advertisement a station sent for another BSSID: the station sent it.
    if (advertisement && usable(r.source) && r.source != r.bssid) {
        devices_.update(phy_id_, r.source, p, DEVICE_TRANSMITTED | DEVICE_LLC, 0, [&](Device& dev) {
            Dot11Device& c = component(dev);
            if (usable(r.bssid)) {
                c.last_bssid = r.bssid;
                c.has_last_bssid = true;
            }
            if (dev.channel.empty()) dev.channel = radio_channel(p);
            classify_mgmt_source(dev, ibss);
        });
    }
    // Kismet makes the BSSID of any management frame a device and an AP
    // (auth, association and probe requests name it before it ever beacons).
    if (!advertisement && usable(r.bssid) && r.bssid != r.source) {
        const unsigned flags = bssid_update_flags(f, r.bssid, DEVICE_RECEIVED | DEVICE_LLC);
        devices_.update(phy_id_, r.bssid, p, flags, 0, [&](Device& dev) {
            Dot11Device& c = component(dev);
            c.last_bssid = r.bssid;
            c.has_last_bssid = true;
            classify_mgmt_bssid(dev, ibss);
        });
    }
    // The addressee (probe responses, authentication, association responses,
    // deauthentication, disassociation, action frames) received it.
    if (usable(r.dest) && r.dest != r.source && r.dest != r.bssid) {
        devices_.update(phy_id_, r.dest, p, DEVICE_RECEIVED | DEVICE_LLC, 0, [&](Device& dev) {
            Dot11Device& c = component(dev);
            if (usable(r.bssid)) {
                c.last_bssid = r.bssid;
                c.has_last_bssid = true;
            }
            classify_mgmt_dest(dev);
        });
    }
}

void Dot11Phy::track_data(const Packet& p, const Dissection& d) const
{
    const Frame& f = d.frame;
    const Roles& r = f.roles;
    const bool is_data = f.carries_data();
    const unsigned crypt = f.fc.protected_frame ? DEVICE_CRYPT : 0u;
    const std::uint64_t bytes = is_data ? f.body.size() : 0;
    // Kismet creates no device from a null or QoS-null frame (they are often
    // corrupt and would make bogus devices): every address of one updates a
    // device only if it is known already (UCD_UPDATE_EXISTING_ONLY).
    const bool null_frame = f.is_null_data();
    const unsigned data_flags =
        (is_data ? (DEVICE_DATA | crypt) : DEVICE_LLC) | (null_frame ? DEVICE_EXISTING_ONLY : 0u);
    const auto retry = [&](Dot11Device& c) {
        if (f.fc.retry) {
            ++c.num_retries;
            c.datasize_retry += bytes;
        }
        if (f.fc.more_fragments || f.fragment) ++c.num_fragments;
        c.datasize += bytes;
    };
    const auto finish = [&](Device& dev) {
        if (dev.channel.empty()) dev.channel = radio_channel(p);
        if (crypt) dev.basic_crypt_set |= 2;
    };
    // Kismet's rules for a data frame's source (unless it is the BSSID).
    const auto classify_source = [&](Device& dev) {
        set_initial_type(dev, type_name::device);
        if (null_frame || f.distribution == Distribution::to_ds || f.distribution == Distribution::adhoc) {
            // Only a radio sends null frames; to-DS and ad-hoc senders are stations.
            type_unless_any(dev, type_name::client, basic_type::client | basic_type::ap);
            dev.basic_type_set |= basic_type::client;
        } else if (f.distribution == Distribution::from_ds) { // behind the AP: bridged from the wire
            type_unless_any(dev, type_name::bridged, basic_type::client | basic_type::ap);
            dev.basic_type_set |= basic_type::wired;
        } else { // WDS
            dev.basic_type_set |= basic_type::peer;
            type_if_only(dev, type_name::wds, basic_type::peer);
        }
    };
    // ... and for its destination (unless it is the source or the BSSID).
    const auto classify_dest = [&](Device& dev) {
        set_initial_type(dev, type_name::inferred);
        if (f.distribution == Distribution::inter_ds) {
            dev.basic_type_set |= basic_type::peer;
            type_if_only(dev, type_name::wds, basic_type::peer);
        } else if (f.distribution == Distribution::adhoc) {
            dev.basic_type_set |= basic_type::peer;
            dev.type.assign(type_name::adhoc);
        } else {
            type_if_only(dev, type_name::device, basic_type::device); // its role is unknown
        }
    };
    // A unicast destination that is none of the addresses already updated.
    const auto track_dest = [&](const MacAddr& dest, std::initializer_list<MacAddr> updated) {
        if (!usable(dest) || std::find(updated.begin(), updated.end(), dest) != updated.end()) return;
        devices_.update(phy_id_, dest, p, DEVICE_RECEIVED | data_flags, 0, [&](Device& dev) {
        component(dev);
        classify_dest(dev);
        finish(dev);
    });
    };

    switch (f.distribution) {
    case Distribution::to_ds: { // client -> AP (-> DA, maybe on the wire)
        const MacAddr client = r.source, ap = r.bssid;
        if (!usable(client) || ap.is_multicast()) return;
        // The AP (the BSSID) received it: addr1, counted as received (see
        // bssid_update_flags). Kismet leaves a to-DS BSSID's type alone.
        // Updated first, so the client records its BSS only when the AP is tracked.
        std::uint64_t ap_first_time = 0;
        const bool have_ap = devices_.update(phy_id_, ap, p, DEVICE_RECEIVED | data_flags, 0, [&](Device& dev) {
            Dot11Device& c = component(dev);
            c.typeset |= device_type::inferred_wireless;
            set_initial_type(dev, type_name::device);
            finish(dev);
            ap_first_time = dev.first_time;
        });
        PairNote pair;
        devices_.update(phy_id_, client, p, DEVICE_TRANSMITTED | data_flags, bytes, [&](Device& dev) {
            Dot11Device& c = component(dev);
            c.typeset |= device_type::client;
            retry(c);
            classify_source(dev);
            finish(dev);
            if (have_ap) pair = note_bss(c, ap, static_cast<std::uint64_t>(p.ts_sec), bytes);
        });
        track_dest(r.dest, {client, ap});
        offer_client(ap, client, pair, ap_first_time); // only once the client noted it (both tracked)
        if (f.eapol && f.eapol->key) record_eapol(p, d, ap, client);
        break;
    }
    case Distribution::from_ds: { // AP -> client (the source may be wired, behind the AP)
        const MacAddr ap = r.bssid, dest = r.dest, source = r.source;
        if (!usable(ap)) return;
        std::uint64_t ap_first_time = 0;
        const bool have_ap =
            devices_.update(phy_id_, ap, p, DEVICE_TRANSMITTED | data_flags, bytes, [&](Device& dev) {
                Dot11Device& c = component(dev);
                c.typeset |= device_type::inferred_wireless;
                retry(c);
                set_initial_type(dev, type_name::device);
                dev.basic_type_set |= basic_type::ap;
                dev.type.assign(type_name::ap);
                finish(dev);
                ap_first_time = dev.first_time;
            });
        if (usable(dest)) {
            PairNote pair;
            devices_.update(phy_id_, dest, p, DEVICE_RECEIVED | data_flags, 0, [&](Device& dev) {
                Dot11Device& c = component(dev);
                c.typeset |= device_type::client;
                if (dest != source && dest != ap) classify_dest(dev);
                finish(dev);
                if (have_ap) pair = note_bss(c, ap, static_cast<std::uint64_t>(p.ts_sec), 0);
            });
            offer_client(ap, dest, pair, ap_first_time);
            if (f.eapol && f.eapol->key) record_eapol(p, d, ap, dest);
        }
        // A source other than the AP sent it from behind the AP: counted as
        // its sender, but the radio heard is the AP's (Kismet updates a data
        // source's signal only for to-DS frames).
        if (usable(source) && source != ap) {
            devices_.update(phy_id_, source, p, DEVICE_TRANSMITTED | DEVICE_RELAYED | data_flags, bytes,
                            [&](Device& dev) {
                                Dot11Device& c = component(dev);
                                c.typeset |= device_type::wired;
                                classify_source(dev);
                                finish(dev);
                            });
        }
        break;
    }
    case Distribution::inter_ds: { // WDS: RA TA DA SA, no BSSID
        // Kismet's rule: the source (SA) and destination (DA) are WDS peers;
        // the radios (TA, RA), when they are not the ends themselves, are
        // WDS APs (AP and peer).
        const MacAddr tx = r.transmitter, rx = r.receiver, source = r.source;
        const auto wds_ap = [&](Device& dev) {
            dev.basic_type_set |= basic_type::ap | basic_type::peer;
            dev.type.assign(type_name::wds_ap);
        };
        if (usable(tx))
            devices_.update(phy_id_, tx, p, DEVICE_TRANSMITTED | data_flags, bytes, [&](Device& dev) {
                Dot11Device& c = component(dev);
                c.typeset |= device_type::wds;
                retry(c);
                set_initial_type(dev, type_name::device);
                if (tx == source)
                    classify_source(dev);
                else
                    wds_ap(dev);
                finish(dev);
            });
        // The 4th address: the host that sent it through the transmitting
        // WDS AP. Kismet counts the packet as its (common source), without the
        // relay's signal.
        if (usable(source) && source != tx)
            devices_.update(phy_id_, source, p, DEVICE_TRANSMITTED | DEVICE_RELAYED | data_flags, bytes,
                            [&](Device& dev) {
                                Dot11Device& c = component(dev);
                                c.typeset |= device_type::wds;
                                retry(c);
                                classify_source(dev);
                                finish(dev);
                            });
        if (usable(rx) && rx != tx && rx != source)
            devices_.update(phy_id_, rx, p, DEVICE_RECEIVED | data_flags, 0, [&](Device& dev) {
                Dot11Device& c = component(dev);
                c.typeset |= device_type::wds;
                set_initial_type(dev, type_name::device);
                if (rx == r.dest)
                    classify_dest(dev);
                else
                    wds_ap(dev);
                finish(dev);
            });
        track_dest(r.dest, {tx, rx, source});
        break;
    }
    case Distribution::adhoc: { // IBSS: DA SA BSSID, peers share a BSSID that is no AP
        const MacAddr tx = r.source, bssid = r.bssid;
        if (!usable(tx)) return;
        devices_.update(phy_id_, tx, p, DEVICE_TRANSMITTED | data_flags, bytes, [&](Device& dev) {
            Dot11Device& c = component(dev);
            c.typeset |= device_type::adhoc;
            retry(c);
            classify_source(dev);
            finish(dev);
        });
        // Kismet makes the IBSS's BSSID an ad-hoc device even when it is only
        // named (neither sender nor receiver).
        if (usable(bssid) && bssid != tx)
            devices_.update(phy_id_, bssid, p, bssid_update_flags(f, bssid, DEVICE_RECEIVED | data_flags), 0,
                            [&](Device& dev) {
                                Dot11Device& c = component(dev);
                                c.typeset |= device_type::adhoc;
                                c.last_bssid = bssid;
                                c.has_last_bssid = true;
                                set_initial_type(dev, type_name::device);
                                dev.basic_type_set |= basic_type::peer;
                                dev.type.assign(type_name::adhoc);
                                finish(dev);
                            });
        track_dest(r.dest, {tx, bssid});
        break;
    }
    default: break;
    }
}

void Dot11Phy::record_eapol(const Packet& p, const Dissection& d, const MacAddr& ap, const MacAddr& client) const
{
    if (p.duplicate) return; // the first source's copy is kept already
    const EapolKey& key = *d.frame.eapol->key;
    EapolRecord rec;
    rec.timestamp = static_cast<double>(p.ts_sec) + p.ts_usec / 1e6;
    rec.direction = static_cast<std::uint8_t>(d.frame.distribution);
    rec.message_num = key.message_number();
    rec.replay_counter = key.replay_counter;
    rec.install = key.install();
    rec.nonce = hex_string(key.nonce);
    rec.pmkid = hex_string(key.pmkid);
    keep_frame(rec.packet, p, d);
    std::optional<Dot11Event> event; // built locked and published unlocked
    devices_.with_device(phy_id_, ap, [&](Device& dev) {
        Dot11Device& c = component(dev);
        auto it = std::find_if(c.handshakes.begin(), c.handshakes.end(), [&](const auto& h) { return h.first == client; });
        if (it == c.handshakes.end()) {
            if (c.handshakes.size() >= Dot11Device::kMaxHandshakeClients) c.handshakes.erase(c.handshakes.begin());
            c.handshakes.emplace_back(client, std::vector<EapolRecord>{});
            it = c.handshakes.end() - 1;
        }
        if (it->second.size() >= Dot11Device::kMaxEapolPerClient) it->second.erase(it->second.begin());
        rec.sequence = c.eapol_count++;
        it->second.push_back(std::move(rec));
        if (events_ && events_->wanted(topic::wpa_handshake)) [[unlikely]]
            event = events_->handshake(dev, c);
    });
    if (event) events_->publish(std::move(*event));
}

} // namespace airsight::dot11
